"""Send the scheduled announcements that are due (run it every few minutes from cron until the
job queue takes over)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from omkijken.projects.announcements.services import send_due_announcements


class Command(BaseCommand):
    help = "Send the scheduled announcements whose moment has come."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_announcements(timezone.now())
        for announcement in sent:
            self.stdout.write(f"{announcement.pk}\t{announcement.title}")
        self.stdout.write(f"sent: {len(sent)}")
