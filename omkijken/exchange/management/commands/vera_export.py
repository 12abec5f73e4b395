"""Export the corporation's eenheden, kandidaten, aanbiedingen or toewijzingen as VERA WRV JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from omkijken.exchange.commands import command_user
from omkijken.exchange.vera.codes import KINDS
from omkijken.exchange.vera.export import export_stream


class Command(BaseCommand):
    help = "Export VERA WRV JSON (validated against the WRV schemas) as the given user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS)
        parser.add_argument("--user", required=True, help="username of a letting officer or administrator")
        parser.add_argument("-o", "--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--special-category",
            action="store_true",
            help="include target groups, direct mediation and sensitive urgency reasons (logged per household)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = command_user(options["user"])
        try:
            pieces = export_stream(
                actor=user, kind=options["kind"], include_special_category=options["special_category"]
            )
        except PermissionDenied as exc:
            raise CommandError(f"{user.username} may not export this") from exc
        if options["output"]:
            with Path(options["output"]).open("w", encoding="utf-8") as fh:
                fh.writelines(pieces)
        else:
            for piece in pieces:
                self.stdout.write(piece, ending="")
