"""Activities: sign-up with a limit, attendance by the organiser, activities held per year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from omkijken.community import scope
from omkijken.community.activities import selectors as activity_selectors
from omkijken.community.activities import services as activity_services
from omkijken.community.models import Activity, ActivitySignup

pytestmark = pytest.mark.django_db


def test_signing_up_stops_at_the_limit(network, persona, person_of, resident_login) -> None:  # type: ignore[no-untyped-def]
    # given an activity for two people in Vliethof
    start = dt.datetime(2031, 6, 1, 14, tzinfo=dt.UTC)
    activity = activity_services.activity_create(
        actor=persona("buur"),
        title="Schaken",
        location="Buurtkamer",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=2,
    )
    neighbours = list(scope.persons_in_complex(activity.complex_id).filter(user__isnull=True)[:3])
    first, second, third = (resident_login(p) for p in neighbours)
    # when three neighbours sign up
    activity_services.activity_signup(actor=first, activity=activity)
    activity_services.activity_signup(actor=second, activity=activity)
    with pytest.raises(ValidationError):
        activity_services.activity_signup(actor=third, activity=activity)
    # then two are signed up
    assert ActivitySignup.objects.filter(activity=activity).count() == 2


def test_the_organiser_records_attendance_and_others_may_not(
    network, persona, person_of, resident_login
) -> None:  # type: ignore[no-untyped-def]
    start = dt.datetime(2031, 6, 1, 14, tzinfo=dt.UTC)
    activity = activity_services.activity_create(
        actor=persona("buur"),
        title="Tuinieren",
        location="Binnentuin",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    guest = resident_login(scope.persons_in_complex(activity.complex_id).filter(user__isnull=True).first())
    signup = activity_services.activity_signup(actor=guest, activity=activity)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        activity_services.attendance_record(actor=guest, signup=signup, attended=True)
    activity_services.attendance_record(actor=persona("buur"), signup=signup, attended=True)
    signup.refresh_from_db()
    assert signup.attended is True


def test_a_weekly_activity_counts_each_meeting_held_in_the_year(network) -> None:  # type: ignore[no-untyped-def]
    # given a weekly activity from 7 January to 28 January 2030 (4 Mondays)
    from omkijken.portfolio.models import Complex

    complex_ = Complex.objects.get(name="Vliethof")
    start = dt.datetime(2030, 1, 7, 10, tzinfo=dt.UTC)
    Activity.objects.create(
        complex=complex_, title="Koffie", location="Buurtkamer", starts_at=start, ends_at=start + dt.timedelta(hours=1),
        recurrence="WEEKLY", repeat_until=dt.date(2030, 1, 28),
    )  # fmt: skip
    # then by 22 January three were held, by the end of the year four
    assert (
        activity_selectors.activities_held(complex_.pk, 2030, now=dt.datetime(2030, 1, 22, 12, tzinfo=dt.UTC))
        == 3
    )
    assert (
        activity_selectors.activities_held(complex_.pk, 2030, now=dt.datetime(2031, 1, 1, tzinfo=dt.UTC)) == 4
    )


def test_staff_of_another_corporation_cannot_create_activities_here(network, persona) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied

    from omkijken.portfolio.models import Complex

    start = dt.datetime(2031, 6, 1, 14, tzinfo=dt.UTC)
    with pytest.raises(PermissionDenied):
        activity_services.activity_create(
            actor=persona("bsmit"), complex_=Complex.objects.get(name="Vliethof"), title="X", location="Y",
            starts_at=start, ends_at=start + dt.timedelta(hours=1),
        )  # fmt: skip
