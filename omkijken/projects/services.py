"""Writes to projects. Each takes the acting user, is atomic and leaves a history row."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.projects.models import PHASE_ORDER, PhaseChange, Project
from omkijken.projects.tasks.services import create_phase_tasks


@transaction.atomic
def project_change_phase(*, project: Project, to_phase: str, note: str, actor: User) -> PhaseChange:
    if not can(actor, "change_project") or project.corporation_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied
    project = Project.objects.select_for_update().get(pk=project.pk)
    if to_phase not in PHASE_ORDER:
        raise ValidationError({"to_phase": _("Unknown phase.")})
    if to_phase == project.phase:
        raise ValidationError({"to_phase": _("The project is already in this phase.")})
    if PHASE_ORDER.index(to_phase) < PHASE_ORDER.index(project.phase) and not note.strip():
        raise ValidationError({"note": _("Say why the project goes back to an earlier phase.")})
    change = PhaseChange.objects.create(
        project=project, from_phase=project.phase, to_phase=to_phase, by=actor, note=note
    )
    project.phase = to_phase
    project.save(update_fields=["phase"])
    # A phase entered for the first time gets its checklist; going back does not repeat it.
    if not project.tasks.filter(phase=to_phase).exists():
        create_phase_tasks(project=project, phase=to_phase, start=timezone.localdate())
    return change


@transaction.atomic
def project_set_mix_target(*, project: Project, target: Decimal, tolerance: Decimal, actor: User) -> Project:
    if not can(actor, "change_project") or project.corporation_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied
    if not (Decimal(0) <= target <= Decimal(1)):
        raise ValidationError(
            {"target_vulnerable_share": _("The target share must lie between 0% and 100%.")}
        )
    if not (Decimal(0) <= tolerance <= Decimal("0.5")):
        raise ValidationError({"tolerance": _("The tolerance must lie between 0 and 50 percentage points.")})
    project = Project.objects.select_for_update().get(pk=project.pk)
    old = (project.target_vulnerable_share, project.tolerance)
    project.target_vulnerable_share = target
    project.tolerance = tolerance
    project.save(update_fields=["target_vulnerable_share", "tolerance"])
    PhaseChange.objects.create(
        project=project,
        from_phase=project.phase,
        to_phase=project.phase,
        by=actor,
        note=_("Mix target changed from %(old_t)s ± %(old_tol)s to %(t)s ± %(tol)s")
        % {
            "old_t": f"{old[0]:.0%}",
            "old_tol": f"{old[1]:.0%}",
            "t": f"{target:.0%}",
            "tol": f"{tolerance:.0%}",
        },
    )
    return project
