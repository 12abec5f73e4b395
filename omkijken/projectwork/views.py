"""The project's calendar: the page with its secret address, and the feed behind the address."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from omkijken.accounts.access import actor, requires
from omkijken.projects.feeds import selectors, services
from omkijken.projects.selectors import projects_for
from omkijken.projectwork.calendar import project_calendar
from omkijken.web.ui import button_action


@requires("view_project_calendar")
def calendar_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(projects_for(actor(request)), pk=pk)
    feed = selectors.feed_of(project)
    url = request.build_absolute_uri(reverse("project_calendar_feed", args=[feed.token])) if feed else ""
    return render(request, "projects/feeds/calendar.html", {"project": project, "feed": feed, "url": url})


@require_POST
@requires("view_project_calendar")
def calendar_renew(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    project = get_object_or_404(projects_for(user), pk=pk)
    return button_action(
        request,
        lambda: services.calendar_feed_renew(actor=user, project=project),
        success=_("The calendar has a new secret address; the old one no longer works."),
        back=redirect("project_calendar_page", pk=project.pk),
    )


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar feed behind a project's secret token."""
    feed = get_object_or_404(selectors.feeds_by_token(), token=token)
    response = HttpResponse(project_calendar(feed.project), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="omkijken-project.ics"'
    return response
