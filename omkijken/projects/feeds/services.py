"""The secret calendar address of a project: made on request, renewed when it leaked."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from omkijken.accounts.models import User
from omkijken.accounts.policy import require
from omkijken.projects.feeds.models import ProjectCalendarFeed, _feed_token
from omkijken.projects.models import Project
from omkijken.projects.selectors import projects_for


@transaction.atomic
def calendar_feed_renew(*, actor: User, project: Project) -> ProjectCalendarFeed:
    """A new secret address for the project's feed (the old one stops working)."""
    require(actor, "view_project_calendar")
    if not projects_for(actor).filter(pk=project.pk).exists():
        raise PermissionDenied
    feed, created = ProjectCalendarFeed.objects.select_for_update().get_or_create(project=project)
    if not created:
        feed.token = _feed_token()
        feed.save(update_fields=["token"])
    return feed
