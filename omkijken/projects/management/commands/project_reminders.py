"""``manage.py project_reminders``: turn what falls due soon into tasks, for every project.

Run it daily (cron or a systemd timer): the end of a care partner's support period and each omklap
flip date become a task of the letting group PROJECT_REMINDER_DAYS ahead. Safe to run again.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from omkijken.projects.models import Project
from omkijken.projects.setup.services import schedule_reminders


class Command(BaseCommand):
    help = "Create tasks for support periods that end and omklap flip dates that fall due soon."

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        made = 0
        for project in Project.objects.order_by("pk"):
            made += len(schedule_reminders(project=project, on=today))
        self.stdout.write(f"{made} reminder task(s) created")
