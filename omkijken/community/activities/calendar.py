"""The iCalendar feed of a complex's activities: titles, times and places only, never who comes."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from omkijken.community.activities.models import Activity
from omkijken.portfolio.models import Complex


def complex_calendar(complex_: Complex) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Omkijken//Buurtagenda//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Omkijken – {complex_.name}")
    for activity in Activity.objects.filter(complex=complex_, cancelled=False).order_by("starts_at", "pk"):
        event = Event()
        event.add("uid", f"{activity.uid}@omkijken")
        event.add("summary", activity.title)
        event.add("dtstart", timezone.localtime(activity.starts_at))
        event.add("dtend", timezone.localtime(activity.ends_at))
        event.add("dtstamp", activity.starts_at)
        event.add("location", activity.location)
        if activity.description:
            event.add("description", activity.description)
        if activity.recurrence and activity.repeat_until:
            until = timezone.localtime(activity.starts_at).replace(
                year=activity.repeat_until.year, month=activity.repeat_until.month, day=activity.repeat_until.day,
                hour=23, minute=59, second=59,
            )  # fmt: skip
            event.add("rrule", vRecur({"FREQ": activity.recurrence, "UNTIL": until.astimezone(dt.UTC)}))
        cal.add_component(event)
    # RFC 5545 requires a VTIMEZONE for every TZID the feed uses (Europe/Amsterdam).
    cal.add_missing_timezones()
    ical: bytes = cal.to_ical()
    return ical
