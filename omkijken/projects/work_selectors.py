"""Reads of the project work pages (tasks, templates, partner talks, decisions, documents, the
portfolio), each scoped through :func:`omkijken.projects.selectors.projects_for`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from omkijken.accounts.models import Membership, Role, User
from omkijken.portfolio.models import Complex, Section
from omkijken.projects.decisions.models import Decision, Document
from omkijken.projects.models import CarePartnerAgreement, Project, WorkingGroup, WorkingGroupMember
from omkijken.projects.partners.models import PartnerTalk, PartnerTalkNote
from omkijken.projects.selectors import projects_for
from omkijken.projects.tasks.models import Milestone, Task, TaskTemplate


def project_for(actor: User, pk: int) -> Project:
    found = projects_for(actor).select_related("corporation", "leader").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def project_tasks(project: Project) -> QuerySet[Task]:
    return (
        Task.objects.filter(project=project)
        .select_related("group", "owner", "done_by")
        .order_by("status", "due_date", "id")
    )


def task_for(actor: User, pk: int) -> Task:
    task = (
        Task.objects.filter(project__in=projects_for(actor))
        .select_related("project", "group", "owner")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    return task


def templates_of(project: Project) -> QuerySet[TaskTemplate]:
    return TaskTemplate.objects.filter(project=project)


def template_for(actor: User, pk: int) -> TaskTemplate:
    found = (
        TaskTemplate.objects.filter(project__in=projects_for(actor), pk=pk).select_related("project").first()
    )
    if found is None:
        raise Http404
    return found


def project_groups(project: Project) -> list[WorkingGroup]:
    members = WorkingGroupMember.objects.select_related("user").order_by("-is_chair", "user__last_name")
    return list(
        WorkingGroup.objects.filter(project=project).prefetch_related(
            Prefetch("memberships", queryset=members)
        )
    )


def membership_for(actor: User, pk: int) -> WorkingGroupMember:
    found = (
        WorkingGroupMember.objects.filter(group__project__in=projects_for(actor), pk=pk)
        .select_related("group__project", "user")
        .first()
    )
    if found is None:
        raise Http404
    return found


def staff_for(project: Project) -> QuerySet[User]:
    """Who may join a project's working groups: staff of its corporation and of its care partners."""
    partners = CarePartnerAgreement.objects.filter(project=project).values("care_partner_id")
    orgs = Q(organisation=project.corporation_id) | Q(organisation__in=partners)
    users = Membership.objects.filter(orgs).values("user_id")
    return User.objects.filter(pk__in=users, is_active=True).order_by("last_name", "first_name")


def leaders_for(actor: User) -> QuerySet[User]:
    """Who may lead a new project of the actor's corporation: its project leaders."""
    users = Membership.objects.filter(organisation=actor.organisation, role=Role.PROJECT_LEADER).values(
        "user_id"
    )
    return User.objects.filter(pk__in=users, is_active=True).order_by("last_name", "first_name")


def agreements_of(project: Project) -> QuerySet[CarePartnerAgreement]:
    return CarePartnerAgreement.objects.filter(project=project).select_related("care_partner", "complex")


def agreement_for(actor: User, pk: int) -> CarePartnerAgreement:
    found = (
        CarePartnerAgreement.objects.filter(project__in=projects_for(actor), pk=pk)
        .select_related("project")
        .first()
    )
    if found is None:
        raise Http404
    return found


def sections_of(project: Project) -> QuerySet[Section]:
    return (
        Section.objects.filter(complex__in=project.complexes.all())
        .select_related("complex")
        .annotate(homes=Count("units"))
        .order_by("complex__name", "name")
    )


def section_for(project: Project, pk: int) -> Section:
    found = Section.objects.filter(complex__in=project.complexes.all(), pk=pk).first()
    if found is None:
        raise Http404
    return found


def complexes_for(actor: User) -> QuerySet[Complex]:
    return Complex.objects.filter(corporation=actor.organisation).order_by("name")


