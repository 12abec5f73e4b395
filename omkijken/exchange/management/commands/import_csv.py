"""Import units or households from an ERP CSV export."""

from __future__ import annotations

from typing import Any

from omkijken.exchange import csv_import
from omkijken.exchange.commands import ImportCommand


class Command(ImportCommand):
    help = "Import an ERP CSV (units or households) as the given user: all or nothing, idempotent."
    kinds = tuple(sorted(csv_import.KINDS))

    def handle(self, *args: Any, **options: Any) -> None:
        result = self.run_import(csv_import.import_csv, options)
        self.stdout.write(
            f"{result.rows} rows ({result.encoding}): {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
