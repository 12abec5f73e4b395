"""The building manager's "Vandaag" page: new residents with their visits, key handovers, empty
homes, the neighbour network's waiting help and missed calls, activities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omkijken.beheer.models import ContactKind, ContactMoment
from omkijken.beheer.selectors import day_for, visit_schedule
from tests.beheer.conftest import move_in

pytestmark = pytest.mark.django_db


def test_a_resident_who_moved_in_ten_days_ago_shows_a_welcome_visit_due_and_a_follow_up(
    login, persona, newcomer
) -> None:  # type: ignore[no-untyped-def]
    # given a household that moved into Vliethof ten days ago
    # when the building manager opens Vandaag
    html = login("beheerder").get(reverse("beheer_today")).content.decode()
    # then the newcomer is listed, one click from their contact page, with both visits to do
    assert reverse("beheer_contact_moments", args=[newcomer.household.pk]) in html
    day = day_for(persona("beheerder"))
    vliethof = next(c for c in day.complexes if c.complex.name == "Vliethof")
    row = next(r for r in vliethof.new_residents if r.household == newcomer.household)
    welcome, follow_up = row.visits
    assert welcome.due_on == newcomer.lease.start_date + dt.timedelta(days=14)
    assert follow_up.due_on == newcomer.lease.start_date + dt.timedelta(days=91)
    assert welcome.done_on is None and not welcome.overdue


def test_a_recorded_welcome_visit_marks_the_visit_done(persona, newcomer) -> None:  # type: ignore[no-untyped-def]
    # given a welcome visit recorded yesterday
    ContactMoment.objects.create(
        complex=newcomer.complex,
        household=newcomer.household,
        kind=ContactKind.WELCOME_VISIT,
        date=timezone.localdate() - dt.timedelta(days=1),
        involved="Noor",
    )
    # when the day is built
    day = day_for(persona("beheerder"))
    row = next(r for c in day.complexes for r in c.new_residents if r.household == newcomer.household)
    # then the welcome visit is done and only the follow-up remains
    assert row.visits[0].done_on == timezone.localdate() - dt.timedelta(days=1)
    assert [v.kind for v in row.open_visits] == [ContactKind.FOLLOW_UP_VISIT]


def test_a_welcome_visit_not_made_within_two_weeks_is_overdue(persona) -> None:  # type: ignore[no-untyped-def]
    # given a household that moved in twenty days ago without a visit
    late = move_in("De Brug", days_ago=20, name="Laat")
    # when the day is built
    row = next(
        r
        for c in day_for(persona("beheerder")).complexes
        for r in c.new_residents
        if r.household == late.household
    )
    # then the welcome visit is overdue
    assert row.visits[0].overdue


def test_a_resident_who_moved_in_seven_months_ago_is_no_longer_new(persona) -> None:  # type: ignore[no-untyped-def]
    old = move_in("Vliethof", days_ago=7 * 31, name="Oud")
    households = {r.household for c in day_for(persona("beheerder")).complexes for r in c.new_residents}
    assert old.household not in households


def test_the_schedule_is_two_weeks_and_three_months(settings) -> None:  # type: ignore[no-untyped-def]
    start = dt.date(2026, 1, 1)
    assert visit_schedule(start) == [
        (ContactKind.WELCOME_VISIT, dt.date(2026, 1, 15)),
        (ContactKind.FOLLOW_UP_VISIT, dt.date(2026, 4, 2)),
    ]
    settings.BEHEER_WELCOME_VISIT_DAYS = 7
    assert visit_schedule(start)[0][1] == dt.date(2026, 1, 8)


def test_only_the_complexes_he_manages_appear(persona) -> None:  # type: ignore[no-untyped-def]
    # given a newcomer in a complex of another corporation
    elsewhere = move_in("", days_ago=5, name="Elders", corporation="Stadswonen Oost")
    day = day_for(persona("beheerder"))
    names = {c.complex.name for c in day.complexes}
    assert "Vliethof" in names and "De Brug" in names
    assert elsewhere.complex.name not in names
    assert all(r.household != elsewhere.household for c in day.complexes for r in c.new_residents)


def test_empty_homes_show_what_letting_is_doing(persona) -> None:  # type: ignore[no-untyped-def]
    day = day_for(persona("beheerder"))
    empty = [e for c in day.complexes for e in c.empty_homes]
    assert empty, "the demo has vacant homes in his complexes"
    assert all(e.detail for e in empty)


def test_other_roles_may_not_open_vandaag(login) -> None:  # type: ignore[no-untyped-def]
    for persona in ("verhuur", "buur", "zorgpartner", "gemeente"):
        assert login(persona).get(reverse("beheer_today")).status_code == 403


def test_vandaag_takes_a_constant_number_of_queries(login) -> None:  # type: ignore[no-untyped-def]
    client = login("beheerder")
    client.get(reverse("beheer_today"))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("beheer_today"))
    for i in range(4):
        move_in("Vliethof", days_ago=3 + i, name=f"Extra{i}")
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("beheer_today"))
    assert len(after) == len(before)
    assert len(after) <= 20
