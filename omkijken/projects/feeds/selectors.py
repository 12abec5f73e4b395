from __future__ import annotations

from django.db.models import QuerySet

from omkijken.projects.feeds.models import ProjectCalendarFeed
from omkijken.projects.models import Project


def feed_of(project: Project) -> ProjectCalendarFeed | None:
    return ProjectCalendarFeed.objects.filter(project=project).first()


def feeds_by_token() -> QuerySet[ProjectCalendarFeed]:
    """For the public feed URL: the token is the key (calendar apps cannot log in)."""
    return ProjectCalendarFeed.objects.select_related("project")
