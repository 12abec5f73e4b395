"""Signals in the REST API: scoped like the pages, in the OpenAPI document, routed signals by
target for a CRM, care-partner routings logged as reads."""

from __future__ import annotations

import datetime as dt

import pytest

from omkijken.accounts.models import AccessEvent
from omkijken.portfolio.models import Unit
from omkijken.signals import services
from omkijken.signals.models import Signal, SignalKind

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


def routed(persona, client_home, target: str, **basis: str) -> Signal:  # type: ignore[no-untyped-def]
    signal = services.signal_report(
        actor=persona("beheerder"),
        kind=SignalKind.objects.get(code="nuisance"),
        unit=client_home.unit,
        now=NOW,
    )
    services.signal_route(actor=persona("beheerder"), signal=signal, target=target, **basis)
    return signal


def test_a_crm_receives_the_signals_routed_to_the_nuisance_process(api, persona, client_home) -> None:  # type: ignore[no-untyped-def]
    nuisance = routed(persona, client_home, "nuisance")
    care = routed(persona, client_home, "care_partner", consent_reference="akkoord 3-12")
    response = api("beheerder").get("/api/v1/signals/", {"routed_to": "nuisance"})
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert nuisance.pk in ids and care.pk not in ids
    row = next(r for r in response.json()["results"] if r["id"] == nuisance.pk)
    assert row["routes"][0]["basis"] == "own_process" and row["vera_code"] == "OVE"


def test_the_care_partner_gets_only_its_routed_signals_and_each_is_logged(api, persona, client_home) -> None:  # type: ignore[no-untyped-def]
    nuisance = routed(persona, client_home, "nuisance")
    care = routed(persona, client_home, "care_partner", consent_reference="akkoord 3-12")
    events = AccessEvent.objects.filter(actor=persona("zorgpartner"), record="signal_care_route")
    response = api("zorgpartner").get("/api/v1/signals/")
    ids = [row["id"] for row in response.json()["results"]]
    assert care.pk in ids and nuisance.pk not in ids
    assert events.count() == len(ids)
    assert api("zorgpartner").get(f"/api/v1/signals/{nuisance.pk}/").status_code == 404
    # and marking it handled through the API works once, then conflicts
    assert api("zorgpartner").post(f"/api/v1/signals/{care.pk}/handled/").json()["status"] == "handled"
    assert api("zorgpartner").post(f"/api/v1/signals/{care.pk}/handled/").status_code == 409


def test_another_corporations_signal_answers_404_and_residents_403(api, persona) -> None:  # type: ignore[no-untyped-def]
    from omkijken.demo.personas import OTHER_CORPORATION

    unit = Unit.objects.filter(complex__corporation__name=OTHER_CORPORATION).first()
    other = Signal.objects.create(
        complex=unit.complex,
        unit=unit,
        kind=SignalKind.objects.get(code="damage"),
        reported_as=Signal.ReportedAs.BUILDING_MANAGER,
        created_at=NOW,
        due_at=NOW + dt.timedelta(hours=1),
    )
    assert api("beheerder").get(f"/api/v1/signals/{other.pk}/").status_code == 404
    assert api("buur").get("/api/v1/signals/").status_code == 403
    assert api("beheerder").get("/api/v1/signals/", {"routed_to": "elsewhere"}).status_code == 400


def test_signals_are_in_the_openapi_document(client) -> None:  # type: ignore[no-untyped-def]
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/v1/signals/" in schema["paths"]
    names = [p["name"] for p in schema["paths"]["/api/v1/signals/"]["get"]["parameters"]]
    assert "routed_to" in names
