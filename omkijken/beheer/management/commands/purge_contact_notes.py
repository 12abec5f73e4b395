"""Delete the building manager's contact moments older than CONTACT_NOTE_RETENTION_DAYS (run daily)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from omkijken.beheer.services import contact_notes_purge


class Command(BaseCommand):
    help = "Delete contact moments older than the retention period (CONTACT_NOTE_RETENTION_DAYS)."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = contact_notes_purge()
        self.stdout.write(f"purge_contact_notes: {deleted} contact moment(s) deleted")
