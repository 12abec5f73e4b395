"""A project's iCalendar feed: its milestones (start, phase changes, the planned milestones the
project leader sets, care-partner agreements and the end of their support periods) and the key handovers in its complexes. Titles and dates only:
a key handover says which home, never which household.

Every TZID the feed uses gets its VTIMEZONE (RFC 5545, section 3.6.5), from icalendar's
``add_missing_timezones``."""

from __future__ import annotations

import calendar
import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from omkijken.letting.offers.models import KeyHandover
from omkijken.projects.models import CarePartnerAgreement, Milestone, PhaseChange, Project


def add_months(day: dt.date, months: int) -> dt.date:
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _all_day(uid: str, summary: str, day: dt.date, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("dtstamp", stamp)
    return event


def project_calendar(project: Project, *, now: dt.datetime | None = None) -> bytes:
    stamp = (now or timezone.now()).astimezone(dt.UTC)
    cal = Calendar()
    cal.add("prodid", "-//Omkijken//Projectagenda//NL")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"Omkijken – {project.name}")
    if project.start_date:
        cal.add_component(
            _all_day(f"project-{project.pk}-start@omkijken", _("Start of %(project)s") % {"project": project.name},
                     project.start_date, stamp)
        )  # fmt: skip
    for change in PhaseChange.objects.filter(project=project).order_by("at", "pk"):
        event = Event()
        event.add("uid", f"phase-change-{change.pk}@omkijken")
        event.add("summary", _("Phase: %(phase)s") % {"phase": change.get_to_phase_display()})
        event.add("dtstart", timezone.localdate(change.at))
        event.add("dtend", timezone.localdate(change.at) + dt.timedelta(days=1))
        event.add("dtstamp", stamp)
        cal.add_component(event)
    for agreement in CarePartnerAgreement.objects.filter(project=project).select_related(
        "care_partner", "complex"
    ):
        names = {"partner": agreement.care_partner.name, "complex": agreement.complex.name}
        cal.add_component(
            _all_day(f"agreement-{agreement.pk}-start@omkijken",
                     _("%(partner)s starts in %(complex)s") % names, agreement.start_date, stamp)
        )  # fmt: skip
        support_end = add_months(agreement.start_date, agreement.support_months)
        cal.add_component(
            _all_day(f"agreement-{agreement.pk}-support-end@omkijken",
                     _("End of the support period of %(partner)s in %(complex)s") % names, support_end, stamp)
        )  # fmt: skip
    for milestone in Milestone.objects.filter(project=project):
        cal.add_component(
            _all_day(f"milestone-{milestone.pk}@omkijken", milestone.title, milestone.on, stamp)
        )
    handovers = (
        KeyHandover.objects.filter(offer__unit__complex__in=project.complexes.all())
        .select_related("offer__unit__complex")
        .order_by("at", "pk")
    )
    for handover in handovers:
        unit = handover.offer.unit
        event = Event()
        event.add("uid", f"key-handover-{handover.pk}@omkijken")
        event.add("summary", _("Key handover %(address)s") % {"address": unit.address})
        start = timezone.localtime(handover.at)
        event.add("dtstart", start)
        event.add("dtend", start + dt.timedelta(minutes=30))
        event.add("dtstamp", stamp)
        event.add("location", handover.place or f"{unit.address}, {unit.city}")
        cal.add_component(event)
    cal.add_missing_timezones()
    ical: bytes = cal.to_ical()
    return ical
