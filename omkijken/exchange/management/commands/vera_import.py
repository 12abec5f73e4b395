"""Import a VERA WRV JSON file of eenheden, kandidaten, aanbiedingen or toewijzingen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from omkijken.accounts.models import User
from omkijken.exchange.common import ImportFailed
from omkijken.exchange.vera.codes import KINDS
from omkijken.exchange.vera.imports import import_document


class Command(BaseCommand):
    help = "Import VERA WRV JSON as the given user: all or nothing; errors name their JSON path."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"unknown user {options['user']}")
        path: Path = options["file"]
        try:
            result = import_document(
                actor=user, kind=options["kind"], content=path.read_bytes(), filename=path.name
            )
        except PermissionDenied as exc:
            raise CommandError(f"{user.username} may not import") from exc
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(str(error))
            raise CommandError(f"nothing imported: {len(failed.errors)} error(s)") from failed
        self.stdout.write(
            f"{result.rows} messages: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
