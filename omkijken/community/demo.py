"""Demo data for the neighbour network, added to the world ``build_demo`` made.

``build_community_demo(seed=...)`` is deterministic for a seed and the day it runs; it writes a few
dozen rows with bulk inserts and touches no special-category table except to *avoid* picking
vulnerable residents as good neighbours. No care content anywhere.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from omkijken.accounts.models import User
from omkijken.community.models import (
    Activity,
    BuddyPair,
    BuddyRequest,
    BudgetLine,
    CalendarFeed,
    CheckInAgreement,
    FundApplication,
    FundBudget,
    HelpKind,
    HelpOffer,
    HelpRequest,
    NeighbourProfile,
    Visibility,
)
from omkijken.community.scope import persons_in_complex
from omkijken.demo.personas import CORPORATION
from omkijken.portfolio.models import Complex
from omkijken.projects.models import Project
from omkijken.residents.models import Person, TargetGroupStatus
from omkijken.residents.selectors import open_status_filter

VLIETHOF = "Vliethof"
DE_BRUG = "De Brug"

LANGUAGE_POOL = (["nl"], ["nl", "en"], ["nl", "ar"], ["nl", "tr"], ["nl", "ti"], ["nl", "pl"], ["nl", "so"])
INTEREST_POOL = (
    "cooking",
    "walking",
    "gardening",
    "music",
    "football",
    "reading",
    "board_games",
    "computers",
    "coffee",
)
SLOT_POOL = (
    "mon_evening",
    "tue_evening",
    "wed_morning",
    "thu_afternoon",
    "sat",
    "sun",
    "weekend",
    "fri_evening",
)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@transaction.atomic
def build_community_demo(*, seed: int = 2026) -> None:
    rng = random.Random(seed)  # noqa: S311 - demo data
    today = timezone.localdate()
    now = timezone.now()
    woonhaven = Complex.objects.filter(corporation__name=CORPORATION)
    vliethof = woonhaven.get(name=VLIETHOF)
    de_brug = woonhaven.get(name=DE_BRUG)
    buur = Person.objects.get(user__username="buur")
    bewoner = Person.objects.get(user__username="bewoner")
    zorgpartner = User.objects.get(username="zorgpartner")
    beheerder = User.objects.get(username="beheerder")
    vulnerable = set(
        TargetGroupStatus.objects.filter(open_status_filter(today)).values_list("household_id", flat=True)
    )

    def residents(complex_: Complex, *, want_vulnerable: bool, count: int, skip: set[int]) -> list[Person]:
        pool = [
            p
            for p in persons_in_complex(complex_.pk, on=today).filter(user__isnull=True).order_by("pk")
            if (p.household_id in vulnerable) == want_vulnerable
            and p.pk not in skip
            and p.household_id not in skip
        ]
        return rng.sample(pool, min(count, len(pool)))

    used: set[int] = {buur.pk, bewoner.pk}
    profiles = [
        NeighbourProfile(
            person=buur,
            is_good_neighbour=True,
            skills="Brieven lezen en formulieren invullen, Tigrinya vertalen",
            languages=["nl", "ti"],
            interests=["cooking", "walking", "language_practice"],
            availability=["wed_evening", "sat"],
            buddy_capacity=2,
            visibility=Visibility.COMPLEX,
            share_phone=True,
        )
    ]
    neighbours: dict[int, list[Person]] = {}
    for complex_ in (vliethof, de_brug):
        chosen = residents(complex_, want_vulnerable=False, count=6, skip=used)
        neighbours[complex_.pk] = chosen
        for index, person in enumerate(chosen):
            used.add(person.pk)
            languages = ["nl", "ti"] if complex_ == de_brug and index == 0 else rng.choice(LANGUAGE_POOL)
            profiles.append(
                NeighbourProfile(
                    person=person,
                    is_good_neighbour=index < 4,
                    skills=rng.choice(["Klussen", "Computerhulp", "Boodschappen doen", "Koken", ""]),
                    languages=list(languages),
                    interests=rng.sample(INTEREST_POOL, 3),
                    availability=rng.sample(SLOT_POOL, 2),
                    buddy_capacity=rng.choice([1, 2]) if index < 4 else 0,
                    visibility=rng.choice([Visibility.COMPLEX, Visibility.COMPLEX, Visibility.SECTION]),
                    share_phone=index % 2 == 0,
                )
            )
    NeighbourProfile.objects.bulk_create(profiles)

    # Buddy requests (special category): the "bewoner" persona via the care partner, with consent.
    requests = [
        BuddyRequest(
            person=bewoner,
            origin=BuddyRequest.Origin.CARE_PARTNER,
            proposed_by=zorgpartner,
            consent_given=True,
            languages=["ti", "nl"],
            needs_shared_language=True,
            interests=["cooking", "football"],
            availability=["sat", "wed_evening"],
            share_first_name=True,
            share_section=True,
            share_languages=True,
        )
    ]
    seekers = residents(vliethof, want_vulnerable=True, count=3, skip=used)
    for index, person in enumerate(seekers):
        used.add(person.pk)
        requests.append(
            BuddyRequest(
                person=person,
                origin=BuddyRequest.Origin.RESIDENT,
                consent_given=True,
                languages=["ti"] if index == 0 else ["nl"],
                needs_shared_language=index == 0,
                interests=rng.sample(INTEREST_POOL, 2),
                availability=rng.sample(SLOT_POOL, 2),
                share_first_name=True,
                share_section=True,
                share_phone=index == 1,
            )
        )
    BuddyRequest.objects.bulk_create(requests)
    # One confirmed pair in Vliethof, so the network shows an active buddy.
    if len(requests) > 2 and neighbours[vliethof.pk]:
        paired = requests[2]
        paired.status = BuddyRequest.Status.PAIRED
        paired.save(update_fields=["status"])
        BuddyPair.objects.create(
            request=paired,
            seeker=paired.person,
            neighbour=neighbours[vliethof.pk][0],
            status=BuddyPair.Status.ACTIVE,
            reasons=[{"code": "same_complex", "values": [], "points": 20}],
            decided_by=beheerder,
        )

    # Help requests and offers.
    vliet_others = neighbours[vliethof.pk]
    asker = residents(vliethof, want_vulnerable=False, count=3, skip=used)
    help_rows = []
    if len(asker) >= 3 and vliet_others:
        help_rows = [
            HelpRequest(
                complex=vliethof, requester=asker[0], kind=HelpKind.PAPERWORK,
                title="Brief van de gemeente over toeslagen", description="Ik begrijp de brief niet goed.",
                created_at=now - dt.timedelta(days=3),
            ),
            HelpRequest(
                complex=vliethof, requester=asker[1], kind=HelpKind.TRANSPORT,
                title="Rit naar het ziekenhuis donderdag", created_at=now - dt.timedelta(hours=5),
            ),
            HelpRequest(
                complex=vliethof, requester=asker[2], kind=HelpKind.PRACTICAL, title="Lamp ophangen in de gang",
                status=HelpRequest.Status.CLAIMED, helper=buur, created_at=now - dt.timedelta(days=2),
                claimed_at=now - dt.timedelta(days=1),
            ),
            HelpRequest(
                complex=vliethof, requester=asker[0], kind=HelpKind.COMPANY, title="Samen een wandeling maken",
                status=HelpRequest.Status.CLOSED, helper=vliet_others[0], created_at=now - dt.timedelta(days=20),
                claimed_at=now - dt.timedelta(days=19), closed_at=now - dt.timedelta(days=15),
                closing_note="Fijne wandeling in het park gemaakt.",
            ),
        ]  # fmt: skip
    help_rows.append(
        HelpRequest(
            complex=de_brug, requester=bewoner, kind=HelpKind.PAPERWORK, title="Formulier voor de huurtoeslag",
            created_at=now - dt.timedelta(hours=20),
        )
    )  # fmt: skip
    HelpRequest.objects.bulk_create(help_rows)
    HelpOffer.objects.bulk_create(
        [
            HelpOffer(complex=vliethof, person=buur, kind=HelpKind.PAPERWORK, description="Hulp bij brieven en formulieren"),
            *[
                HelpOffer(complex=vliethof, person=p, kind=rng.choice(HelpKind.values), description="Ik help graag een handje")
                for p in vliet_others[1:3]
            ],
        ]
    )  # fmt: skip

    # The phone tree: buur calls an older neighbour every week; one call in the tree was missed.
    called = residents(vliethof, want_vulnerable=False, count=2, skip=used)
    if len(called) == 2 and len(vliet_others) > 1:
        CheckInAgreement.objects.bulk_create(
            [
                CheckInAgreement(complex=vliethof, resident=called[0], caller=buur, every_days=7,
                                 next_due_at=_at(today + dt.timedelta(days=2), 10), created_by=beheerder),
                CheckInAgreement(complex=vliethof, resident=called[1], caller=vliet_others[1], every_days=7,
                                 next_due_at=_at(today - dt.timedelta(days=3), 10), created_by=beheerder),
            ]
        )  # fmt: skip

    # Activities: a weekly coffee morning, King's Day with a tompouce, a monthly dinner in De Brug.
    wednesday = today - dt.timedelta(days=(today.weekday() - 2) % 7) - dt.timedelta(weeks=8)
    kings_day = dt.date(today.year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday King's Day moves to the Saturday before
        kings_day -= dt.timedelta(days=1)
    coffee = Activity(
        complex=vliethof, title="Koffieochtend in de buurtkamer",
        description="Elke woensdag koffie en thee. Iedereen is welkom, ook als je nieuw bent.",
        location="Buurtkamer, begane grond", starts_at=_at(wednesday, 10), ends_at=_at(wednesday, 11, 30),
        recurrence=Activity.Recurrence.WEEKLY, repeat_until=today + dt.timedelta(days=180), capacity=20,
        organiser=buur, created_by=buur.user,
    )  # fmt: skip
    kings = Activity(
        complex=vliethof, title="Koningsdag: tompouce voor iedereen",
        description="Oranje tompoucen en limonade op het binnenplein, betaald uit het initiatievenfonds.",
        location="Binnenplein", starts_at=_at(kings_day, 14), ends_at=_at(kings_day, 16), capacity=120,
        organiser=buur, created_by=buur.user,
    )  # fmt: skip
    dinner_day = today.replace(day=1) + dt.timedelta(days=14)
    dinner = Activity(
        complex=de_brug, title="Samen eten", description="Iedere maand koken en eten we samen.",
        location="Gemeenschappelijke ruimte", starts_at=_at(dinner_day, 18), ends_at=_at(dinner_day, 20),
        recurrence=Activity.Recurrence.MONTHLY, repeat_until=today + dt.timedelta(days=365), capacity=16,
        created_by=beheerder,
    )  # fmt: skip
    Activity.objects.bulk_create([coffee, kings, dinner])
    CalendarFeed.objects.bulk_create([CalendarFeed(complex=vliethof), CalendarFeed(complex=de_brug)])

    # The initiatives fund: a budget per project complex this year, one approved and one open application.
    project_complexes = Complex.objects.filter(
        pk__in=Project.objects.filter(corporation__name=CORPORATION).values("complexes")
    ).order_by("pk")
    FundBudget.objects.bulk_create(
        [
            FundBudget(
                complex=c, year=today.year, amount=Decimal("5000.00") if c == vliethof else Decimal("2500.00")
            )
            for c in project_complexes
        ]
    )
    approved = FundApplication.objects.create(
        complex=vliethof, year=today.year, applicant=buur, group_name="Nieuwe Buren Vliethof",
        title="Koningsdag: tompouce voor iedereen", plan="Een tompouce en limonade voor alle bewoners op Koningsdag.",
        activity_date=kings_day, status=FundApplication.Status.APPROVED, granted_amount=Decimal("240.00"),
        decided_by=beheerder, decided_at=now - dt.timedelta(days=30), activity=kings,
    )  # fmt: skip
    waiting = FundApplication.objects.create(
        complex=vliethof, year=today.year, applicant=neighbours[vliethof.pk][0] if vliet_others else buur,
        title="Plantenbakken op de galerij", plan="Samen plantenbakken maken en vullen op galerij 3.",
    )  # fmt: skip
    brug = FundApplication.objects.create(
        complex=de_brug, year=today.year, applicant=bewoner, title="Boodschappen voor samen eten",
        plan="Boodschappen voor de maandelijkse maaltijd in de gemeenschappelijke ruimte.",
    )  # fmt: skip
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(application=brug, description="Boodschappen", amount=Decimal("60.00")),
            BudgetLine(application=approved, description="180 tompoucen", amount=Decimal("198.00")),
            BudgetLine(application=approved, description="Limonade en bekers", amount=Decimal("42.00")),
            BudgetLine(application=waiting, description="Plantenbakken", amount=Decimal("160.00")),
            BudgetLine(application=waiting, description="Potgrond en planten", amount=Decimal("85.50")),
        ]
    )
