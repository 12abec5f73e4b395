"""The complex's iCalendar feed parses with a standard parser and holds no personal data."""

from __future__ import annotations

import pytest
from django.urls import reverse
from icalendar import Calendar

from omkijken.community.activities import services as activity_services
from omkijken.community.models import Activity, ActivitySignup, CalendarFeed
from omkijken.community.scope import place_of_person

pytestmark = pytest.mark.django_db


def test_the_feed_parses_and_holds_each_activity_with_its_uid_and_rrule(
    network, client, person_of, persona
) -> None:  # type: ignore[no-untyped-def]
    # given Vliethof's activities and a sign-up by buur
    vliethof = place_of_person(person_of("buur").pk).complex
    coffee = Activity.objects.get(complex=vliethof, recurrence="WEEKLY")
    activity_services.activity_signup(actor=persona("buur"), activity=coffee)
    feed = CalendarFeed.objects.get(complex=vliethof)
    # when a calendar app fetches the feed
    response = client.get(reverse("community_calendar", args=[feed.token]))
    # then it parses, with one event per activity, the right UIDs, start times and recurrence
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    activities = Activity.objects.filter(complex=vliethof, cancelled=False)
    assert set(events) == {f"{a.uid}@omkijken" for a in activities}
    event = events[f"{coffee.uid}@omkijken"]
    assert event.decoded("DTSTART") == coffee.starts_at
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    # and no participant's name, e-mail or phone is in it
    text = response.content.decode()
    for signup in ActivitySignup.objects.select_related("person"):
        person = signup.person
        assert person.last_name not in text and (not person.phone or person.phone not in text)
    assert "ATTENDEE" not in text and "ORGANIZER" not in text


def test_the_feed_of_one_complex_holds_no_activity_of_another(network, client, person_of) -> None:  # type: ignore[no-untyped-def]
    de_brug = place_of_person(person_of("bewoner").pk).complex
    feed = CalendarFeed.objects.get(complex=de_brug)
    calendar = Calendar.from_ical(client.get(reverse("community_calendar", args=[feed.token])).content)
    uids = {str(e["UID"]) for e in calendar.walk("VEVENT")}
    assert uids == {f"{a.uid}@omkijken" for a in Activity.objects.filter(complex=de_brug)}
