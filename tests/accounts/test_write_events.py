"""Writes of special-category data are audited by the services that make them: who, when, whose
record, before and after, on their own verified hash chain, and shown on the access-log page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from omkijken.accounts.audit import verify_chain
from omkijken.accounts.models import WriteEvent
from omkijken.demo.personas import CORPORATION
from omkijken.residents import services as resident_services
from omkijken.residents.models import TargetGroupStatus
from tests.factories import make_household

pytestmark = pytest.mark.django_db


def test_recording_a_target_group_status_writes_who_whose_and_the_new_values(persona) -> None:  # type: ignore[no-untyped-def]
    # given a household without a status at the letting officer's corporation
    officer = persona("verhuur")
    household = make_household(corporation=officer.organisation, reference="WE-1", name="Huishouden Schrijf")
    # when the officer records a status
    status = resident_services.target_group_status_record(
        household=household,
        target_group="STH",
        care_partner=None,
        start_date=dt.date(2026, 11, 2),
        consent_reference="TOE-2026-1",
        actor=officer,
    )
    # then one write event says who, whose record, and the values after (nothing before)
    event = WriteEvent.objects.get(record=f"targetgroupstatus:{status.pk}")
    assert (event.actor, event.household_id, event.action) == (officer, household.pk, "create")
    assert event.before is None
    assert event.after["target_group"] == "STH" and event.after["start_date"] == "2026-11-02"
    assert verify_chain(WriteEvent).ok


def test_changing_and_deleting_a_care_contact_keeps_before_and_after(persona, person_of, login) -> None:  # type: ignore[no-untyped-def]
    resident = persona("bewoner")
    household = person_of("bewoner").household

    def save(name: str) -> None:
        resident_services.care_contact_save(
            actor=resident,
            care_partner=None,
            organisation_name="Zorg BV",
            contact_name=name,
            phone="0300000000",
            email="",
            consent=True,
        )

    # when the resident names a contact, renames them, and removes the contact
    save("Anna")
    save("Bram")
    resident_services.care_contact_delete(actor=resident)
    # then the three writes are on the chain with their before and after
    events = list(WriteEvent.objects.filter(household=household).order_by("seq"))
    assert [e.action for e in events[-3:]] == ["create", "update", "delete"]
    assert events[-2].before["contact_name"] == "Anna" and events[-2].after["contact_name"] == "Bram"
    assert events[-1].before["contact_name"] == "Bram" and events[-1].after is None
    assert verify_chain(WriteEvent).ok
    # and the corporation's admin sees them on the access-log page
    body = login("admin").get(reverse("access_log")).content.decode()
    # (which fields changed, not their values: a care contact is for the building manager with consent)
    assert "contact_name" in body and "verwijderd" in body and "Bram" not in body
    assert household.corporation.name == CORPORATION
    assert TargetGroupStatus.objects.filter(household=household).exists()
