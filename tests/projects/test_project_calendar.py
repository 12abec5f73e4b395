"""The project calendar: milestones and key handovers behind a secret token, with a VTIMEZONE for
every TZID (RFC 5545). Read back with vobject, a second parser beside icalendar that writes them:
vobject resolves each TZID against the feed's own VTIMEZONE components."""

from __future__ import annotations

import datetime as dt

import pytest
import vobject
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from omkijken.demo.personas import CORPORATION
from omkijken.letting.models import KeyHandover, Offer
from omkijken.portfolio.models import Unit
from omkijken.projects.feeds.models import ProjectCalendarFeed
from omkijken.projects.feeds.services import calendar_feed_renew
from omkijken.projects.models import Project
from omkijken.residents.models import Household

pytestmark = pytest.mark.django_db


def tzids_used(ics: str) -> set[str]:
    found = set()
    for line in ics.splitlines():
        if ";TZID=" in line:
            found.add(line.split(";TZID=", 1)[1].split(":", 1)[0].split(";", 1)[0])
    return found


def tzids_defined(ics: str) -> set[str]:
    calendar = Calendar.from_ical(ics)
    return {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}


def project_with_handover() -> tuple[Project, KeyHandover]:
    """A project with a key handover in one of its complexes (one is planned when the demo has none)."""
    for handover in KeyHandover.objects.select_related("offer__unit__complex", "offer__household"):
        project = Project.objects.filter(
            corporation__name=CORPORATION, complexes=handover.offer.unit.complex
        ).first()
        if project:
            return project, handover
    project = Project.objects.get(corporation__name=CORPORATION, complexes__name="Het Kompas")
    unit = (
        Unit.objects.filter(complex__name="Het Kompas")
        .exclude(offers__status__in=Offer.LIVE_STATUSES)
        .order_by("pk")
        .first()
    )
    household = Household.objects.filter(corporation=project.corporation).order_by("pk").first()
    assert unit is not None and household is not None
    offer = Offer.objects.create(
        corporation=project.corporation,
        unit=unit,
        household=household,
        respond_by=timezone.localdate() + dt.timedelta(days=7),
    )
    at = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(days=10)
    return project, KeyHandover.objects.create(offer=offer, at=at, place="Buurtkamer")


def test_the_feed_holds_milestones_and_key_handovers_and_parses_with_vobject(persona, client) -> None:  # type: ignore[no-untyped-def]
    # given a project with a key handover and its calendar address
    project, handover = project_with_handover()
    feed = calendar_feed_renew(actor=persona("projectleider"), project=project)
    # when a calendar app fetches it (no login)
    response = client.get(reverse("project_calendar_feed", args=[feed.token]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    ics = response.content.decode()
    # then vobject reads it, with the handover at the right moment
    parsed = vobject.readOne(ics)
    events = {str(e.uid.value): e for e in parsed.vevent_list}
    event = events[f"key-handover-{handover.pk}@omkijken"]
    assert event.dtstart.value == timezone.localtime(handover.at).replace(microsecond=0)
    assert event.dtstart.value.utcoffset() == timezone.localtime(handover.at).utcoffset()
    # and the milestones are there (start, phase changes, agreements and their support's end)
    assert any(uid.startswith("phase-change-") for uid in events)
    if project.start_date:
        assert events[f"project-{project.pk}-start@omkijken"].dtstart.value == project.start_date
    # and every TZID it uses has its VTIMEZONE
    assert tzids_used(ics) and tzids_used(ics) <= tzids_defined(ics)
    # and no household is named
    assert handover.offer.household.name not in ics


def test_an_unknown_token_answers_404_and_a_new_address_retires_the_old(persona, client) -> None:  # type: ignore[no-untyped-def]
    project, _handover = project_with_handover()
    first = calendar_feed_renew(actor=persona("projectleider"), project=project).token
    second = calendar_feed_renew(actor=persona("projectleider"), project=project).token
    assert first != second
    assert client.get(reverse("project_calendar_feed", args=[first])).status_code == 404
    assert client.get(reverse("project_calendar_feed", args=[second])).status_code == 200
    assert client.get(reverse("project_calendar_feed", args=["nope"])).status_code == 404


def test_the_calendar_page_makes_and_shows_the_address(login) -> None:  # type: ignore[no-untyped-def]
    project = Project.objects.get(corporation__name=CORPORATION, complexes__name="Vliethof")
    client = login("projectleider")
    client.post(reverse("project_calendar_renew", args=[project.pk]))
    feed = ProjectCalendarFeed.objects.get(project=project)
    assert feed.token in client.get(reverse("project_calendar_page", args=[project.pk])).content.decode()


def test_the_community_activity_feeds_now_carry_their_vtimezone(client) -> None:  # type: ignore[no-untyped-def]
    # given an activity with a time in a complex's feed
    from omkijken.community.activities.calendar import complex_calendar
    from omkijken.community.models import Activity
    from omkijken.portfolio.models import Complex

    complex_ = Complex.objects.get(name="Vliethof")
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=2)
    Activity.objects.create(
        complex=complex_,
        title="Koffie",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="Buurtkamer",
    )
    ics = complex_calendar(complex_).decode()
    # then every TZID used is defined, and vobject reads the event's time in it
    assert "Europe/Amsterdam" in tzids_used(ics) and tzids_used(ics) <= tzids_defined(ics)
    event = vobject.readOne(ics).vevent
    assert event.dtstart.value == start


def test_the_milestones_the_project_leader_plans_are_in_the_feed(persona, client) -> None:  # type: ignore[no-untyped-def]
    from omkijken.projects.tasks.models import Milestone

    # given a project with a planned milestone
    project, _handover = project_with_handover()
    day = timezone.localdate() + dt.timedelta(days=30)
    milestone = Milestone.objects.create(project=project, title="Oplevering blok B", on=day)
    feed = calendar_feed_renew(actor=persona("projectleider"), project=project)
    # when a calendar app fetches the feed
    ics = client.get(reverse("project_calendar_feed", args=[feed.token])).content.decode()
    # then the milestone is an all-day event on its date
    events = {str(e.uid.value): e for e in vobject.readOne(ics).vevent_list}
    event = events[f"milestone-{milestone.pk}@omkijken"]
    assert event.summary.value == "Oplevering blok B" and event.dtstart.value == day
