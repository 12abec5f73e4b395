"""Letting demo data layered on the demo world (``omkijken.demo.generate``): vacancies with
published adverts, home seekers with registrations and responses, approved good neighbours and
care-partner nominations, then rounds, offers, key handovers and letters
(``omkijken.letting.demo.rounds``). Deterministic for a seed; the data in bulk inserts, the rounds
and offers through the real services.

Scale follows the world: the full demo (about 5,500 homes) gets every vacant Woonhaven home
advertised (about 300) and about 2,000 home seekers; the small demo proportionally fewer.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.demo.personas import (
    CARE_PARTNER,
    CORPORATION,
    MUNICIPALITY,
    OTHER_CARE_PARTNERS,
    OTHER_CORPORATION,
)
from omkijken.letting.adverts.models import Advert, Registration, Response
from omkijken.letting.channels import Channel
from omkijken.letting.demo.rounds import build_rounds_demo
from omkijken.letting.intake.models import MotivationApplication, Question, Questionnaire
from omkijken.letting.letters.models import Letter
from omkijken.letting.nominations.models import IncomeClass, Nomination
from omkijken.letting.objections.models import Objection
from omkijken.letting.offers.models import Offer
from omkijken.letting.rounds.models import Allocation, Round
from omkijken.portfolio.models import Unit
from omkijken.projects.models import CarePartnerAgreement
from omkijken.residents.models import Household, Lease, Person
from omkijken.residents.selectors import valid_on

MIXED = ("Vliethof", "De Brug", "Het Kompas", "Dreefhoven")
FIRST_NAMES = (
    "Anouk", "Bas", "Chantal", "Daan", "Esra", "Fatima", "Gijs", "Hanna", "Ilse", "Jamal", "Kees", "Layla",
    "Mees", "Nora", "Omar", "Pien", "Quinten", "Rania", "Sem", "Tess", "Umut", "Vera", "Wout", "Yara", "Zeynep",
)  # fmt: skip
LAST_NAMES = (
    "Aydın", "Bos", "Claes", "Dekker", "El Amrani", "Visser", "Groen", "Haddou", "Jansen", "Koster", "Lammers",
    "Mulder", "Nijland", "Oosterhuis", "Peters", "Rietveld", "Schouten", "Terpstra", "Uysal", "Vos", "Willems",
    "Yılmaz", "Zwart", "Boukhari", "Mensah",
)  # fmt: skip
URGENCIES = ("MED", "SOC", "MAN")
CRITERIA = (
    "Voor huishoudens van {lo} tot en met {hi} personen. Wij wijzen toe op volgorde van inschrijfduur; "
    "een geldige urgentie gaat voor. Inkomen en huur volgens de regels voor passend toewijzen."
)
CRITERIA_MIXED = (
    "Deze woning ligt in een gemengd wooncomplex. Een deel van de woningen gaat naar goede buren "
    "(motivatie en intake), een deel via bemiddeling door een zorgpartner. Voor huishoudens van {lo} tot "
    "en met {hi} personen; inkomen en huur volgens de regels voor passend toewijzen."
)
RUBRIC = [
    {"key": "contact", "label": "Wil contact maken met buren", "max": 5},
    {"key": "inzet", "label": "Concrete ideeën om bij te dragen", "max": 5},
    {"key": "grenzen", "label": "Kent eigen grenzen en weet wanneer hulp te vragen", "max": 5},
]
QUESTIONS = [
    "Waarom wilt u in dit complex wonen?",
    "Wat wilt u doen voor uw buren of het gebouw?",
    "Heeft u eerder iets georganiseerd of bijgedragen in uw buurt? Vertel erover.",
    "Hoeveel tijd per maand wilt u besteden aan het samenleven in het complex?",
    "Wat verwacht u van de andere bewoners en van ons?",
]
GROUPS_BY_PARTNER = {
    CARE_PARTNER: (("DAK", 5), ("UIT", 3), ("GGZ", 2)),
    OTHER_CARE_PARTNERS[0]: (("GGZ", 4), ("VBE", 2), ("UIT", 2)),
    OTHER_CARE_PARTNERS[1]: (("VER", 2), ("DAK", 3), ("GGZ", 2)),
}


def _pick(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def vacant_units(corporation: Organisation, on: dt.date) -> list[Unit]:
    """Homes of the corporation without a lease on or after ``on`` and without an open advert."""
    let = Lease.objects.filter(valid_on(on) | Q(start_date__gt=on)).values("unit_id")
    advertised = Advert.objects.filter(status__in=Advert.OPEN_STATUSES).values("unit_id")
    return list(
        Unit.objects.filter(complex__corporation=corporation)
        .exclude(pk__in=let)
        .exclude(pk__in=advertised)
        .select_related("complex")
        .order_by("complex__name", "pk")
    )


@transaction.atomic
def build_letting_demo(seed: int = 2026, today: dt.date | None = None) -> None:
    """Add adverts, registrations, responses, approved good neighbours and nominations; then run
    the demo's rounds and offers (``omkijken.letting.demo.rounds``)."""
    rng = random.Random(f"letting-{seed}")  # noqa: S311 - demo data, not security
    today = today or timezone.localdate()
    corporation = Organisation.objects.get(name=CORPORATION)
    officer = User.objects.filter(username="verhuur").first()
    home_count = Unit.objects.filter(complex__corporation=corporation).count()

    # -- adverts for the vacancies ---------------------------------------------------------------
    adverts: list[Advert] = []
    for unit in vacant_units(corporation, today):
        mixed = unit.complex.name in MIXED
        if mixed:
            channels = [
                [Channel.GOOD_NEIGHBOUR, Channel.DIRECT],
                [Channel.GOOD_NEIGHBOUR, Channel.REGULAR, Channel.DIRECT],
                [Channel.REGULAR, Channel.DIRECT],
                [Channel.GOOD_NEIGHBOUR],
            ][rng.randrange(4)]
        else:
            channels = [Channel.REGULAR, Channel.DIRECT] if rng.random() < 0.12 else [Channel.REGULAR]
        closed = rng.random() < 0.3
        starts = today - dt.timedelta(days=rng.randrange(15, 40) if closed else rng.randrange(1, 14))
        ends = (
            today - dt.timedelta(days=rng.randrange(1, 5))
            if closed
            else today + dt.timedelta(days=rng.randrange(3, 14))
        )
        text = (CRITERIA_MIXED if mixed else CRITERIA).format(
            lo=unit.min_household_size, hi=unit.max_household_size
        )
        adverts.append(
            Advert(
                corporation=corporation,
                unit=unit,
                channels=[str(c) for c in channels],
                proposed_channels=[str(c) for c in channels],
                proposal_reason="Voorstel op basis van de huidige mix van het complex." if mixed else "",
                criteria=text,
                starts_on=starts,
                ends_on=ends,
                status=Advert.Status.CLOSED if closed else Advert.Status.PUBLISHED,
                created_by=officer,
            )
        )
    Advert.objects.bulk_create(adverts, batch_size=1000)
    if not adverts:
        return

    # -- home seekers ----------------------------------------------------------------------------
    n_seekers = max(40, round(home_count * 0.36))
    households, persons, registrations = [], [], []
    for i in range(n_seekers):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        size = int(_pick(rng, (("1", 40), ("2", 28), ("3", 14), ("4", 12), ("5", 6))))
        senior = rng.random() < 0.14
        band = rng.random()
        multi = size > 1
        if band < 0.62:
            income = rng.uniform(14_000, 28_500 if not multi else 38_600)
        elif band < 0.92:
            income = rng.uniform(29_500 if not multi else 40_000, 51_000 if not multi else 56_000)
        else:
            income = rng.uniform(52_000, 70_000)
        urgency, valid_until = "", None
        if rng.random() < 0.06:
            urgency = rng.choice(URGENCIES)
            valid_until = today + dt.timedelta(days=rng.randrange(-120, 240))  # some expired
        needs = []
        roll = rng.random()
        if roll < 0.05:
            needs = ["LIFT"]
        elif roll < 0.07:
            needs = ["GROUND_FLOOR"]
        elif roll < 0.075:
            needs = ["WHEELCHAIR"]
        household = Household(
            corporation=corporation, reference=f"WZ-{seed % 1000:03d}-{i + 1:05d}", name=f"Huishouden {last}"
        )
        households.append(household)
        persons.append(
            Person(
                household=household,
                first_name=first,
                last_name=last,
                birth_date=dt.date(
                    today.year - (70 if senior else rng.randrange(20, 60)),
                    rng.randrange(1, 13),
                    rng.randrange(1, 28),
                ),
                email=f"{first.lower()}.{i + 1}@example.org",
                is_main_tenant=True,
            )
        )
        registrations.append(
            Registration(
                household=household,
                registration_date=today - dt.timedelta(days=rng.randrange(30, 12 * 365)),
                household_size=size,
                yearly_income=Decimal(f"{income:.2f}"),
                pension_age=senior,
                urgency_category=urgency,
                urgency_valid_until=valid_until,
                needs=needs,
            )
        )
    Household.objects.bulk_create(households, batch_size=2000)
    for person, household in zip(persons, households, strict=True):
        person.household = household
    for registration, household in zip(registrations, households, strict=True):
        registration.household = household
    Person.objects.bulk_create(persons, batch_size=2000)
    Registration.objects.bulk_create(registrations, batch_size=2000)

    # -- responses, skewed to popular complexes -------------------------------------------------
    complexes = sorted({a.unit.complex_id for a in adverts})
    popularity = {cid: rng.paretovariate(1.2) for cid in complexes}
    for a in adverts:
        if a.unit.complex.name in MIXED:
            popularity[a.unit.complex_id] = max(popularity[a.unit.complex_id], 4.0)
    weights = [popularity[a.unit.complex_id] for a in adverts]
    responses: list[Response] = []
    responded: dict[int, set[int]] = {}
    for household, registration in zip(households, registrations, strict=True):
        k = min(len(adverts), rng.randrange(5, 16))
        chosen: list[Advert] = []
        seen: set[int] = set()
        tries = 0
        while len(chosen) < k and tries < k * 8:
            tries += 1
            advert = rng.choices(adverts, weights=weights)[0]
            if advert.pk in seen:
                continue
            fits = (
                advert.unit.min_household_size
                <= registration.household_size
                <= advert.unit.max_household_size
            )
            if not fits and rng.random() < 0.85:
                continue
            seen.add(advert.pk)
            chosen.append(advert)
        responded[household.pk] = {a.unit.complex_id for a in chosen if Channel.GOOD_NEIGHBOUR in a.channels}
        for preference, advert in enumerate(chosen, start=1):
            responses.append(Response(advert=advert, household=household, preference=preference))
    Response.objects.bulk_create(responses, batch_size=5000)

    # -- approved good neighbours ------------------------------------------------------------------
    questionnaire = Questionnaire.objects.filter(corporation=corporation).order_by("-version").first()
    if questionnaire is None:
        questionnaire = Questionnaire.objects.create(
            corporation=corporation,
            title="Motivatie goede buur",
            version=1,
            rubric=RUBRIC,
            pass_mark=9,
            published_at=timezone.now() - dt.timedelta(days=400),
        )
        Question.objects.bulk_create(
            [
                Question(questionnaire=questionnaire, order=i, text=text)
                for i, text in enumerate(QUESTIONS, start=1)
            ]
        )
    question_ids = list(questionnaire.questions.values_list("pk", flat=True))
    taken = set(
        MotivationApplication.objects.filter(
            status__in=[*MotivationApplication.OPEN_STATUSES, MotivationApplication.Status.APPROVED]
        ).values_list("household_id", "complex_id")
    )
    applications = []
    for household in households:
        for complex_id in sorted(responded.get(household.pk, ())):
            if rng.random() < 0.45 and (household.pk, complex_id) not in taken:
                applications.append(
                    MotivationApplication(
                        household=household,
                        complex_id=complex_id,
                        questionnaire=questionnaire,
                        answers={
                            str(q): "Ik wil graag bijdragen aan een prettig gebouw." for q in question_ids
                        },
                        status=MotivationApplication.Status.APPROVED,
                        decision_reason="Beide beoordelaars scoren boven de drempel; motivatie concreet en passend.",
                        decided_by=officer,
                        decided_at=timezone.now() - dt.timedelta(days=rng.randrange(5, 200)),
                    )
                )
    MotivationApplication.objects.bulk_create(applications, batch_size=2000)

    # -- nominations by the care partners and the municipality (status holders) -------------------
    orgs = {
        o.name: o
        for o in Organisation.objects.filter(name__in=[CARE_PARTNER, *OTHER_CARE_PARTNERS, MUNICIPALITY])
    }
    coordinators = {
        m.organisation_id: m.user
        for m in Membership.objects.filter(
            organisation__in=orgs.values(), role=Role.CARE_COORDINATOR
        ).select_related("user")
    }
    agreed: dict[int, list[int]] = {}
    for partner_id, complex_id in (
        CarePartnerAgreement.objects.filter(complex__corporation=corporation)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today), start_date__lte=today)
        .values_list("care_partner_id", "complex_id")
        .order_by("pk")
    ):
        agreed.setdefault(partner_id, []).append(complex_id)
    direct_complexes = sorted({a.unit.complex_id for a in adverts if Channel.DIRECT in a.channels})
    n_nominations = max(8, round(home_count * 0.022))
    nominee_households, nominee_persons, nominations = [], [], []
    for i in range(n_nominations):
        by_municipality = i % 4 == 3 and MUNICIPALITY in orgs
        nominator = (
            orgs[MUNICIPALITY] if by_municipality else orgs[[CARE_PARTNER, *OTHER_CARE_PARTNERS][i % 3]]
        )
        group = "STH" if by_municipality else _pick(rng, GROUPS_BY_PARTNER[nominator.name])
        wanted = agreed.get(nominator.pk, []) if not by_municipality else direct_complexes
        wanted = list(wanted)
        rng.shuffle(wanted)
        size = (
            int(_pick(rng, (("1", 70), ("2", 15), ("3", 8), ("4", 7))))
            if group != "STH"
            else rng.randrange(1, 6)
        )
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        household = Household(
            corporation=corporation, reference=f"VD-{seed % 1000:03d}-{i + 1:04d}", name=f"Huishouden {last}"
        )
        nominee_households.append(household)
        nominee_persons.append(
            Person(
                household=household,
                first_name=first,
                last_name=last,
                birth_date=dt.date(
                    today.year - rng.randrange(19, 55), rng.randrange(1, 13), rng.randrange(1, 28)
                ),
                email=f"{first.lower()}.vd{i + 1}@example.org",
                is_main_tenant=True,
            )
        )
        nominated_on = today - dt.timedelta(days=rng.randrange(7, 300))
        nominations.append(
            Nomination(
                nominator=nominator,
                corporation=corporation,
                household=household,
                target_group=group,
                household_size=size,
                income_class=_pick(
                    rng, ((IncomeClass.PASSEND, 85), (IncomeClass.DAEB, 13), (IncomeClass.ABOVE, 2))
                ),
                pension_age=rng.random() < 0.05,
                needs=["GROUND_FLOOR"] if rng.random() < 0.05 else [],
                complexes=wanted[: rng.randrange(1, 4)] if wanted else [],
                nominated_on=nominated_on,
                support_until=nominated_on + dt.timedelta(days=3 * 365),
                consent_reference=f"TOE-{today.year}-{i + 1:04d}",
                status=Nomination.Status.ACTIVE,
                created_by=coordinators.get(nominator.pk),
            )
        )
    Household.objects.bulk_create(nominee_households, batch_size=2000)
    for person, household in zip(nominee_persons, nominee_households, strict=True):
        person.household = household
    for nomination, household in zip(nominations, nominee_households, strict=True):
        nomination.household = household
    Person.objects.bulk_create(nominee_persons, batch_size=2000)
    Nomination.objects.bulk_create(nominations, batch_size=2000)

    # -- rounds, offers, key handovers and letters, through the real services ---------------------
    build_rounds_demo(seed=seed, today=today, mixed_names=MIXED)


def delete_letting_demo() -> None:
    """Delete the letting rows of the demo corporations (before ``delete_demo``)."""
    corporations = list(Organisation.objects.filter(name__in=[CORPORATION, OTHER_CORPORATION]))
    with transaction.atomic():
        Objection.objects.filter(corporation__in=corporations).delete()
        Letter.objects.filter(household__corporation__in=corporations).delete()
        offers = Offer.objects.filter(corporation__in=corporations)
        Offer.objects.filter(pk__in=offers.values("pk")).delete()
        Allocation.objects.filter(round__corporation__in=corporations).delete()
        Round.objects.filter(corporation__in=corporations).delete()
        Response.objects.filter(advert__corporation__in=corporations).delete()
        Advert.objects.filter(corporation__in=corporations).delete()
        MotivationApplication.objects.filter(household__corporation__in=corporations).delete()
        Questionnaire.objects.filter(corporation__in=corporations).delete()
        Nomination.objects.filter(corporation__in=corporations).delete()
        Registration.objects.filter(household__corporation__in=corporations).delete()
