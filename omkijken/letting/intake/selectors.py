"""Reads of the motivation intake, filtered to what an actor may see.

Staff of the corporation (and a building manager for the complexes they manage) see applications;
an assessor sees the other assessors' scores only after scoring themselves (a decider once two
scores exist). An applicant sees their own applications and the decision, never the scores.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from omkijken.accounts.models import Role, User
from omkijken.accounts.policy import can
from omkijken.letting.intake.models import MotivationApplication, MotivationScore, Questionnaire
from omkijken.residents.models import Person


def _org_id(actor: User) -> int | None:
    return getattr(actor.organisation, "pk", None)


def questionnaires_for(actor: User) -> QuerySet[Questionnaire]:
    if not (can(actor, "manage_questionnaires") or can(actor, "assess_motivation")):
        return Questionnaire.objects.none()
    return (
        Questionnaire.objects.filter(corporation_id=_org_id(actor))
        .annotate(application_count=Count("applications"))
        .prefetch_related("questions")
        .order_by("title", "-version")
    )


def questionnaire_detail(actor: User, pk: int) -> Questionnaire:
    found = questionnaires_for(actor).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def applications_for(actor: User) -> QuerySet[MotivationApplication]:
    base = MotivationApplication.objects.all()
    if can(actor, "assess_motivation") or can(actor, "decide_motivation"):
        base = base.filter(complex__corporation_id=_org_id(actor))
        if actor.role == Role.BUILDING_MANAGER:
            base = base.filter(complex__managers=actor)
        return base
    if can(actor, "apply_for_homes"):
        household_id = Person.objects.filter(user=actor).values_list("household_id", flat=True).first()
        return base.filter(household_id=household_id) if household_id else base.none()
    return base.none()


def application_list(actor: User, *, status: str = "") -> QuerySet[MotivationApplication]:
    applications = (
        applications_for(actor)
        .select_related("household", "complex", "questionnaire")
        .annotate(score_count=Count("scores", distinct=True))
        .prefetch_related(
            Prefetch("scores", queryset=MotivationScore.objects.only("application_id", "assessor_id"))
        )
    )
    if status:
        applications = applications.filter(status=status)
    return applications.order_by("submitted_at", "pk")


def application_detail(actor: User, pk: int) -> MotivationApplication:
    found = (
        applications_for(actor)
        .select_related("household", "complex", "questionnaire", "decided_by")
        .prefetch_related("questionnaire__questions", "steps", "steps__recorded_by")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass(frozen=True)
class ScoreView:
    """What the actor may see of the scores of one application."""

    own: MotivationScore | None
    others: list[MotivationScore]
    count: int
    visible: bool
    average: Decimal | None
    pass_mark: int
    rubric_total: int

    @property
    def passes(self) -> bool | None:
        return None if self.average is None else self.average >= self.pass_mark


def scores_for(actor: User, application: MotivationApplication) -> ScoreView:
    scores = list(
        MotivationScore.objects.filter(application=application)
        .select_related("assessor")
        .order_by("scored_at", "pk")
    )
    own = next((s for s in scores if s.assessor_id == actor.pk), None)
    is_staff = can(actor, "assess_motivation") or can(actor, "decide_motivation")
    visible = is_staff and (own is not None or (can(actor, "decide_motivation") and len(scores) >= 2))
    average = (
        (Decimal(sum(s.total for s in scores)) / len(scores)).quantize(Decimal("0.1"))
        if visible and len(scores) >= 2
        else None
    )
    rubric = application.questionnaire.rubric
    return ScoreView(
        own=own,
        others=[s for s in scores if s.assessor_id != actor.pk] if visible else [],
        count=len(scores),
        visible=visible,
        average=average,
        pass_mark=application.questionnaire.pass_mark,
        rubric_total=sum(int(r["max"]) for r in rubric),
    )
