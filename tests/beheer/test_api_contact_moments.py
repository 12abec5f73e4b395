"""Contact moments in the REST API, scoped like the pages and in the OpenAPI document."""

from __future__ import annotations

import pytest
from django.utils import timezone

from omkijken.beheer.models import ContactMoment

pytestmark = pytest.mark.django_db

URL = "/api/v1/contact-moments/"


def test_the_building_manager_records_and_lists_a_contact_moment(api, newcomer) -> None:  # type: ignore[no-untyped-def]
    client = api("beheerder")
    body = {
        "household": newcomer.household.pk,
        "kind": "phone_call",
        "date": timezone.localdate().isoformat(),
        "involved": "Noor",
        "note": "Afspraak gemaakt voor welkomstbezoek",
    }
    created = client.post(URL, body, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["household"]["id"] == newcomer.household.pk
    listed = client.get(URL, {"household": newcomer.household.pk}).json()
    assert [row["id"] for row in listed["results"]] == [created.json()["id"]]
    assert client.get(f"{URL}{created.json()['id']}/").status_code == 200


def test_a_household_outside_his_complexes_is_a_400_and_nothing_is_written(api, other_org_household) -> None:  # type: ignore[no-untyped-def]
    body = {
        "household": other_org_household.household.pk,
        "kind": "visit",
        "date": "2026-01-01",
        "involved": "X",
    }
    response = api("beheerder").post(URL, body, format="json")
    assert response.status_code == 400
    assert "household" in response.json()["errors"]
    assert not ContactMoment.objects.filter(household=other_org_household.household).exists()


def test_bad_input_is_a_400_naming_the_field(api, newcomer) -> None:  # type: ignore[no-untyped-def]
    body = {"household": newcomer.household.pk, "kind": "diagnose", "date": "2026-01-01", "involved": "X"}
    response = api("beheerder").post(URL, body, format="json")
    assert response.status_code == 400 and "kind" in response.json()["errors"]
    future = {"household": newcomer.household.pk, "kind": "visit", "date": "2099-01-01", "involved": "X"}
    response = api("beheerder").post(URL, future, format="json")
    assert response.status_code == 400 and "date" in response.json()["errors"]


def test_another_complexs_moment_answers_404_and_other_roles_403(
    api, persona, newcomer, other_org_household
) -> None:  # type: ignore[no-untyped-def]
    foreign = ContactMoment.objects.create(
        complex=other_org_household.complex,
        household=other_org_household.household,
        kind="visit",
        date=timezone.localdate(),
        involved="X",
    )
    assert api("beheerder").get(f"{URL}{foreign.pk}/").status_code == 404
    for other in ("verhuur", "zorgpartner", "buur"):
        assert api(other).get(URL).status_code == 403, other


def test_contact_moments_are_in_the_openapi_document(client) -> None:  # type: ignore[no-untyped-def]
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/contact-moments/" in schema
