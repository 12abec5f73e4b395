"""Reads of activities and sign-ups, already filtered to what the actor may see."""

from __future__ import annotations

import datetime as dt

from dateutil.rrule import MONTHLY, WEEKLY, rrule
from django.db.models import QuerySet
from django.utils import timezone

from omkijken.accounts.models import User
from omkijken.community.activities.models import Activity, ActivitySignup, CalendarFeed
from omkijken.community.scope import Place, network_complexes, resident_place
from omkijken.portfolio.models import Complex


def activities_for(actor: User) -> QuerySet[Activity]:
    return Activity.objects.filter(complex__in=network_complexes(actor)).select_related("complex")


def signups_with_activity() -> QuerySet[ActivitySignup]:
    """Sign-ups with their activity, for :func:`attendance_record`, which checks who may record."""
    return ActivitySignup.objects.select_related("activity")


def calendar_feeds(complexes: list[Complex]) -> dict[int, CalendarFeed]:
    """The calendar feed of each of these complexes that has one, by complex id."""
    return {f.complex_id: f for f in CalendarFeed.objects.filter(complex__in=complexes)}


def calendar_feeds_by_token() -> QuerySet[CalendarFeed]:
    """Calendar feeds with their complex; the secret token is the only key (no login)."""
    return CalendarFeed.objects.select_related("complex")


def own_signups(actor: User) -> QuerySet[ActivitySignup]:
    """The resident's own sign-ups."""
    place = resident_place(actor)
    if place is None:
        return ActivitySignup.objects.none()
    return ActivitySignup.objects.filter(person=place.person)


def own_signup(activity: Activity, place: Place, occurrence: dt.date) -> ActivitySignup | None:
    return ActivitySignup.objects.filter(
        activity=activity, person=place.person, occurrence=occurrence
    ).first()


def attendance_list(activity: Activity) -> QuerySet[ActivitySignup]:
    """Who signed up for any occurrence, newest date first (for whoever records attendance)."""
    return (
        ActivitySignup.objects.filter(activity=activity)
        .select_related("person")
        .order_by("-occurrence", "pk")
    )


def occurrences(
    activity: Activity, *, after: dt.datetime | None = None, before: dt.datetime | None = None
) -> list[dt.datetime]:
    """Start times of an activity's occurrences (local time), optionally within [after, before)."""
    start = timezone.localtime(activity.starts_at)
    if not activity.recurrence or activity.repeat_until is None:  # the database keeps both or neither
        times = [start]
    else:
        until = dt.datetime.combine(activity.repeat_until, dt.time(23, 59), tzinfo=start.tzinfo)
        freq = WEEKLY if activity.recurrence == Activity.Recurrence.WEEKLY else MONTHLY
        naive = rrule(freq, dtstart=start.replace(tzinfo=None), until=until.replace(tzinfo=None))
        times = [timezone.make_aware(t) for t in naive]
    if after is not None:
        times = [t for t in times if t >= after]
    if before is not None:
        times = [t for t in times if t < before]
    return times


def next_occurrence(activity: Activity, *, now: dt.datetime | None = None) -> dt.datetime | None:
    now = now or timezone.now()
    found = occurrences(activity, after=now - (activity.ends_at - activity.starts_at))
    return found[0] if found else None


def upcoming_activities(actor: User, *, now: dt.datetime | None = None) -> list[tuple[Activity, dt.datetime]]:
    now = now or timezone.now()
    rows = []
    for activity in activities_for(actor).filter(cancelled=False):
        when = next_occurrence(activity, now=now)
        if when is not None:
            rows.append((activity, when))
    rows.sort(key=lambda row: row[1])
    return rows


def signup_count(activity: Activity, occurrence: dt.date) -> int:
    return ActivitySignup.objects.filter(activity=activity, occurrence=occurrence).count()


def activities_held(complex_id: int, year: int, *, now: dt.datetime | None = None) -> int:
    """Occurrences of the complex's activities in a year that have already taken place."""
    now = now or timezone.now()
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, 1, 1, tzinfo=tz)
    end = min(dt.datetime(year + 1, 1, 1, tzinfo=tz), now)
    total = 0
    for activity in Activity.objects.filter(complex_id=complex_id, cancelled=False, starts_at__lt=end):
        total += len(occurrences(activity, after=start, before=end))
    return total
