"""What the exchange's management commands share: run as a named user, import all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from omkijken.accounts.models import User
from omkijken.exchange.common import ImportFailed, ImportResult

Importer = Callable[..., ImportResult]


def command_user(username: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"unknown user {username}")
    return user


class ImportCommand(BaseCommand):
    """``<command> KIND FILE --user NAME``: the file is imported as the user, or nothing is."""

    kinds: tuple[str, ...] = ()

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=self.kinds)
        parser.add_argument("file", type=Path)
        parser.add_argument("--user", required=True)

    def run_import(self, importer: Importer, options: dict[str, Any]) -> ImportResult:
        user = command_user(options["user"])
        path: Path = options["file"]
        try:
            result = importer(actor=user, kind=options["kind"], content=path.read_bytes(), filename=path.name)
        except PermissionDenied as exc:
            raise CommandError(f"{user.username} may not import") from exc
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(str(error))
            raise CommandError(f"nothing imported: {len(failed.errors)} error(s)") from failed
        if result.warnings:
            self.stderr.write(
                f"{len(result.warnings)} field(s) VERA does not define, not read: "
                + ", ".join(result.warned_fields())
            )
        return result
