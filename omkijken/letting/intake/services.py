"""Writes of the good-neighbour motivation intake: versioned questionnaires (no health questions),
applications, two independent scores on the published rubric, optional steps, and the decision.

``MotivationApplication.status == "approved"`` is the one source of truth that a household is a
good neighbour for a complex; the round builder reads nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Role, User
from omkijken.accounts.policy import can
from omkijken.accounts.policy import require as _require
from omkijken.letting.intake.health import health_terms_in
from omkijken.letting.intake.models import (
    IntakeStep,
    MotivationApplication,
    MotivationScore,
    Question,
    Questionnaire,
)
from omkijken.letting.mail import Recipient, send_templated
from omkijken.portfolio.models import Complex
from omkijken.projects.models import Project
from omkijken.residents.models import Household
from omkijken.residents.selectors import household_recipient, own_household_id

MAX_QUESTIONS = 12
MAX_ANSWER = 2000
MAX_CRITERION_POINTS = 10
RUBRIC_KEY = re.compile(r"^[a-z][a-z0-9_]{0,29}$")


def health_message(terms: list[str]) -> str:
    return _(
        "Questions about health are not allowed (Wet goed verhuurderschap). Remove or rephrase: %(terms)s."
    ) % {"terms": ", ".join(f"“{t}”" for t in terms)}


def refuse_health(field: str, *texts: str) -> None:
    terms = [t for text in texts for t in health_terms_in(text)]
    if terms:
        raise ValidationError({field: health_message(terms)})


def _org_id(actor: User) -> int | None:
    return getattr(actor.organisation, "pk", None)


def good_neighbour_complexes(corporation_id: int) -> Any:
    """Complexes of the corporation's mixed-living projects: where good neighbours are selected."""
    return (
        Complex.objects.filter(
            corporation_id=corporation_id,
            pk__in=Project.objects.filter(target_vulnerable_share__gt=0).values("complexes"),
        )
        .distinct()
        .order_by("name")
    )


def current_questionnaire(corporation_id: int) -> Questionnaire | None:
    """The questionnaire applicants answer now: the corporation's latest published version."""
    return (
        Questionnaire.objects.filter(corporation_id=corporation_id, published_at__isnull=False)
        .order_by("-published_at", "-pk")
        .first()
    )


# --- questionnaires --------------------------------------------------------------------------------


def validate_rubric(rubric: list[dict[str, Any]]) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = []
    keys: set[str] = set()
    if not rubric:
        raise ValidationError({"rubric": _("Give at least one criterion to score on.")})
    for row in rubric:
        key = str(row.get("key", "")).strip()
        label = str(row.get("label", "")).strip()
        try:
            points = int(row.get("max", 0))
        except (TypeError, ValueError):
            points = 0
        if not RUBRIC_KEY.match(key) or key in keys:
            raise ValidationError(
                {
                    "rubric": _(
                        "Each criterion needs its own short key (lowercase letters, digits, _): “%(key)s”."
                    )
                    % {"key": key}
                }
            )
        if not label:
            raise ValidationError({"rubric": _("Each criterion needs a label.")})
        if not 1 <= points <= MAX_CRITERION_POINTS:
            raise ValidationError(
                {
                    "rubric": _("The maximum of a criterion must be between 1 and %(max)d.")
                    % {"max": MAX_CRITERION_POINTS}
                }
            )
        refuse_health("rubric", label)
        keys.add(key)
        cleaned.append({"key": key, "label": label, "max": points})
    return cleaned


