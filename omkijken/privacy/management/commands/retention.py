"""``omkijken retention run [--dry-run] [--today YYYY-MM-DD]``: delete or anonymise what has expired
and print the receipt's counts. Daily on PostgreSQL by the periodic task; by hand or cron otherwise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from omkijken.accounts.models import Organisation
from omkijken.privacy.models import Category
from omkijken.privacy.retention import retention_run


class Command(BaseCommand):
    help = "Retention: run (delete or anonymise what has expired, write a receipt)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("run", help="Run retention now.")
        run.add_argument("--dry-run", action="store_true", help="Count what would happen; change nothing.")
        run.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Count the periods back from this date (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = retention_run(on=options["today"], dry_run=options["dry_run"])
        names = dict(
            Organisation.objects.filter(kind=Organisation.Kind.CORPORATION).values_list("pk", "name")
        )
        head = "retention run (dry run, nothing changed)" if result.dry_run else "retention run"
        self.stdout.write(f"{head} as of {result.as_of.isoformat()}")
        for (corp_id, category), tally in sorted(result.tallies.items()):
            self.stdout.write(
                f"  {names.get(corp_id, corp_id)} {Category(category).value}: deleted {tally.deleted}, "
                f"anonymised {tally.anonymised}, held {tally.held} ({tally.months} months)"
            )
        if result.receipt is not None:
            self.stdout.write(f"receipt #{result.receipt.pk}")
