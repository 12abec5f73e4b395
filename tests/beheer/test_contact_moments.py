"""Contact moments: a visit, phone call or conversation with a date, who was involved and a short
note; seen only by the building managers of the complex. Their retention (two years by default) is
the privacy room's: tests/privacy/test_retention_run.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from omkijken.beheer import selectors, services
from omkijken.beheer.models import ContactKind, ContactMoment
from tests.factories import persona_user

pytestmark = pytest.mark.django_db


def _record(user, household_id: int, **extra) -> ContactMoment:  # type: ignore[no-untyped-def]
    values = {"kind": ContactKind.VISIT, "date": timezone.localdate(), "involved": "Noor", "note": ""}
    values.update(extra)
    return services.contact_moment_record(actor=user, household_id=household_id, **values)


def test_the_building_manager_records_a_visit_on_the_households_page(login, newcomer) -> None:  # type: ignore[no-untyped-def]
    url = reverse("beheer_contact_moments", args=[newcomer.household.pk])
    client = login("beheerder")
    page = client.get(url).content.decode()
    assert "Zorginhoud" in page  # the form says care content does not belong here
    response = client.post(
        url,
        {
            "kind": "welcome_visit",
            "date": timezone.localdate().isoformat(),
            "involved": "Noor en haar zoon",
            "note": "Sleutel fietsenhok gegeven",
        },
    )
    assert response.status_code == 302
    moment = ContactMoment.objects.get(household=newcomer.household)
    assert moment.kind == "welcome_visit" and moment.complex == newcomer.complex
    assert "Sleutel fietsenhok gegeven" in client.get(url).content.decode()


def test_bad_input_gets_a_dutch_message_and_writes_nothing(login, newcomer) -> None:  # type: ignore[no-untyped-def]
    url = reverse("beheer_contact_moments", args=[newcomer.household.pk])
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = login("beheerder").post(url, {"kind": "visit", "date": tomorrow, "involved": "Noor"})
    assert response.status_code == 200
    assert "Een contactmoment kan niet in de toekomst liggen." in response.content.decode()
    assert not ContactMoment.objects.filter(household=newcomer.household).exists()
    with pytest.raises(ValidationError):
        _record(persona_user("beheerder"), newcomer.household.pk, involved=" ")


def test_a_household_of_another_complex_answers_404_and_the_service_refuses(
    login, persona, other_org_household
) -> None:  # type: ignore[no-untyped-def]
    url = reverse("beheer_contact_moments", args=[other_org_household.household.pk])
    assert login("beheerder").get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        _record(persona("beheerder"), other_org_household.household.pk)


def test_notes_are_read_only_by_the_building_managers_of_that_complex(persona, newcomer) -> None:  # type: ignore[no-untyped-def]
    moment = _record(persona("beheerder"), newcomer.household.pk, note="Lekkage badkamer gemeld")
    assert moment in selectors.contact_moments_for(persona("beheerder"))
    for other in ("verhuur", "projectleider", "zorgpartner", "buur", "gemeente", "admin"):
        assert not selectors.contact_moments_for(persona(other)).exists(), other


def test_the_signals_room_can_record_a_visit_with_a_subject(persona, newcomer) -> None:  # type: ignore[no-untyped-def]
    moment = _record(persona("beheerder"), newcomer.household.pk, subject="Signaal #12")
    assert moment.subject == "Signaal #12"
