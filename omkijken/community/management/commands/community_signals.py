"""`omkijken community_signals`: signal missed check-ins and help requests nobody took."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from omkijken.community.services import community_signals_record


class Command(BaseCommand):
    help = "Record a signal for the building manager for every missed check-in and unclaimed help request."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--now", help="ISO date-time to use as 'now' (for tests and replays).")

    def handle(self, *args: Any, **options: Any) -> None:
        now = dt.datetime.fromisoformat(options["now"]) if options.get("now") else timezone.now()
        if timezone.is_naive(now):
            now = timezone.make_aware(now)
        created = community_signals_record(now=now)
        self.stdout.write(
            f"missed check-ins: {created['missed_check_in']} new; "
            f"unclaimed help requests: {created['unclaimed_help']} new"
        )
