"""The resident overview per complex and section, and the care-partner contact a resident names:
shown to the building manager only with the resident's recorded consent, every read logged."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from omkijken.accounts.models import AccessEvent, Organisation
from omkijken.community.models import BuddyPair, BuddyRequest
from omkijken.demo.personas import CARE_PARTNER
from omkijken.residents import services
from omkijken.residents.models import CarePartnerContact
from tests.beheer.conftest import move_in

pytestmark = pytest.mark.django_db

CONTACT = "Femke Tussenstap-Contact"


def _name_contact(user, *, consent: bool) -> CarePartnerContact:  # type: ignore[no-untyped-def]
    return services.care_contact_save(
        actor=user,
        care_partner=Organisation.objects.get(name=CARE_PARTNER),
        organisation_name="",
        contact_name=CONTACT,
        phone="030 123 45 67",
        email="",
        consent=consent,
    )


def _overview(login, person_of, username: str = "bewoner") -> str:  # type: ignore[no-untyped-def]
    complex_id = person_of(username).household.leases.filter(end_date__isnull=True).get().unit.complex_id
    response = login("beheerder").get(reverse("beheer_residents", args=[complex_id]))
    assert response.status_code == 200
    return response.content.decode()


def _reads() -> int:
    return AccessEvent.objects.filter(record="care_partner_contact").count()


def test_the_overview_lists_who_lives_where_since_when_and_how_to_reach_them(login, person_of) -> None:  # type: ignore[no-untyped-def]
    newcomer = move_in("Vliethof", days_ago=40, name="Sanna")
    html = login("beheerder").get(reverse("beheer_residents", args=[newcomer.complex.pk])).content.decode()
    assert newcomer.household.name in html
    assert "0612345678" in html
    assert reverse("beheer_contact_moments", args=[newcomer.household.pk]) in html


def test_without_consent_nothing_about_a_care_partner_shows_and_nothing_is_logged(
    login, persona, person_of
) -> None:  # type: ignore[no-untyped-def]
    # given bewoner named a contact at the care partner but gave no consent
    _name_contact(persona("bewoner"), consent=False)
    before = _reads()
    # when the building manager opens the overview of bewoner's complex
    html = _overview(login, person_of)
    # then neither the contact nor the care partner shows, and no read is logged
    assert CONTACT not in html
    assert CARE_PARTNER not in html
    assert _reads() == before


def test_with_consent_the_contact_shows_and_each_read_is_one_access_event(login, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    # given bewoner named a contact and consented
    _name_contact(persona("bewoner"), consent=True)
    before = _reads()
    # when the building manager opens the overview twice
    html = _overview(login, person_of)
    _overview(login, person_of)
    # then the contact shows, and each read wrote exactly one access event for bewoner's household
    assert CONTACT in html and CARE_PARTNER in html
    assert _reads() == before + 2
    event = AccessEvent.objects.filter(record="care_partner_contact").order_by("-pk").first()
    assert event is not None
    assert event.household_id == person_of("bewoner").household_id
    assert event.actor.username == "beheerder" and event.view == "beheer_residents"


def test_withdrawn_consent_hides_the_contact_again(login, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    # given consent given, then withdrawn on the resident's own page
    _name_contact(persona("bewoner"), consent=True)
    response = login("bewoner").post(reverse("residents_sharing"), {"action": "withdraw"})
    assert response.status_code == 302
    contact = CarePartnerContact.objects.get(household=person_of("bewoner").household)
    assert contact.consent_withdrawn_at is not None and contact.consent_given_at is not None
    before = _reads()
    # when the building manager opens the overview
    html = _overview(login, person_of)
    # then the contact is gone and nothing was read
    assert CONTACT not in html
    assert _reads() == before


def test_consent_given_again_gets_a_new_date(persona) -> None:  # type: ignore[no-untyped-def]
    first = _name_contact(persona("bewoner"), consent=True)
    given = first.consent_given_at
    services.care_contact_withdraw_consent(actor=persona("bewoner"))
    again = _name_contact(persona("bewoner"), consent=True)
    assert again.consent_withdrawn_at is None
    assert again.consent_given_at is not None and given is not None and again.consent_given_at >= given


def test_the_resident_names_a_contact_on_their_own_page(login, person_of) -> None:  # type: ignore[no-untyped-def]
    partner = Organisation.objects.get(name=CARE_PARTNER)
    client = login("bewoner")
    assert client.get(reverse("residents_sharing")).status_code == 200
    response = client.post(
        reverse("residents_sharing"),
        {
            "action": "save",
            "care_partner": partner.pk,
            "contact_name": CONTACT,
            "phone": "0301234567",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    contact = CarePartnerContact.objects.get(household=person_of("bewoner").household)
    assert contact.consent_active and contact.contact_name == CONTACT


def test_a_contact_without_phone_or_email_is_refused_in_dutch_and_nothing_is_saved(login, person_of) -> None:  # type: ignore[no-untyped-def]
    response = login("bewoner").post(
        reverse("residents_sharing"),
        {"action": "save", "organisation_name": "Buurtzorg", "contact_name": "Iemand"},
    )
    assert response.status_code == 400
    assert "Geef een telefoonnummer of een e-mailadres." in response.content.decode()
    assert not CarePartnerContact.objects.filter(household=person_of("bewoner").household).exists()


def test_staff_cannot_write_a_residents_care_contact(persona) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        _name_contact(persona("beheerder"), consent=True)
    with pytest.raises(ValidationError):
        services.care_contact_save(
            actor=persona("bewoner"),
            care_partner=None,
            organisation_name="",
            contact_name="X",
            phone="1",
            email="",
            consent=True,
        )


def test_the_buddy_shows_only_when_the_resident_shares_it(login, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    # given bewoner has an active buddy, buur
    seeker, neighbour = person_of("bewoner"), person_of("buur")
    request = BuddyRequest.objects.create(
        person=seeker, origin="resident", consent_given=True, status="paired"
    )
    BuddyPair.objects.create(request=request, seeker=seeker, neighbour=neighbour, status="active")
    # then the overview does not name the buddy until bewoner shares it
    assert f"Maatje: {neighbour.full_name}" not in _overview(login, person_of)
    services.buddy_sharing_set(actor=persona("bewoner"), share=True)
    assert f"Maatje: {neighbour.full_name}" in _overview(login, person_of)
    services.buddy_sharing_set(actor=persona("bewoner"), share=False)
    assert f"Maatje: {neighbour.full_name}" not in _overview(login, person_of)


def test_the_overview_takes_a_constant_number_of_queries(login, persona) -> None:  # type: ignore[no-untyped-def]
    client = login("beheerder")
    first = move_in("Vliethof", days_ago=30, name="Q0")
    url = reverse("beheer_residents", args=[first.complex.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(1, 4):
        move_in("Vliethof", days_ago=30 + i, name=f"Q{i}")
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before) <= 20
