"""An announcement's title and message in the reader's language (its English version when there is one)."""

from __future__ import annotations

from django import template

from omkijken.projects.announcements.models import Announcement

register = template.Library()


@register.simple_tag
def title_in(announcement: Announcement, language: str) -> str:
    return announcement.title_in(language)


@register.simple_tag
def body_in(announcement: Announcement, language: str) -> str:
    return announcement.body_in(language)
