"""`omkijken escalate_signals`: every open signal past its response time goes to the team lead."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from omkijken.signals.services import escalate_overdue


class Command(BaseCommand):
    help = "Escalate every open signal past its kind's response time to the team lead."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--now", help="ISO date-time to use as 'now' (for tests and replays).")

    def handle(self, *args: Any, **options: Any) -> None:
        now = dt.datetime.fromisoformat(options["now"]) if options.get("now") else timezone.now()
        if timezone.is_naive(now):
            now = timezone.make_aware(now)
        self.stdout.write(f"escalated: {escalate_overdue(now=now)}")
