"""``omkijken worker``: run the background jobs (procrastinate's worker, on PostgreSQL)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from omkijken.jobs.services import mode


class Command(BaseCommand):
    help = "Run the background-job worker (PostgreSQL). In the SQLite demo jobs run in the web process."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--concurrency", type=int, default=1)
        parser.add_argument("--once", action="store_true", help="stop when the queue is empty")

    def handle(self, *args: Any, **options: Any) -> None:
        if mode() != "procrastinate":
            raise CommandError(
                "The worker needs PostgreSQL (DATABASE_URL=postgres://...); the SQLite demo runs jobs in-process."
            )
        from omkijken.jobs.worker import run

        run(concurrency=options["concurrency"], once=options["once"])
