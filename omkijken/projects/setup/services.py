"""Writes that set a project up. Each takes the acting user, is atomic, and checks that every record
it is given belongs to the actor's corporation."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Membership, Organisation, User
from omkijken.accounts.policy import can
from omkijken.portfolio.models import Complex, Section
from omkijken.projects.models import (
    CarePartnerAgreement,
    Phase,
    PhaseChange,
    Project,
    WorkingGroup,
    WorkingGroupMember,
)
from omkijken.projects.tasks.models import Task
from omkijken.projects.tasks.services import copy_templates, create_phase_tasks, run_start_like_hooks
from omkijken.residents.models import Lease, LeaseType
from omkijken.residents.selectors import current_lease_filter


def check_leader(actor: User, project: Project) -> None:
    """Only the project's corporation's project leaders (and admins) set a project up."""
    if not can(actor, "change_project") or project.corporation_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied


def organisation_of(user: User) -> int | None:
    return Membership.objects.filter(user=user).values_list("organisation_id", flat=True).first()


@transaction.atomic
def project_create(
    *,
    name: str,
    description: str,
    complexes: Iterable[Complex],
    target: Decimal,
    tolerance: Decimal,
    start_date: dt.date,
    leader: User | None,
    like: Project | None,
    actor: User,
) -> Project:
    """A new project in its first phase, with its three working groups and the first phase's tasks.
    With ``like``, it starts from that project's task templates (and, where they exist, lessons)."""
    corporation = actor.organisation
    if (
        not can(actor, "change_project")
        or corporation is None
        or corporation.kind != Organisation.Kind.CORPORATION
    ):
        raise PermissionDenied
    complexes = list(complexes)
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = _("Give the project a name.")
    elif Project.objects.filter(corporation=corporation, name=name.strip()).exists():
        errors["name"] = _("Your corporation already has a project with this name.")
    if not complexes:
        errors["complexes"] = _("Pick at least one complex.")
    elif any(c.corporation_id != corporation.pk for c in complexes):
        errors["complexes"] = _("A complex of another organisation cannot be part of your project.")
    if not (Decimal(0) <= target <= Decimal(1)):
        errors["target_vulnerable_share"] = _("The target share must lie between 0% and 100%.")
    if not (Decimal(0) <= tolerance <= Decimal("0.5")):
        errors["tolerance"] = _("The tolerance must lie between 0 and 50 percentage points.")
    if start_date < timezone.localdate():
        errors["start_date"] = _("The start date lies in the past; pick today or a later day.")
    if leader is not None and organisation_of(leader) != corporation.pk:
        errors["leader"] = _("The project leader must work at your corporation.")
    if like is not None and like.corporation_id != corporation.pk:
        errors["like"] = _("You can only start from a project of your own corporation.")
    if errors:
        raise ValidationError(errors)
    project = Project.objects.create(
        corporation=corporation,
        name=name.strip(),
        description=description,
        phase=Phase.INITIATIVE,
        target_vulnerable_share=target,
        tolerance=tolerance,
        start_date=start_date,
        leader=leader,
    )
    project.complexes.set(complexes)
    note = (
        _("Project created.")
        if like is None
        else _("Project created, starting like %(name)s.") % {"name": like.name}
    )
    PhaseChange.objects.create(project=project, from_phase="", to_phase=Phase.INITIATIVE, by=actor, note=note)
    for kind in WorkingGroup.Kind.values:
        group = WorkingGroup.objects.create(project=project, kind=kind)
        if leader is not None:
            WorkingGroupMember.objects.create(group=group, user=leader, is_chair=False)
    if like is not None:
        copy_templates(source=like, target=project)
        run_start_like_hooks(source=like, target=project, actor=actor)
    create_phase_tasks(project=project, phase=Phase.INITIATIVE, start=start_date)
    return project


@transaction.atomic
def working_group_add_member(
    *, group: WorkingGroup, user: User, is_chair: bool, actor: User
) -> WorkingGroupMember:
    project = group.project
    check_leader(actor, project)
    org = organisation_of(user)
    partners = set(project.agreements.values_list("care_partner_id", flat=True))
    if org != project.corporation_id and org not in partners:
        raise ValidationError(
            {
                "user": _(
                    "Only staff of your corporation or of a care partner of this project can join a working group."
                )
            }
        )
    if WorkingGroupMember.objects.filter(group=group, user=user).exists():
        raise ValidationError(
            {"user": _("%(name)s is already a member of this group.") % {"name": user.get_full_name()}}
        )
    if is_chair:
        WorkingGroupMember.objects.filter(group=group, is_chair=True).update(is_chair=False)
    return WorkingGroupMember.objects.create(group=group, user=user, is_chair=is_chair)


@transaction.atomic
def working_group_remove_member(*, membership: WorkingGroupMember, actor: User) -> None:
    check_leader(actor, membership.group.project)
    membership.delete()


def add_months(day: dt.date, months: int) -> dt.date:
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _support_end(agreement: CarePartnerAgreement) -> dt.date:
    return add_months(agreement.start_date, agreement.support_months)


