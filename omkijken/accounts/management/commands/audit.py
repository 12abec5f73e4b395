"""``omkijken audit verify``: recompute the hash chains of the audit trail (reads and writes of
special-category data). Exit status 0 when both chains are intact, 1 otherwise. Prints each chain's
head (position and digest): keep it outside the database to anchor the chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omkijken.accounts.audit import verify_all


class Command(BaseCommand):
    help = "Audit trail: `verify` recomputes the hash chains of access and write events."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        reports = verify_all()
        for report in reports:
            status = "OK" if report.ok else "BROKEN"
            self.stdout.write(
                f"{report.label}: {status}, {report.count} events, "
                f"head #{report.head_seq or 0} {report.head_digest}"
            )
            for seq, message in report.problems:
                self.stdout.write(f"  #{seq}: {message}")
        if not all(report.ok for report in reports):
            raise CommandError("The audit trail does not verify.")
