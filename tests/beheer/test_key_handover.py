"""Part 7: the building manager completes a key handover with the meter readings and the keys."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from omkijken.letting.models import KeyHandover
from omkijken.letting.offers.services import key_handover_complete

pytestmark = pytest.mark.django_db


def _his_handover() -> KeyHandover:
    handover = (
        KeyHandover.objects.filter(offer__unit__complex__managers__username="beheerder", done=False)
        .order_by("at", "pk")
        .first()
    )
    assert handover is not None
    return handover


def test_he_marks_a_key_handover_done_with_readings_and_keys(login) -> None:  # type: ignore[no-untyped-def]
    handover = _his_handover()
    url = reverse("beheer_key_handover", args=[handover.pk])
    client = login("beheerder")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"keys_handed_over": "3", "meter_electricity": "12345.6", "meter_water": "321.5", "meter_gas": ""},
    )
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.done and handover.keys_handed_over == 3
    assert handover.meter_electricity == Decimal("12345.6") and handover.meter_gas is None
    assert handover.completed_by is not None and handover.completed_by.username == "beheerder"
    page = client.get(url).content.decode()
    assert "12345,6" in page or "12345.6" in page
    # and Vandaag shows it done
    assert "gedaan" in client.get(reverse("beheer_today")).content.decode()


def test_a_negative_reading_is_refused_in_dutch_and_nothing_is_saved(login) -> None:  # type: ignore[no-untyped-def]
    handover = _his_handover()
    response = login("beheerder").post(
        reverse("beheer_key_handover", args=[handover.pk]),
        {"keys_handed_over": "0", "meter_electricity": "-1", "meter_water": "1"},
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    handover.refresh_from_db()
    assert not handover.done


def test_completing_twice_or_by_someone_else_is_refused(persona) -> None:  # type: ignore[no-untyped-def]
    handover = _his_handover()
    readings = {"keys_handed_over": 2, "meter_electricity": Decimal("1"), "meter_water": Decimal("1")}
    with pytest.raises(PermissionDenied):
        key_handover_complete(actor=persona("verhuur"), handover=handover, **readings)
    key_handover_complete(actor=persona("beheerder"), handover=handover, **readings)
    with pytest.raises(ValidationError):
        key_handover_complete(actor=persona("beheerder"), handover=handover, **readings)
