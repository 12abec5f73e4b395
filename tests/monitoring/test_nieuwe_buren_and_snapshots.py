"""Nieuwe Buren counted per departure, and the monthly mix snapshots."""

from __future__ import annotations

import datetime as dt

import pytest

from omkijken.community.models import NeighbourProfile
from omkijken.jobs.models import Job
from omkijken.jobs.services import job_submit
from omkijken.monitoring.models import MixSnapshot, NieuweBurenComplex
from omkijken.monitoring.selectors import nieuwe_buren
from omkijken.monitoring.services import take_mix_snapshot
from omkijken.residents.models import Person
from tests.factories import make_household, make_lease

pytestmark = pytest.mark.django_db


def test_each_departure_is_counted_with_whether_a_good_neighbour_replaced_it(golden) -> None:  # type: ignore[no-untyped-def]
    # given Proefhof working the Nieuwe Buren way since 2024, and four departures in 2024
    NieuweBurenComplex.objects.create(complex=golden.complex, since=dt.date(2024, 1, 1))
    unit = golden.complex.units.get(house_number=16)
    first = make_household(corporation=golden.corporation, reference="NB1", name="Vertrekker")
    make_lease(unit=unit, household=first, start_date=dt.date(2020, 1, 1), end_date=dt.date(2024, 2, 29))
    helper = make_household(corporation=golden.corporation, reference="NB2", name="Goede buur")
    NeighbourProfile.objects.create(person=Person.objects.get(household=helper), is_good_neighbour=True)
    make_lease(unit=unit, household=helper, start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 8, 31))
    regular = make_household(corporation=golden.corporation, reference="NB3", name="Gewone huurder")
    make_lease(unit=unit, household=regular, start_date=dt.date(2024, 10, 1), end_date=dt.date(2024, 11, 30))
    # when the project leader counts 2024
    data = nieuwe_buren(golden.leader, year=2024, on=dt.date(2024, 12, 31))
    # then: the first replaced by a good neighbour, SD's home (left in March) not let again, the
    # good neighbour's home let to a regular tenant, the last not yet let again
    assert data is not None
    [row] = data.complexes
    assert [(d.replaced, d.by_good_neighbour) for d in row.departures] == [
        (True, True),
        (False, False),
        (True, False),
        (False, False),
    ]
    [y2024] = row.years
    assert (y2024.departures.value, y2024.replaced.value, y2024.by_good_neighbour.value) == (4, 2, 1)
    assert y2024.share == pytest.approx(0.5)
    # and the municipality sees these small counts hidden, and no departure list
    municipal = nieuwe_buren(golden.officer, year=2024, on=dt.date(2024, 12, 31))
    assert municipal is not None
    [mrow] = municipal.complexes
    assert mrow.departures == [] and mrow.years[0].departures.suppressed


def test_a_month_snapshot_counts_occupied_homes_and_vulnerable_households(golden) -> None:  # type: ignore[no-untyped-def]
    # on 31 January 2025: leases A0 (not vulnerable... in a group since 2024), SA, SC (moved within), SD
    rows = take_mix_snapshot(month=dt.date(2025, 1, 15), today=dt.date(2025, 6, 1))
    snapshot = MixSnapshot.objects.get(
        month=dt.date(2025, 1, 1), complex=golden.complex, section__isnull=True
    )
    assert rows >= 1
    # A0 (vulnerable), SA, SC: three vulnerable of four occupied; SD left in March 2024
    assert (snapshot.units, snapshot.occupied, snapshot.vulnerable) == (16, 3, 3)


def test_the_snapshot_job_writes_the_month_and_a_second_run_replaces_it(golden) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        job = job_submit(
            actor=None, kind="monitoring.mix_snapshot", title="Snapshot", params={"month": "2025-02-01"}
        )
        assert job.state == Job.State.SUCCEEDED
    assert (
        MixSnapshot.objects.filter(
            month=dt.date(2025, 2, 1), complex=golden.complex, section__isnull=True
        ).count()
        == 1
    )
