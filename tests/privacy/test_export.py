"""Art. 15: everything stored about a household, and nothing about anyone else, as JSON and PDF."""

from __future__ import annotations

import datetime as dt
import decimal
import io
import json
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from pypdf import PdfReader

from omkijken.accounts.models import AccessEvent
from omkijken.privacy import services
from omkijken.privacy.export import covered_models, subject_export
from omkijken.privacy.models import PrivacyRequest, PrivacyRequestEvent
from omkijken.residents.models import Household, Person
from tests.factories import persona_person, persona_user
from tests.second_factor import log_in_verified

pytestmark = pytest.mark.django_db


def _models_pointing_at_a_person_or_household() -> set[str]:
    """Walked independently of the export: every concrete relation field in every model."""
    found = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model in (Household, Person):
                found.add(model._meta.label)
    return found


def test_every_model_that_points_at_a_person_or_household_is_in_the_export() -> None:
    # given every model of the project with a relation to Household or Person
    pointing = _models_pointing_at_a_person_or_household()
    assert {"residents.TargetGroupStatus", "beheer.ContactMoment", "letting.Nomination"} <= pointing
    # then the export covers each one (a new model is covered or this test fails)
    assert pointing - covered_models() == set()


def _expected(row: models.Model, field: models.Field[Any, Any], household: Household) -> Any:
    value = field.value_from_object(row)
    if field.is_relation:
        if field.related_model is Household:
            return household.reference if value == household.pk else None
        return "skip"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def _strings(value: Any) -> set[str]:
    if isinstance(value, dict):
        return {s for v in value.values() for s in _strings(v)}
    if isinstance(value, list):
        return {s for v in value for s in _strings(v)}
    return {value} if isinstance(value, str) else set()


def test_the_export_of_a_demo_household_holds_every_row_about_it_field_by_field() -> None:
    # given the vulnerable resident's household of the demo (lease, target group, care contact, ...)
    household = persona_person("bewoner").household
    # when its data is exported
    data = json.loads(json.dumps(subject_export(household)))
    sections = {s["model"]: s for s in data["sections"]}
    # then every row that points at the household or one of its members is there...
    members = list(household.members.all())
    for label in _models_pointing_at_a_person_or_household():
        model = apps.get_model(label)
        stored: set[int] = set()
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is Household:
                stored |= set(
                    model._default_manager.filter(**{field.name: household}).values_list("pk", flat=True)
                )
            if field.is_relation and field.related_model is Person:
                stored |= set(
                    model._default_manager.filter(**{f"{field.name}__in": members}).values_list(
                        "pk", flat=True
                    )
                )
        exported = {row[model._meta.pk.name] for row in sections[label]["rows"]}
        assert exported == stored, label
    # ...with each of its own fields as stored
    checked = 0
    for label, section in sections.items():
        model = apps.get_model(label)
        for row in section["rows"]:
            instance = model._default_manager.get(pk=row[model._meta.pk.name])
            for field in model._meta.concrete_fields:
                if field.name not in row:
                    continue  # a login's password hash is never exported
                expected = _expected(instance, field, household)
                if expected != "skip":
                    assert row[field.name] == expected, (label, field.name)
                    checked += 1
    assert checked > 30
    assert "residents.TargetGroupStatus" in sections and sections["residents.TargetGroupStatus"]["rows"]
    assert sections["residents.Lease"]["rows"], "the lease is in it"
    person_rows = sections["residents.Person"]["rows"]
    assert {(r["first_name"], r["last_name"], r["birth_date"]) for r in person_rows} == {
        (p.first_name, p.last_name, p.birth_date.isoformat()) for p in members
    }
    assert all("password" not in r for r in sections["accounts.User"]["rows"])


def test_the_export_names_nobody_else() -> None:
    # given the household and everyone else in the demo world
    household = persona_person("bewoner").household
    others = Person.objects.exclude(household=household)
    other_values = {p.full_name for p in others} | {p.email for p in others if p.email}
    other_values |= {p.phone for p in others if p.phone}
    other_households = Household.objects.exclude(pk=household.pk)
    other_values |= set(other_households.values_list("reference", flat=True))
    other_values |= set(other_households.values_list("name", flat=True))
    staff = {
        u.get_full_name() for u in type(persona_user("verhuur")).objects.exclude(person__household=household)
    }
    # when its data is exported
    exported = _strings(subject_export(household))
    # then no value in it is another person's name, contact detail or household, or a staff name
    assert exported & other_values == set()
    assert exported & (staff - {""}) == set()


def test_a_person_asking_for_their_own_data_gets_their_household_but_not_the_other_members() -> None:
    person = persona_person("bewoner")
    other = Person.objects.create(
        household=person.household, first_name="Selam", last_name="Tesfaye", birth_date=dt.date(2010, 5, 1)
    )
    data = subject_export(person.household, person)
    rows = next(s for s in data["sections"] if s["model"] == "residents.Person")["rows"]
    assert [r["first_name"] for r in rows] == [person.first_name]
    assert "Selam Tesfaye" not in _strings(data) and other.first_name not in _strings(data)


def test_the_privacy_officer_exports_an_access_request_as_json_and_a_readable_pdf_and_each_step_is_logged(
    login,
) -> None:  # type: ignore[no-untyped-def]
    # given an access request of the resident's household
    officer = persona_user("privacy")
    household = persona_person("bewoner").household
    request = services.privacy_request_create(actor=officer, household=household, kind="access")
    reads = AccessEvent.objects.filter(household=household, record="privacy_export").count()
    client = login("privacy")
    # when the officer downloads the JSON and the PDF
    as_json = client.get(reverse("privacy_request_json", args=[request.pk]))
    as_pdf = client.get(reverse("privacy_request_pdf", args=[request.pk]))
    # then both are the household's data
    assert as_json.status_code == 200 and as_json["Content-Type"].startswith("application/json")
    assert json.loads(as_json.content)["household"] == household.reference
    assert as_pdf.status_code == 200 and as_pdf.content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(as_pdf.content)).pages)
    assert persona_person("bewoner").last_name in text
    # and each export is a step on the request and a read in the access log
    actions = list(request.events.values_list("action", flat=True))
    assert actions == [
        PrivacyRequestEvent.Action.RECEIVED,
        PrivacyRequestEvent.Action.EXPORTED_JSON,
        PrivacyRequestEvent.Action.EXPORTED_PDF,
    ]
    assert AccessEvent.objects.filter(household=household, record="privacy_export").count() == reads + 2
    # when the officer completes the request, it is done
    client.post(reverse("privacy_request_complete", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == PrivacyRequest.Status.COMPLETED


def test_an_officer_of_another_corporation_finds_no_such_request(login) -> None:  # type: ignore[no-untyped-def]
    from omkijken.accounts.models import Organisation
    from omkijken.demo.personas import OTHER_CORPORATION
    from tests.factories import make_login

    officer = persona_user("privacy")
    request = services.privacy_request_create(
        actor=officer, household=persona_person("bewoner").household, kind="access"
    )
    outsider = make_login(
        username="fg-oost",
        role="privacy_officer",
        organisation=Organisation.objects.get(name=OTHER_CORPORATION),
    )
    from django.test import Client

    client = Client()
    log_in_verified(client, outsider)
    assert client.get(reverse("privacy_request_json", args=[request.pk])).status_code == 404
    assert not request.events.exclude(action="received").exists()
