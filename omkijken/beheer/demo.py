"""The building manager's week in the demo (issue 13): for Vliethof and De Brug, new residents with
visits due (some done, some not yet, one overdue), contact moments, a key handover this week in
each complex, and bewoner's care-partner contact shared with consent.

Runs after letting's demo (``omkijken.demo.world.LAYERS``): the key handovers come from real
offers made and accepted through letting's services on homes letting advertised.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Exists, OuterRef
from django.utils import timezone

from omkijken.accounts.models import Organisation, Role, User
from omkijken.beheer.models import ContactKind, ContactMoment
from omkijken.demo.personas import CARE_PARTNER, CORPORATION
from omkijken.letting.models import Advert, Offer, Response
from omkijken.letting.offers import services as offer_services
from omkijken.portfolio.demo import DE_BRUG, VLIETHOF
from omkijken.portfolio.models import Complex
from omkijken.residents.models import BuddySharing, CarePartnerContact, Lease, Person
from omkijken.residents.selectors import current_lease_filter

NOTES = (
    ("Kennismaking, uitleg over afvalscheiding en de bewonerscommissie.", ContactKind.WELCOME_VISIT),
    ("Welkom geheten; vraag over de intercom doorgezet naar onderhoud.", ContactKind.WELCOME_VISIT),
    ("Gebeld om het welkomstbezoek te plannen.", ContactKind.PHONE_CALL),
    ("Praatje in de hal over de fietsenstalling.", ContactKind.CONVERSATION),
    ("Vervolgbezoek: alles in orde, wil meedoen met de koffieochtend.", ContactKind.FOLLOW_UP_VISIT),
    (
        "Geluidsoverlast van de buren besproken; afgesproken over twee weken terug te bellen.",
        ContactKind.PHONE_CALL,
    ),
)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _handover_on_advertised_home(complex_: Complex, officer: User, *, day: dt.date) -> Offer | None:
    """Offer an advertised home of the complex to a household that responded, and accept it
    with the key handover on ``day``: the way letting does it."""
    occupied_now = Lease.objects.filter(end_date__isnull=True, unit_id=OuterRef("unit_id"))
    adverts = (
        Advert.objects.filter(unit__complex=complex_, status__in=Advert.OPEN_STATUSES)
        .exclude(Exists(occupied_now))
        .order_by("pk")
    )
    for advert in adverts:
        housed = Lease.objects.filter(end_date__isnull=True, household_id=OuterRef("household_id"))
        live = Offer.objects.filter(status__in=Offer.LIVE_STATUSES, household_id=OuterRef("household_id"))
        response = (
            Response.objects.filter(advert=advert, withdrawn=False)
            .exclude(Exists(housed))
            .exclude(Exists(live))
            .order_by("preference", "pk")
            .first()
        )
        if (
            response is None
            or Offer.objects.filter(unit=advert.unit, status__in=Offer.LIVE_STATUSES).exists()
        ):
            continue
        offer = offer_services.offer_make(
            actor=officer,
            unit=advert.unit,
            household=response.household,
            respond_by=timezone.localdate() + dt.timedelta(days=7),
            advert=advert,
        )
        return offer_services.offer_accept(
            actor=officer, offer=offer, start_date=day, key_handover_at=_at(day, 11)
        )
    return None


def build_beheer_demo(*, seed: int = 2026) -> None:
    rng = random.Random(seed)  # noqa: S311 - demo data
    today = timezone.localdate()
    beheerder = User.objects.get(username="beheerder")
    officer = User.objects.filter(username="verhuur").first()
    woonhaven = Complex.objects.filter(corporation__name=CORPORATION)
    vliethof, de_brug = woonhaven.get(name=VLIETHOF), woonhaven.get(name=DE_BRUG)

    # A key handover this week in each complex (tomorrow, and in two days), when letting has a home.
    if officer is not None and officer.role == Role.LETTING_OFFICER:
        for offset, complex_ in ((1, vliethof), (2, de_brug)):
            _handover_on_advertised_home(complex_, officer, day=today + dt.timedelta(days=offset))

    # Contact moments: welcome visits made to about half of the new residents, the others still due.
    moments: list[ContactMoment] = []
    since = today - dt.timedelta(days=183)
    for complex_ in (vliethof, de_brug):
        new = list(
            Lease.objects.filter(unit__complex=complex_, start_date__gte=since, start_date__lte=today)
            .select_related("household")
            .order_by("start_date", "pk")
        )
        for i, lease in enumerate(new):
            main = Person.objects.filter(household=lease.household).order_by("-is_main_tenant", "pk").first()
            who = main.first_name if main else lease.household.name
            moved_days = (today - lease.start_date).days
            if i % 2 == 0 and moved_days >= 3:
                note, _kind = NOTES[i % 2]
                visit_day = lease.start_date + dt.timedelta(days=min(moved_days, rng.randint(3, 12)))
                moments.append(
                    ContactMoment(complex=complex_, household=lease.household, kind=ContactKind.WELCOME_VISIT,
                                  date=visit_day, involved=who, note=note, recorded_by=beheerder)
                )  # fmt: skip
                if moved_days > 100:
                    moments.append(
                        ContactMoment(complex=complex_, household=lease.household,
                                      kind=ContactKind.FOLLOW_UP_VISIT, date=lease.start_date + dt.timedelta(days=92),
                                      involved=who, note=NOTES[4][0], recorded_by=beheerder)
                    )  # fmt: skip
            elif i % 3 == 1:
                moments.append(
                    ContactMoment(complex=complex_, household=lease.household, kind=ContactKind.PHONE_CALL,
                                  date=min(today, lease.start_date + dt.timedelta(days=2)), involved=who,
                                  note=NOTES[2][0], recorded_by=beheerder)
                )  # fmt: skip
        # A few conversations this week with residents who have lived there longer.
        settled = list(
            Lease.objects.filter(current_lease_filter(today), unit__complex=complex_, start_date__lt=since)
            .select_related("household")
            .order_by("pk")[:40]
        )
        for j, lease in enumerate(rng.sample(settled, min(3, len(settled)))):
            note, kind = NOTES[3 + (j % 3)] if j % 3 != 1 else NOTES[5]
            moments.append(
                ContactMoment(complex=complex_, household=lease.household,
                              kind=ContactKind.CONVERSATION if kind == ContactKind.FOLLOW_UP_VISIT else kind,
                              date=today - dt.timedelta(days=j + 1), involved=lease.household.name, note=note,
                              recorded_by=beheerder)
            )  # fmt: skip
    ContactMoment.objects.bulk_create(moments)

    # bewoner named his contact at the care partner and agreed that the building manager sees it.
    bewoner = Person.objects.select_related("household").filter(user__username="bewoner").first()
    partner = Organisation.objects.filter(name=CARE_PARTNER).first()
    if bewoner is not None and partner is not None:
        now = timezone.now()
        CarePartnerContact.objects.create(
            household=bewoner.household, care_partner=partner, contact_name="Ruben Achterberg",
            phone="030 760 12 34", email="r.achterberg@tussenstap.example", consent_given_at=now - dt.timedelta(days=20),
            updated_by=bewoner.user,
        )  # fmt: skip
        BuddySharing.objects.create(household=bewoner.household, shared_at=now - dt.timedelta(days=20))
