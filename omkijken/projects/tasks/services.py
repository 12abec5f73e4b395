"""Writes of the phase checklists: templates (data the project leader edits), tasks and milestones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Membership, User
from omkijken.accounts.policy import can
from omkijken.projects.models import PHASE_ORDER, Project, WorkingGroup, WorkingGroupMember
from omkijken.projects.tasks.models import Milestone, Task, TaskTemplate

# "Start like De Brug" also carries lessons over. The lessons live in another sub-context (issue 12,
# part 5): it registers a hook here, ``hook(source=..., target=..., actor=...)``, run inside the
# transaction that creates the new project.
START_LIKE_HOOKS: list[Callable[..., None]] = []


def run_start_like_hooks(*, source: Project, target: Project, actor: User) -> None:
    for hook in START_LIKE_HOOKS:
        hook(source=source, target=target, actor=actor)


def _check_leader(actor: User, project: Project) -> None:
    if not can(actor, "change_project") or project.corporation_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied


def copy_templates(*, source: Project, target: Project) -> int:
    """Copy every task template of ``source`` into ``target`` (which has none of its own yet)."""
    copies = [
        TaskTemplate(
            project=target,
            phase=t.phase,
            group_kind=t.group_kind,
            title=t.title,
            due_after_days=t.due_after_days,
        )
        for t in TaskTemplate.objects.filter(project=source)
    ]
    TaskTemplate.objects.bulk_create(copies, ignore_conflicts=True)
    return len(copies)


def create_phase_tasks(*, project: Project, phase: str, start: dt.date) -> list[Task]:
    """The tasks of ``phase`` from the project's templates, each owned by its group's chair."""
    groups = {g.kind: g for g in WorkingGroup.objects.filter(project=project)}
    chairs = dict(
        WorkingGroupMember.objects.filter(group__project=project, is_chair=True).values_list(
            "group_id", "user_id"
        )
    )
    tasks = [
        Task(
            project=project,
            group=groups[t.group_kind],
            phase=phase,
            title=t.title,
            owner_id=chairs.get(groups[t.group_kind].pk),
            due_date=start + dt.timedelta(days=t.due_after_days),
            source=Task.Source.TEMPLATE,
        )
        for t in TaskTemplate.objects.filter(project=project, phase=phase)
        if t.group_kind in groups
    ]
    return Task.objects.bulk_create(tasks)


@transaction.atomic
def template_create(
    *, project: Project, phase: str, group_kind: str, title: str, due_after_days: int, actor: User
) -> TaskTemplate:
    _check_leader(actor, project)
    if phase not in PHASE_ORDER:
        raise ValidationError({"phase": _("Unknown phase.")})
    if group_kind not in WorkingGroup.Kind.values:
        raise ValidationError({"group_kind": _("Unknown working group.")})
    if not title.strip():
        raise ValidationError({"title": _("Describe the task.")})
    if TaskTemplate.objects.filter(
        project=project, phase=phase, group_kind=group_kind, title=title.strip()
    ).exists():
        raise ValidationError({"title": _("This phase's checklist for this group already has this task.")})
    return TaskTemplate.objects.create(
        project=project,
        phase=phase,
        group_kind=group_kind,
        title=title.strip(),
        due_after_days=due_after_days,
    )


@transaction.atomic
def template_delete(*, template: TaskTemplate, actor: User) -> None:
    _check_leader(actor, template.project)
    template.delete()


@transaction.atomic
def task_create(
    *,
    project: Project,
    group: WorkingGroup,
    phase: str,
    title: str,
    owner: User | None,
    due_date: dt.date,
    actor: User,
) -> Task:
    _check_leader(actor, project)
    errors: dict[str, str] = {}
    if group.project_id != project.pk:
        errors["group"] = _("This working group belongs to another project.")
    if phase not in PHASE_ORDER:
        errors["phase"] = _("Unknown phase.")
    elif PHASE_ORDER.index(phase) < PHASE_ORDER.index(project.phase):
        errors["phase"] = _("This phase is closed: add the task to the current phase or a later one.")
    if not title.strip():
        errors["title"] = _("Describe the task.")
    if due_date < timezone.localdate():
        errors["due_date"] = _("The due date lies in the past; pick today or a later day.")
    if owner is not None:
        org = Membership.objects.filter(user=owner).values_list("organisation_id", flat=True).first()
        in_group = WorkingGroupMember.objects.filter(group=group, user=owner).exists()
        if org != project.corporation_id and not in_group:
            errors["owner"] = _(
                "The owner must work at your corporation or be a member of the working group."
            )
    if errors:
        raise ValidationError(errors)
    return Task.objects.create(
        project=project,
        group=group,
        phase=phase,
        title=title.strip(),
        owner=owner,
        due_date=due_date,
        source=Task.Source.MANUAL,
    )


def may_work_on(actor: User, task: Task) -> bool:
    """The project's leaders and the members of the task's working group."""
    leader = can(actor, "change_project") and task.project.corporation_id == getattr(
        actor.organisation, "pk", None
    )
    return leader or WorkingGroupMember.objects.filter(group_id=task.group_id, user=actor).exists()


@transaction.atomic
def task_set_status(*, task: Task, status: str, actor: User) -> Task:
    if not may_work_on(actor, task):
        raise PermissionDenied
    task = Task.objects.select_for_update().get(pk=task.pk)
    if status not in Task.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == task.status:
        raise ValidationError({"status": _("The task already has this status.")})
    task.status = status
    if status == Task.Status.DONE:
        task.done_by, task.done_at = actor, timezone.now()
    else:
        task.done_by, task.done_at = None, None
    task.save(update_fields=["status", "done_by", "done_at"])
    return task


@transaction.atomic
def milestone_create(*, project: Project, kind: str, title: str, on: dt.date, actor: User) -> Milestone:
    _check_leader(actor, project)
    errors: dict[str, str] = {}
    if kind not in Milestone.Kind.values:
        errors["kind"] = _("Unknown kind of milestone.")
    if not title.strip():
        errors["title"] = _("Describe the milestone.")
    if on < timezone.localdate():
        errors["on"] = _("The date lies in the past; pick today or a later day.")
    if errors:
        raise ValidationError(errors)
    return Milestone.objects.create(project=project, kind=kind, title=title.strip(), on=on)