@transaction.atomic
def agreement_create(
    *,
    project: Project,
    complex: Complex,
    care_partner: Organisation,
    capacity: int,
    room: str,
    contact_name: str,
    contact_phone: str,
    start_date: dt.date,
    support_months: int,
    actor: User,
) -> CarePartnerAgreement:
    check_leader(actor, project)
    errors: dict[str, str] = {}
    if not project.complexes.filter(pk=complex.pk).exists():
        errors["complex"] = _("This complex is not part of the project.")
    if care_partner.kind != Organisation.Kind.CARE_PARTNER:
        errors["care_partner"] = _("Pick a care partner.")
    if capacity < 1:
        errors["capacity"] = _("An agreement is for at least one client.")
    if support_months < 1:
        errors["support_months"] = _("The support period lasts at least one month.")
    if start_date < timezone.localdate():
        errors["start_date"] = _("The start date lies in the past; pick today or a later day.")
    if errors:
        raise ValidationError(errors)
    if CarePartnerAgreement.objects.filter(
        project=project, complex=complex, care_partner=care_partner
    ).exists():
        raise ValidationError(
            _("This care partner already has an agreement for this complex in this project.")
        )
    try:
        with transaction.atomic():
            agreement = CarePartnerAgreement.objects.create(
                project=project,
                complex=complex,
                care_partner=care_partner,
                capacity=capacity,
                room=room,
                contact_name=contact_name,
                contact_phone=contact_phone,
                start_date=start_date,
                support_months=support_months,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("This care partner already has an agreement for this complex in this project.")
        ) from exc
    schedule_reminders(project=project, on=timezone.localdate())
    return agreement


@transaction.atomic
def agreement_end(*, agreement: CarePartnerAgreement, end_date: dt.date, actor: User) -> CarePartnerAgreement:
    check_leader(actor, agreement.project)
    if agreement.end_date is not None:
        raise ValidationError(_("This agreement has already ended."))
    if end_date < agreement.start_date:
        raise ValidationError({"end_date": _("The end date lies before the agreement's start.")})
    if end_date < timezone.localdate():
        raise ValidationError({"end_date": _("The end date lies in the past; pick today or a later day.")})
    agreement.end_date = end_date
    agreement.save(update_fields=["end_date"])
    return agreement


@transaction.atomic
def section_set_cap(
    *, project: Project, section: Section, max_vulnerable: int | None, actor: User
) -> Section:
    check_leader(actor, project)
    if not project.complexes.filter(pk=section.complex_id).exists():
        raise ValidationError(_("This section is not in one of the project's complexes."))
    if max_vulnerable is not None and max_vulnerable > section.units.count():
        raise ValidationError(
            {"max_vulnerable": _("The cap cannot be higher than the number of homes in the section.")}
        )
    section.max_vulnerable = max_vulnerable
    section.save(update_fields=["max_vulnerable"])
    return section


def reminder_days() -> int:
    return int(getattr(settings, "PROJECT_REMINDER_DAYS", 90))


@transaction.atomic
def schedule_reminders(*, project: Project, on: dt.date) -> list[Task]:
    """Tasks for what falls due within the reminder horizon and has no task yet: the end of each
    agreement's support period and each omklap lease's flip date in the project's complexes.
    They go to the letting group (its chair owns them). Safe to run again (cron, after a change)."""
    horizon = on + dt.timedelta(days=reminder_days())
    group = WorkingGroup.objects.filter(project=project, kind=WorkingGroup.Kind.LETTING).first()
    if group is None:
        return []
    chair = (
        WorkingGroupMember.objects.filter(group=group, is_chair=True)
        .values_list("user_id", flat=True)
        .first()
    )
    existing = set(
        Task.objects.filter(
            project=project, source__in=[Task.Source.SUPPORT_END, Task.Source.OMKLAP]
        ).values_list("source", "source_key")
    )
    made: list[Task] = []
    for agreement in project.agreements.select_related("care_partner", "complex").filter(
        end_date__isnull=True
    ):
        due = _support_end(agreement)
        key = str(agreement.pk)
        if on <= due <= horizon and (Task.Source.SUPPORT_END, key) not in existing:
            made.append(
                Task(
                    project=project,
                    group=group,
                    phase=project.phase,
                    title=_("Support period of %(partner)s in %(complex)s ends: agree on what follows")
                    % {"partner": agreement.care_partner.name, "complex": agreement.complex.name},
                    owner_id=chair,
                    due_date=due,
                    source=Task.Source.SUPPORT_END,
                    source_key=key,
                )
            )
    leases = Lease.objects.filter(
        current_lease_filter(on),
        lease_type=LeaseType.OMKLAP,
        unit__complex__in=project.complexes.all(),
        flip_date__gte=on,
        flip_date__lte=horizon,
    ).select_related("unit")
    for lease in leases:
        key = str(lease.pk)
        if (Task.Source.OMKLAP, key) not in existing and lease.flip_date is not None:
            made.append(
                Task(
                    project=project,
                    group=group,
                    phase=project.phase,
                    title=_("Omklap of %(address)s: the lease passes to the resident")
                    % {"address": f"{lease.unit.street} {lease.unit.house_number}"},
                    owner_id=chair,
                    due_date=lease.flip_date,
                    source=Task.Source.OMKLAP,
                    source_key=key,
                )
            )
    Task.objects.bulk_create(made)
    return made
