"""Import units or households from an ERP CSV export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from omkijken.accounts.models import User
from omkijken.exchange import csv_import
from omkijken.exchange.common import ImportFailed


class Command(BaseCommand):
    help = "Import an ERP CSV (units or households) as the given user: all or nothing, idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(csv_import.KINDS))
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"unknown user {options['user']}")
        path: Path = options["file"]
        try:
            result = csv_import.import_csv(
                actor=user, kind=options["kind"], content=path.read_bytes(), filename=path.name
            )
        except PermissionDenied as exc:
            raise CommandError(f"{user.username} may not import") from exc
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(str(error))
            raise CommandError(f"nothing imported: {len(failed.errors)} error(s)") from failed
        self.stdout.write(
            f"{result.rows} rows ({result.encoding}): {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
