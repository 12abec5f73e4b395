"""Import a VERA WRV JSON file of eenheden, kandidaten, aanbiedingen or toewijzingen."""

from __future__ import annotations

from typing import Any

from omkijken.exchange.commands import ImportCommand
from omkijken.exchange.vera.codes import KINDS
from omkijken.exchange.vera.imports import import_document


class Command(ImportCommand):
    help = "Import VERA WRV JSON as the given user: all or nothing; errors name their JSON path."
    kinds = tuple(KINDS)

    def handle(self, *args: Any, **options: Any) -> None:
        result = self.run_import(import_document, options)
        self.stdout.write(
            f"{result.rows} messages: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
