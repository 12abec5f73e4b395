"""Reads of announcements: the corporation's staff see their projects' announcements; a resident
sees those sent to the complex they live in (non-essential ones only while they want news)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.projects.announcements.models import Announcement, Delivery, NewsPreference
from omkijken.projects.selectors import projects_for
from omkijken.residents.models import Household, Lease
from omkijken.residents.selectors import current_lease_filter, own_household_id

RESIDENT_NOTICE_DAYS = 90


def announcements_for(actor: User) -> QuerySet[Announcement]:
    if not can(actor, "send_announcements"):
        return Announcement.objects.none()
    return Announcement.objects.filter(project__in=projects_for(actor))


def project_announcements(actor: User, project_pk: int) -> QuerySet[Announcement]:
    return (
        announcements_for(actor)
        .filter(project_id=project_pk)
        .select_related("complex")
        .annotate(
            emailed=Count("deliveries", filter=Q(deliveries__channel=Delivery.Channel.EMAIL)),
            posted=Count("deliveries", filter=Q(deliveries__channel=Delivery.Channel.POST)),
        )
        .order_by("-created_at", "-pk")
    )


def announcement_detail(actor: User, pk: int) -> Announcement:
    found = announcements_for(actor).select_related("project", "complex", "created_by").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def current_households(complex_id: int, on: dt.date) -> QuerySet[Household]:
    """Households with a lease in force in the complex on a date."""
    return Household.objects.filter(
        pk__in=Lease.objects.filter(current_lease_filter(on), unit__complex_id=complex_id).values(
            "household_id"
        )
    )


def wants_news(household_id: int) -> bool:
    preference = NewsPreference.objects.filter(household_id=household_id).first()
    return preference.non_essential if preference else True


def resident_complex_ids(actor: User, on: dt.date) -> list[int]:
    household_id = own_household_id(actor)
    if household_id is None:
        return []
    return list(
        Lease.objects.filter(current_lease_filter(on), household_id=household_id)
        .values_list("unit__complex_id", flat=True)
        .distinct()
    )


def resident_announcements(
    actor: User, *, now: dt.datetime | None = None, days: int | None = None
) -> list[Announcement]:
    """Announcements sent to the resident's complex (the last ``days`` days when given), newest first."""
    if not can(actor, "read_announcements"):
        return []
    now = now or timezone.now()
    complexes = resident_complex_ids(actor, timezone.localdate(now))
    if not complexes:
        return []
    found = Announcement.objects.filter(complex_id__in=complexes, sent_at__isnull=False, sent_at__lte=now)
    if days is not None:
        found = found.filter(sent_at__gte=now - dt.timedelta(days=days))
    household_id = own_household_id(actor)
    if household_id is not None and not wants_news(household_id):
        found = found.filter(essential=True)
    return list(found.order_by("-sent_at", "-pk"))


def post_deliveries(announcement: Announcement) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(announcement=announcement, channel=Delivery.Channel.POST)
        .select_related("household")
        .order_by("household__name", "pk")
    )