@transaction.atomic
def questionnaire_create(
    *,
    actor: User,
    title: str,
    questions: list[str],
    rubric: list[dict[str, Any]],
    pass_mark: int,
    help_texts: list[str] | None = None,
    publish: bool = True,
) -> Questionnaire:
    """A new questionnaire, or the next version of one with the same title. A questionnaire is never
    edited: the applications keep the version their answers belong to."""
    _require(actor, "manage_questionnaires")
    corporation_id = _org_id(actor)
    if corporation_id is None:
        raise PermissionDenied
    title = title.strip()
    if not title:
        raise ValidationError({"title": _("Give the questionnaire a title.")})
    texts = [q.strip() for q in questions if q and q.strip()]
    if not texts:
        raise ValidationError({"questions": _("Ask at least one question.")})
    if len(texts) > MAX_QUESTIONS:
        raise ValidationError({"questions": _("Ask at most %(max)d questions.") % {"max": MAX_QUESTIONS}})
    if any(len(t) > 400 for t in texts):
        raise ValidationError({"questions": _("Keep each question under 400 characters.")})
    refuse_health("questions", *texts, title)
    helps = [h.strip() for h in (help_texts or [])]
    refuse_health("questions", *helps)
    cleaned_rubric = validate_rubric(rubric)
    total = sum(row["max"] for row in cleaned_rubric)
    if not 0 <= int(pass_mark) <= total:
        raise ValidationError(
            {
                "pass_mark": _("The pass mark must be between 0 and the rubric's total of %(total)d.")
                % {"total": total}
            }
        )
    last = (
        Questionnaire.objects.select_for_update()
        .filter(corporation_id=corporation_id, title=title)
        .aggregate(m=Max("version"))["m"]
        or 0
    )
    questionnaire = Questionnaire.objects.create(
        corporation_id=corporation_id,
        title=title,
        version=last + 1,
        rubric=cleaned_rubric,
        pass_mark=int(pass_mark),
        published_at=timezone.now() if publish else None,
    )
    Question.objects.bulk_create(
        [
            Question(
                questionnaire=questionnaire,
                order=i,
                text=text,
                help_text=(helps[i - 1] if i - 1 < len(helps) else "")[:400],
            )
            for i, text in enumerate(texts, start=1)
        ]
    )
    return questionnaire


# --- applications ----------------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *,
    actor: User,
    household: Household,
    complex: Complex,
    questionnaire: Questionnaire,
    answers: dict[Any, str],
) -> MotivationApplication:
    _require(actor, "apply_for_homes")
    if own_household_id(actor) != household.pk:
        raise PermissionDenied
    household = Household.objects.select_for_update().get(pk=household.pk)
    if not good_neighbour_complexes(household.corporation_id).filter(pk=complex.pk).exists():
        raise ValidationError(
            _("Good neighbours are selected only for the complexes of mixed-living projects.")
        )
    current = current_questionnaire(complex.corporation_id)
    if current is None or current.pk != questionnaire.pk:
        raise ValidationError(
            _("This questionnaire has been replaced by a newer version: please answer that one.")
        )
    if MotivationApplication.objects.filter(
        household=household, complex=complex, status__in=["submitted", "in_review", "approved"]
    ).exists():
        raise ValidationError(_("You have already applied for this complex."))
    questions = list(questionnaire.questions.order_by("order"))
    cleaned: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for question in questions:
        text = str(answers.get(str(question.pk), answers.get(question.pk, "")) or "").strip()
        field = f"q{question.pk}"
        if not text:
            errors.setdefault(field, []).append(_("Please answer this question."))
        elif len(text) > MAX_ANSWER:
            errors.setdefault(field, []).append(
                _("Keep your answer under %(max)d characters.") % {"max": MAX_ANSWER}
            )
        cleaned[str(question.pk)] = text
    if errors:
        raise ValidationError(errors)
    return MotivationApplication.objects.create(
        household=household, complex=complex, questionnaire=questionnaire, answers=cleaned
    )


@transaction.atomic
def application_withdraw(*, actor: User, application: MotivationApplication) -> MotivationApplication:
    _require(actor, "apply_for_homes")
    application = MotivationApplication.objects.select_for_update().get(pk=application.pk)
    if own_household_id(actor) != application.household_id:
        raise PermissionDenied
    if application.status not in MotivationApplication.OPEN_STATUSES:
        raise ValidationError(_("This application has been decided: it can no longer be withdrawn."))
    application.status = MotivationApplication.Status.WITHDRAWN
    # The withdrawal is the decision the retention period of the answers counts from.
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at"])
    return application


def may_assess(actor: User, application: MotivationApplication) -> bool:
    """Staff of the complex's corporation who assess; a building manager only for their complexes."""
    if not can(actor, "assess_motivation") or _org_id(actor) != application.complex.corporation_id:
        return False
    if actor.role == Role.BUILDING_MANAGER:
        return application.complex.managers.filter(pk=actor.pk).exists()
    return True


def _locked_open(application: MotivationApplication) -> MotivationApplication:
    locked = (
        MotivationApplication.objects.select_for_update()
        .select_related("complex", "questionnaire")
        .get(pk=application.pk)
    )
    if locked.status not in MotivationApplication.OPEN_STATUSES:
        raise ValidationError(_("This application has been decided or withdrawn."))
    return locked


