"""The signals pages issue at most 20 queries, and as many for 30 signals as for 3."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from omkijken.portfolio.models import Complex
from omkijken.signals.models import Route, Signal

pytestmark = pytest.mark.django_db


def add_signals(n: int) -> None:
    from omkijken.accounts.models import Organisation
    from omkijken.demo.personas import CARE_PARTNER

    now = timezone.now()
    vliethof = Complex.objects.get(name="Vliethof")
    units = list(vliethof.units.order_by("pk")[:n])
    partner = Organisation.objects.get(name=CARE_PARTNER)
    for i, unit in enumerate(units):
        signal = Signal.objects.create(
            complex=vliethof,
            unit=unit,
            kind_id=["nuisance", "not_seen", "loneliness"][i % 3],
            reported_as=Signal.ReportedAs.BUILDING_MANAGER,
            created_at=now - dt.timedelta(hours=i),
            due_at=now + dt.timedelta(hours=24),
            household=unit.leases.first().household if unit.leases.exists() else None,
        )
        Route.objects.create(
            signal=signal,
            target=Route.Target.CARE_PARTNER,
            organisation=partner,
            basis=Route.Basis.CONSENT,
            basis_reference="akkoord",
            routed_at=now,
        )


def queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["beheerder", "zorgpartner", "projectleider"])
def test_the_signal_list_needs_the_same_few_queries_for_3_or_30_signals(persona: str, login) -> None:  # type: ignore[no-untyped-def]
    client = login(persona)
    add_signals(3)
    few = queries(client, "/meldingen/")
    add_signals(27)
    many = queries(client, "/meldingen/")
    assert few <= 20 and few == many


def test_the_other_signal_pages_stay_under_twenty_queries(login) -> None:  # type: ignore[no-untyped-def]
    add_signals(3)
    signal = Signal.objects.first()
    assert queries(login("beheerder"), f"/meldingen/{signal.pk}/") <= 20
    assert queries(login("buur"), "/meldingen/nieuw/") <= 20
    assert queries(login("buur"), "/meldingen/mijn/") <= 20
    assert queries(login("gemeente"), "/meldingen/cijfers/") <= 20
    assert queries(login("projectleider"), "/meldingen/soorten/") <= 20
