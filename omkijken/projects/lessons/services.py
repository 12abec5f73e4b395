"""Recording an evaluation: by the corporation's project staff, for a phase the project has reached,
held in the past. The form says the texts are about the work, never about residents."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import require
from omkijken.projects.lessons.models import Evaluation, LessonSource
from omkijken.projects.models import PHASE_ORDER, Phase, Project, WorkingGroup

OPERATION_PHASES = (Phase.OPERATION, Phase.EVALUATION)


@transaction.atomic
def evaluation_record(
    *,
    actor: User,
    project: Project,
    kind: str,
    phase: str,
    held_on: dt.date,
    went_well: str,
    to_change: str,
    year: int | None = None,
    working_group: str = "",
    target_group: str = "",
    topic: str = "",
) -> Evaluation:
    require(actor, "record_lessons")
    if actor.organisation is None or project.corporation_id != actor.organisation.pk:
        raise PermissionDenied
    errors: dict[str, str] = {}
    if phase not in PHASE_ORDER:
        errors["phase"] = _("Choose a phase.")
    elif PHASE_ORDER.index(phase) > PHASE_ORDER.index(project.phase):
        errors["phase"] = _("The project has not reached this phase yet.")
    if held_on > timezone.localdate():
        errors["held_on"] = _("Record an evaluation once it has been held.")
    if kind == Evaluation.Kind.YEARLY:
        if year is None:
            errors["year"] = _("A yearly evaluation needs its year.")
        if project.phase not in OPERATION_PHASES:
            errors["kind"] = _("Yearly evaluations are for projects in operation.")
    elif kind != Evaluation.Kind.PHASE:
        errors["kind"] = _("Choose the kind of evaluation.")
    if working_group and working_group not in WorkingGroup.Kind.values:
        errors["working_group"] = _("Choose a working group.")
    if not went_well.strip():
        errors["went_well"] = _("Write what went well.")
    if not to_change.strip():
        errors["to_change"] = _("Write what to change.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return Evaluation.objects.create(
                project=project,
                kind=kind,
                phase=phase,
                year=year if kind == Evaluation.Kind.YEARLY else None,
                held_on=held_on,
                went_well=went_well.strip(),
                to_change=to_change.strip(),
                working_group=working_group,
                target_group=target_group,
                topic=topic.strip(),
                created_by=actor,
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"year": _("This project already has a yearly evaluation for that year.")}
        ) from exc


def carry_lessons(*, source: Project, target: Project, actor: User) -> None:
    """The hook of "start like": ``target`` carries ``source``'s lessons (run inside the
    transaction that creates ``target``, after its own checks)."""
    if source.corporation_id != target.corporation_id or source.pk == target.pk:
        raise PermissionDenied
    LessonSource.objects.update_or_create(project=target, defaults={"source": source, "recorded_by": actor})


def register_start_like_hook() -> None:
    from omkijken.projects.tasks.services import START_LIKE_HOOKS

    if carry_lessons not in START_LIKE_HOOKS:
        START_LIKE_HOOKS.append(carry_lessons)