@transaction.atomic
def application_score(
    *, actor: User, application: MotivationApplication, scores: dict[str, int], comment: str = ""
) -> MotivationScore:
    """One assessor's independent score. Nobody scores twice; nobody sees another's scores first."""
    application = _locked_open(application)
    if not may_assess(actor, application):
        raise PermissionDenied
    if MotivationScore.objects.filter(application=application, assessor=actor).exists():
        raise ValidationError(_("You have already scored this application; each assessor scores once."))
    rubric = application.questionnaire.rubric
    cleaned: dict[str, int] = {}
    errors: dict[str, list[str]] = {}
    for row in rubric:
        raw = scores.get(row["key"])
        try:
            value = int(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            errors.setdefault(f"score_{row['key']}", []).append(_("Give a score for this criterion."))
            continue
        if not 0 <= value <= int(row["max"]):
            errors.setdefault(f"score_{row['key']}", []).append(
                _("The score must be between 0 and %(max)d.") % {"max": row["max"]}
            )
        cleaned[row["key"]] = value
    if set(scores) - {row["key"] for row in rubric}:
        errors.setdefault("__all__", []).append(_("Score only the criteria of the published rubric."))
    if errors:
        raise ValidationError(errors)
    refuse_health("comment", comment)
    score = MotivationScore.objects.create(
        application=application,
        assessor=actor,
        scores=cleaned,
        total=sum(cleaned.values()),
        comment=comment.strip(),
    )
    if application.status == MotivationApplication.Status.SUBMITTED:
        application.status = MotivationApplication.Status.IN_REVIEW
        application.save(update_fields=["status"])
    return score


@transaction.atomic
def application_add_step(
    *,
    actor: User,
    application: MotivationApplication,
    kind: str,
    held_on: dt.date,
    outcome: str,
    participants: str = "",
    note: str = "",
) -> IntakeStep:
    application = _locked_open(application)
    if not may_assess(actor, application):
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if kind not in IntakeStep.Kind.values:
        errors.setdefault("kind", []).append(_("Choose an interview or a co-optation."))
    if outcome not in IntakeStep.Outcome.values:
        errors.setdefault("outcome", []).append(_("Choose the outcome."))
    if held_on > timezone.localdate():
        errors.setdefault("held_on", []).append(_("Record a step once it has taken place."))
    if held_on < application.submitted_at.date():
        errors.setdefault("held_on", []).append(_("The step cannot be before the application was submitted."))
    if errors:
        raise ValidationError(errors)
    refuse_health("note", note, participants)
    application.status = MotivationApplication.Status.IN_REVIEW
    application.save(update_fields=["status"])
    return IntakeStep.objects.create(
        application=application,
        kind=kind,
        held_on=held_on,
        outcome=outcome,
        participants=participants.strip()[:300],
        note=note.strip(),
        recorded_by=actor,
    )


def applicant_addresses(household_id: int) -> list[Recipient]:
    """The applicant household's address, in its own language (none when it has no e-mail)."""
    recipient = household_recipient(Household.objects.get(pk=household_id))
    return [recipient] if recipient.address else []


@transaction.atomic
def application_decide(
    *, actor: User, application: MotivationApplication, approve: bool, reason: str
) -> MotivationApplication:
    """The decision, after two independent scores, with a written reason; the applicant is mailed."""
    _require(actor, "decide_motivation")
    application = _locked_open(application)
    if _org_id(actor) != application.complex.corporation_id:
        raise PermissionDenied
    reason = reason.strip()
    if MotivationScore.objects.filter(application=application).values("assessor").distinct().count() < 2:
        raise ValidationError(_("Two assessors must score the application before it is decided."))
    if not reason:
        raise ValidationError({"reason": _("Write down the reason for the decision.")})
    refuse_health("reason", reason)
    application.status = (
        MotivationApplication.Status.APPROVED if approve else MotivationApplication.Status.REJECTED
    )
    application.decision_reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    to = applicant_addresses(application.household_id)
    context = {
        "household": application.household.name,
        "complex": application.complex.name,
        "approved": approve,
        "reason": reason,
    }
    transaction.on_commit(
        lambda: send_templated(to=to, template_base="letting/email/intake_decision", context=context)
    )
    return application
