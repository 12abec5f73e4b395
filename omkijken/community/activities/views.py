"""Views of activities and the calendar feed.

Thin: parse, call one service or selector, render. A page a role may not use answers 403; an
activity outside the actor's complexes answers 404.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.community.activities import calendar, forms, selectors, services
from omkijken.community.activities.models import Activity
from omkijken.community.scope import network_complexes, resident_place
from omkijken.web.ui import flash_errors, form_page


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    complexes = list(network_complexes(user))
    if not complexes:
        raise PermissionDenied
    feeds = selectors.calendar_feeds(complexes)
    feed_links = [
        (c, request.build_absolute_uri(reverse("community_calendar", args=[feeds[c.pk].token])))
        for c in complexes
        if c.pk in feeds
    ]
    return render(
        request,
        "community/activity_list.html",
        {
            "rows": selectors.upcoming_activities(user),
            "feed_links": feed_links,
            "can_create": can(user, "use_neighbour_network"),
        },
    )


@requires("use_neighbour_network")
def activity_new(request: HttpRequest) -> HttpResponse:
    user = actor(request)

    def save(form: forms.ActivityForm) -> Activity:
        data = form.cleaned_data
        tz = timezone.get_current_timezone()
        return services.activity_create(
            actor=user,
            title=data["title"],
            description=data["description"],
            location=data["location"],
            starts_at=dt.datetime.combine(data["date"], data["start_time"], tzinfo=tz),
            ends_at=dt.datetime.combine(data["date"], data["end_time"], tzinfo=tz),
            recurrence=data["recurrence"] or "",
            repeat_until=data["repeat_until"],
            capacity=data["capacity"],
        )

    return form_page(
        request,
        forms.ActivityForm(request.POST or None),
        template="community/activity_form.html",
        save=save,
        done=lambda created: redirect("community_activity_detail", pk=created.pk),
        success=_("The activity is in the calendar."),
    )


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    activity = get_object_or_404(selectors.activities_for(user), pk=pk)
    place = resident_place(user)
    when = selectors.next_occurrence(activity)
    mine = selectors.own_signup(activity, place, when.date()) if place and when else None
    count = selectors.signup_count(activity, when.date()) if when else 0
    may_record = (place is not None and activity.organiser_id == place.person.pk) or (
        place is None and can(user, "manage_community")
    )
    return render(
        request,
        "community/activity_detail.html",
        {
            "activity": activity,
            "when": when,
            "mine": mine,
            "count": count,
            "full": activity.capacity is not None and count >= activity.capacity,
            "is_resident": place is not None,
            "signups": selectors.attendance_list(activity) if may_record else [],
            "may_record": may_record,
        },
    )


@require_POST
@requires("use_neighbour_network")
def activity_signup(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    activity = get_object_or_404(selectors.activities_for(user).filter(cancelled=False), pk=pk)
    try:
        services.activity_signup(actor=user, activity=activity)
        messages.success(request, _("You are signed up. See you there!"))
    except ValidationError as exc:
        flash_errors(request, exc)
    return redirect("community_activity_detail", pk=pk)


@require_POST
@requires("use_neighbour_network")
def activity_signup_cancel(request: HttpRequest, pk: int, signup_pk: int) -> HttpResponse:
    user = actor(request)
    signup = get_object_or_404(selectors.own_signups(user), pk=signup_pk)
    services.activity_signup_cancel(actor=user, signup=signup)
    messages.success(request, _("You are no longer signed up."))
    return redirect("community_activity_detail", pk=pk)


@require_POST
@login_required
def attendance(request: HttpRequest, pk: int, signup_pk: int) -> HttpResponse:
    user = actor(request)
    get_object_or_404(selectors.activities_for(user), pk=pk)
    signup = get_object_or_404(selectors.signups_with_activity(), pk=signup_pk)
    services.attendance_record(actor=user, signup=signup, attended=request.POST.get("attended") == "yes")
    messages.success(request, _("Attendance is recorded."))
    return redirect("community_activity_detail", pk=pk)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed behind a complex's secret token (calendar apps cannot log in)."""
    feed = get_object_or_404(selectors.calendar_feeds_by_token(), token=token)
    response = HttpResponse(
        calendar.complex_calendar(feed.complex), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="omkijken.ics"'
    return response
