"""Delete the building manager's contact moments older than CONTACT_NOTE_RETENTION_DAYS (run daily)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from omkijken.beheer.services import contact_notes_purge


class Command(BaseCommand):
    help = "Delete contact moments older than the retention period (CONTACT_NOTE_RETENTION_DAYS, default 730 days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Count the retention period back from this date (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today: dt.date | None = options["today"]
        now = (
            timezone.make_aware(dt.datetime.combine(today, dt.time(12)))
            if today is not None
            else timezone.now()
        )
        deleted = contact_notes_purge(now=now)
        self.stdout.write(f"purge_contact_notes: {deleted} contact moment(s) deleted")
