"""The special-category crawl, extended with markers in contact notes and in a resident's
care-partner contact: no persona who should not see them reaches a page that shows them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.policy import can
from omkijken.beheer.models import ContactMoment
from omkijken.privacy.models import PrivacyRequest
from omkijken.residents import services as resident_services
from tests.web.pages import demo_pages
from tests.web.test_special_category_privacy import crawl

pytestmark = pytest.mark.django_db

NOTE_MARKER = "MARKER-c0ffee-CONTACT-NOTE"
CARE_MARKER = "MARKER-beef-CARE-CONTACT"


def _plant(person_of, persona, *, consent: bool) -> None:  # type: ignore[no-untyped-def]
    bewoner = person_of("bewoner").household
    lease = bewoner.leases.filter(end_date__isnull=True).select_related("unit").get()
    ContactMoment.objects.create(
        complex_id=lease.unit.complex_id,
        household=bewoner,
        kind="visit",
        date=timezone.localdate(),
        involved="Dawit",
        note=NOTE_MARKER,
    )
    resident_services.care_contact_save(
        actor=persona("bewoner"),
        care_partner=None,
        organisation_name="Zorg BV",
        contact_name=CARE_MARKER,
        phone="0300000000",
        email="",
        consent=consent,
    )


@pytest.mark.parametrize(
    "username", ["projectleider", "verhuur", "zorgpartner", "gemeente", "buur", "admin", "zoeker"]
)
def test_contact_notes_and_care_contacts_reach_no_one_else(username: str, login, person_of, persona) -> None:  # type: ignore[no-untyped-def]
    # given a contact note and a consented care-partner contact about bewoner, both with a marker
    _plant(person_of, persona, consent=True)
    household = person_of("bewoner").household
    guessed = [reverse("beheer_contact_moments", args=[household.pk]), "/api/v1/contact-moments/"]
    # when the persona follows every link and guesses the contact page
    pages = crawl(login(username), [reverse("home"), *demo_pages().values(), *guessed])
    # then no page shows either marker, except the answer to bewoner's own access request (art. 15:
    # everything about him, for the privacy officer or admin to send him, each export logged)
    exports = {
        reverse(name, args=[pk])
        for name in ("privacy_request_json", "privacy_request_pdf")
        for pk in PrivacyRequest.objects.filter(household=household).values_list("pk", flat=True)
    }
    shown = [url for url, body in pages.items() if NOTE_MARKER in body or CARE_MARKER in body]
    assert [url for url in shown if url not in exports] == []
    assert not shown or can(persona(username), "handle_privacy")


def test_the_building_manager_sees_the_care_contact_only_with_consent(login, person_of, persona) -> None:  # type: ignore[no-untyped-def]
    # given a care-partner contact without consent
    _plant(person_of, persona, consent=False)
    household = person_of("bewoner").household
    complex_id = household.leases.filter(end_date__isnull=True).get().unit.complex_id
    start = [
        reverse("beheer_residents", args=[complex_id]),
        reverse("beheer_contact_moments", args=[household.pk]),
        reverse("home"),
    ]
    pages = crawl(login("beheerder"), start, limit=60)
    assert [url for url, body in pages.items() if CARE_MARKER in body] == []
    # and his own contact note does show to him, so the crawl is able to find a marker
    assert any(NOTE_MARKER in body for body in pages.values())
    # when bewoner consents, the crawl finds the contact on the resident overview
    resident_services.care_contact_save(
        actor=persona("bewoner"), care_partner=None, organisation_name="Zorg BV", contact_name=CARE_MARKER,
        phone="0300000000", email="", consent=True,
    )  # fmt: skip
    pages = crawl(login("beheerder"), start, limit=5)
    assert any(CARE_MARKER in body for url, body in pages.items() if "/bewoners/" in url)