# -- partner talks -----------------------------------------------------------------------------------
def talks_of(project: Project) -> QuerySet[PartnerTalk]:
    return (
        PartnerTalk.objects.filter(project=project)
        .select_related("care_partner", "complex", "agreement")
        .annotate(note_count=Count("notes"))
        .order_by("care_partner__name")
    )


def talk_for(actor: User, pk: int) -> PartnerTalk:
    found = (
        PartnerTalk.objects.filter(project__in=projects_for(actor), pk=pk)
        .select_related("project", "care_partner", "complex", "agreement")
        .prefetch_related(Prefetch("notes", queryset=PartnerTalkNote.objects.select_related("by")))
        .first()
    )
    if found is None:
        raise Http404
    return found


# -- decisions and documents -------------------------------------------------------------------------
def decisions_of(project: Project) -> QuerySet[Decision]:
    return Decision.objects.filter(project=project).select_related("group", "recorded_by")


def documents_of(project: Project) -> QuerySet[Document]:
    return (
        Document.objects.filter(project=project).select_related("uploaded_by").order_by("title", "-version")
    )


def document_for(actor: User, pk: int) -> Document:
    found = Document.objects.filter(project__in=projects_for(actor), pk=pk).first()
    if found is None:
        raise Http404
    return found


# -- the portfolio -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class PortfolioFilter:
    project: int | None = None
    group: str = ""
    owner: int | None = None


def _task_filter(f: PortfolioFilter, prefix: str = "") -> Q:
    q = Q()
    if f.project:
        q &= Q(**{f"{prefix}project_id": f.project})
    if f.group:
        q &= Q(**{f"{prefix}group__kind": f.group})
    if f.owner:
        q &= Q(**{f"{prefix}owner_id": f.owner})
    return q


def portfolio_projects(actor: User, f: PortfolioFilter, *, on: dt.date | None = None) -> QuerySet[Project]:
    """Every project the actor sees, with its open, overdue and blocked tasks counted (within the
    filter) and its next key handover."""
    on = on or timezone.localdate()
    tasks = _task_filter(f, "tasks__")
    not_done = ~Q(tasks__status=Task.Status.DONE)
    next_handover = (
        Milestone.objects.filter(project=OuterRef("pk"), kind=Milestone.Kind.KEY_HANDOVER, on__gte=on)
        .order_by("on")
        .values("on")[:1]
    )
    projects = projects_for(actor)
    if f.project:
        projects = projects.filter(pk=f.project)
    return (
        projects.select_related("leader")
        .prefetch_related(Prefetch("complexes", queryset=Complex.objects.order_by("name")))
        .annotate(
            open_tasks=Count("tasks", filter=tasks & not_done, distinct=True),
            overdue_tasks=Count("tasks", filter=tasks & not_done & Q(tasks__due_date__lt=on), distinct=True),
            blocked_tasks=Count("tasks", filter=tasks & Q(tasks__status=Task.Status.BLOCKED), distinct=True),
            next_key_handover=Subquery(next_handover),
        )
        .order_by("name")
    )


def attention_tasks(actor: User, f: PortfolioFilter, *, on: dt.date | None = None) -> QuerySet[Task]:
    """Overdue and blocked tasks across the actor's projects, oldest due first."""
    on = on or timezone.localdate()
    return (
        Task.objects.filter(project__in=projects_for(actor))
        .filter(_task_filter(f))
        .filter(Q(status=Task.Status.BLOCKED) | (Q(status=Task.Status.OPEN) & Q(due_date__lt=on)))
        .select_related("project", "group", "owner")
        .order_by("due_date", "id")
    )


def upcoming_milestones(
    actor: User, f: PortfolioFilter, *, on: dt.date | None = None, limit: int = 10
) -> list[Milestone]:
    on = on or timezone.localdate()
    milestones = Milestone.objects.filter(project__in=projects_for(actor), on__gte=on)
    if f.project:
        milestones = milestones.filter(project_id=f.project)
    return list(milestones.select_related("project").order_by("on", "id")[:limit])


def task_owners(actor: User) -> QuerySet[User]:
    owners = Task.objects.filter(project__in=projects_for(actor), owner__isnull=False).values("owner_id")
    return User.objects.filter(pk__in=owners).order_by("last_name", "first_name")
