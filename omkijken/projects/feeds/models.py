"""The secret address of a project's calendar feed (calendar apps cannot log in)."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _


def _feed_token() -> str:
    return secrets.token_urlsafe(24)


class ProjectCalendarFeed(models.Model):
    project = models.OneToOneField(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project calendar feed")
        verbose_name_plural = _("project calendar feeds")

    def __str__(self) -> str:
        return f"{self.project}: {self.token[:6]}…"
