"""Demo data of the intake side of letting, layered on ``omkijken.demo.generate.build_demo``:
Woonhaven's published good-neighbour questionnaire, the applicant persona ``zoeker`` with a
registration, about fifteen motivation applications in every state, and a few nominations by
Stichting Tussenstap for its own clients.

Deterministic for a seed; safe to call again (it adds nothing the second time). No care content.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import TypedDict

from django.db import transaction
from django.utils import timezone

from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.demo.personas import CARE_PARTNER, CORPORATION, DEMO_PASSWORD, PERSONAS
from omkijken.letting.adverts.models import Registration
from omkijken.letting.intake.models import (
    IntakeStep,
    MotivationApplication,
    MotivationScore,
    Question,
    Questionnaire,
)
from omkijken.letting.nominations.models import IncomeClass, Nomination
from omkijken.letting.nominations.services import acceptable_complexes
from omkijken.portfolio.models import Complex
from omkijken.residents.models import Household, Lease, Person, TargetGroupStatus
from omkijken.residents.selectors import valid_on

TITLE = "Goede buren"
QUESTIONS = [
    "Waarom wilt u in een gemengd wooncomplex wonen?",
    "Hoe maakt u contact met nieuwe buren?",
    "Welke activiteit zou u voor of met uw buren willen organiseren?",
    "Hoeveel tijd per maand wilt u besteden aan uw buren en het complex?",
    "Vertel over een keer dat u iemand in uw omgeving hebt geholpen.",
]


class Criterion(TypedDict):
    """One rubric row, as the questionnaire stores it."""

    key: str
    label: str
    max: int


RUBRIC: list[Criterion] = [
    {"key": "contact", "label": "Maakt contact met buren", "max": 5},
    {"key": "initiative", "label": "Neemt initiatief", "max": 5},
    {"key": "commitment", "label": "Tijd en betrokkenheid", "max": 5},
    {"key": "fit", "label": "Past bij de opzet van het project", "max": 5},
]
PASS_MARK = 12
COMPLEXES = ("De Brug", "Het Kompas", "Vliethof")
APPLICANTS = [
    ("Sem", "Wouters"),
    ("Yara", "El Idrissi"),
    ("Tim", "Koster"),
    ("Nina", "Verhoef"),
    ("Ravi", "Ramdin"),
    ("Eva", "Smulders"),
    ("Omar", "Benali"),
    ("Lieke", "Jonker"),
    ("Milan", "Doorn"),
    ("Sara", "Mulder"),
    ("Jesse", "Prins"),
    ("Amira", "Haddou"),
    ("Bram", "Timmer"),
    ("Zoë", "Lammers"),
    ("Daan", "Kuiper"),
]
# Per applicant: (complex index, state) in order; states: submitted, one, two, approved, rejected.
STATES = ["submitted", "one", "approved", "two", "one", "submitted", "approved", "rejected", "one", "submitted",
          "approved", "two", "one", "approved", "submitted"]  # fmt: skip
ANSWERS = [
    "Ik woon graag ergens waar mensen naar elkaar omkijken en wil daar zelf aan bijdragen.",
    "Ik stel me voor, bel aan met iets lekkers en vraag of ik ergens mee kan helpen.",
    "Een maandelijkse koffieochtend in de ontmoetingsruimte en een klusdag in het voorjaar.",
    "Ongeveer acht uur per maand, vooral in de avonden en het weekend.",
    "Ik heb een oudere buurvrouw geholpen met boodschappen en haar post toen ze dat zelf niet kon.",
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=timezone.get_current_timezone())


def _household(
    corporation: Organisation, reference: str, first: str, last: str, email: str, born: dt.date
) -> Household:
    household, created = Household.objects.get_or_create(
        corporation=corporation, reference=reference, defaults={"name": f"Huishouden {last}"}
    )
    if created:
        Person.objects.create(
            household=household,
            first_name=first,
            last_name=last,
            birth_date=born,
            email=email,
            is_main_tenant=True,
        )
    return household


def _registration(household: Household, since: dt.date, size: int, income: str) -> None:
    Registration.objects.get_or_create(
        household=household,
        defaults={"registration_date": since, "household_size": size, "yearly_income": Decimal(income)},
    )


@transaction.atomic
def build_intake_demo(seed: int = 2026, today: dt.date | None = None) -> None:
    rng = random.Random(f"intake-{seed}")  # noqa: S311 - demo data, not security
    today = today or timezone.localdate()
    corporation = Organisation.objects.get(name=CORPORATION)
    if Questionnaire.objects.filter(corporation=corporation, title=TITLE).exists():
        return  # already built
    officer = User.objects.get(username="verhuur")
    leader = User.objects.get(username="projectleider")
    manager = User.objects.get(username="beheerder")

    questionnaire = Questionnaire.objects.create(
        corporation=corporation,
        title=TITLE,
        version=1,
        rubric=RUBRIC,
        pass_mark=PASS_MARK,
        published_at=_at(today - dt.timedelta(days=120), 9),
    )
    questions = Question.objects.bulk_create(
        [Question(questionnaire=questionnaire, order=i, text=t) for i, t in enumerate(QUESTIONS, start=1)]
    )

    # -- the applicant persona ------------------------------------------------------------------------
    persona = PERSONAS["zoeker"]
    zoeker = User.objects.filter(username="zoeker").first()
    if zoeker is None:  # a world built before the persona existed
        zoeker = User.objects.create_user(
            username="zoeker",
            password=DEMO_PASSWORD,
            first_name=persona.first_name,
            last_name=persona.last_name,
        )
        Membership.objects.create(user=zoeker, organisation=corporation, role=Role.APPLICANT)
    own = _household(
        corporation,
        "ZOEKER-0001",
        persona.first_name,
        persona.last_name,
        "ilse.zonneveld@example.org",
        dt.date(1993, 5, 14),
    )
    Person.objects.filter(household=own, is_main_tenant=True, user__isnull=True).update(user=zoeker)
    _registration(own, today - dt.timedelta(days=4 * 365 + 40), 1, "27400.00")

    # -- applications in every state ----------------------------------------------------------------
    complexes = {c.name: c for c in Complex.objects.filter(corporation=corporation, name__in=COMPLEXES)}
    assessors = {
        "De Brug": [manager, officer],
        "Vliethof": [officer, manager],
        "Het Kompas": [leader, officer],
    }
    for i, ((first, last), state) in enumerate(zip(APPLICANTS, STATES, strict=True)):
        name = COMPLEXES[i % len(COMPLEXES)]
        complex_ = complexes.get(name)
        if complex_ is None:
            continue
        household = _household(
            corporation,
            f"MOT-{i + 1:04d}",
            first,
            last,
            f"{first.lower()}.{last.lower().replace(' ', '')}@example.org",
            dt.date(1975 + rng.randrange(0, 25), rng.randrange(1, 13), rng.randrange(1, 28)),
        )
        _registration(
            household,
            today - dt.timedelta(days=rng.randrange(200, 3000)),
            rng.choice([1, 1, 2, 3]),
            f"{rng.randrange(19000, 38000)}.00",
        )
        submitted = today - dt.timedelta(days=rng.randrange(10, 90))
        application = MotivationApplication.objects.create(
            household=household,
            complex=complex_,
            questionnaire=questionnaire,
            answers={str(q.pk): ANSWERS[n] for n, q in enumerate(questions)},
        )
        MotivationApplication.objects.filter(pk=application.pk).update(submitted_at=_at(submitted, 10))
        n_scores = {"submitted": 0, "one": 1}.get(state, 2)
        for k, assessor in enumerate(assessors[name][:n_scores]):
            base = 4 if state in ("approved", "two") else 2
            scores = {row["key"]: min(row["max"], max(0, base + rng.randrange(-1, 2))) for row in RUBRIC}
            score = MotivationScore.objects.create(
                application=application, assessor=assessor, scores=scores, total=sum(scores.values())
            )
            MotivationScore.objects.filter(pk=score.pk).update(
                scored_at=_at(submitted + dt.timedelta(days=3 + k), 14)
            )
        if state == "approved":
            IntakeStep.objects.create(
                application=application,
                kind=IntakeStep.Kind.INTERVIEW,
                held_on=submitted + dt.timedelta(days=6),
                outcome=IntakeStep.Outcome.POSITIVE,
                participants="Sanne Bakker, Karim Ouali",
                recorded_by=officer,
            )
        status = {
            "submitted": MotivationApplication.Status.SUBMITTED,
            "approved": MotivationApplication.Status.APPROVED,
            "rejected": MotivationApplication.Status.REJECTED,
        }.get(state, MotivationApplication.Status.IN_REVIEW)
        decided = status in (MotivationApplication.Status.APPROVED, MotivationApplication.Status.REJECTED)
        MotivationApplication.objects.filter(pk=application.pk).update(
            status=status,
            decision_reason=(
                "Beide beoordelaars scoren boven de drempel; het gesprek was positief."
                if status == MotivationApplication.Status.APPROVED
                else "De gemiddelde score ligt onder de drempel van 12 punten."
                if decided
                else ""
            ),
            decided_by=officer if decided else None,
            decided_at=_at(submitted + dt.timedelta(days=9), 11) if decided else None,
        )
    # zoeker applied for Het Kompas; De Brug is left for the persona to apply to.
    if "Het Kompas" in complexes:
        MotivationApplication.objects.create(
            household=own,
            complex=complexes["Het Kompas"],
            questionnaire=questionnaire,
            answers={str(q.pk): ANSWERS[n] for n, q in enumerate(questions)},
        )

    # -- nominations by the care partner for its own clients ----------------------------------------
    partner = Organisation.objects.filter(name=CARE_PARTNER).first()
    coordinator = User.objects.filter(username="zorgpartner").first()
    allowed = list(acceptable_complexes(partner, corporation.pk, today).values_list("pk", flat=True))
    if partner is None or not allowed:
        return
    housed = set(Lease.objects.filter(valid_on(today)).values_list("household_id", flat=True))
    open_nominations = Nomination.objects.filter(status__in=Nomination.OPEN_STATUSES).values("household_id")
    statuses = list(
        TargetGroupStatus.objects.filter(
            valid_on(today), care_partner=partner, household__corporation=corporation
        )
        .exclude(household_id__in=open_nominations)
        .order_by("pk")[:40]
    )
    # Prefer clients without a current home (moving on from supported housing), then the rest.
    statuses.sort(key=lambda s: (s.household_id in housed, s.pk))
    for n, target_status in enumerate(statuses[:4]):
        nominated_on = today - dt.timedelta(days=20 + 17 * n)
        Nomination.objects.create(
            nominator=partner,
            corporation=corporation,
            household_id=target_status.household_id,
            target_group=target_status.target_group,
            household_size=1 + (n % 2),
            income_class=IncomeClass.PASSEND,
            pension_age=False,
            needs=["GROUND_FLOOR"] if n == 2 else [],
            complexes=allowed[n % len(allowed) :] + allowed[: n % len(allowed)],
            nominated_on=nominated_on,
            support_until=nominated_on + dt.timedelta(days=3 * 365),
            consent_reference=f"TS-{today.year}-{101 + n:04d}",
            status=Nomination.Status.SUBMITTED if n == 0 else Nomination.Status.ACTIVE,
            created_by=coordinator,
        )
