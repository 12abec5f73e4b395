"""The management commands export, import and report errors like the pages do."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command

from omkijken.exchange.models import ImportBatch
from omkijken.exchange.vera import schema


@pytest.mark.parametrize("kind", ["eenheden", "kandidaten", "aanbiedingen", "toewijzingen"])
def test_vera_export_then_vera_import_changes_nothing(world, tmp_path, capsys, kind):
    out = tmp_path / f"{kind}.json"
    call_command("vera_export", kind, "--user", "verhuur", "--special-category", "-o", str(out))
    items = json.loads(out.read_text(encoding="utf-8"))
    assert items and all(schema.check(i, schema.KINDS[kind]) == [] for i in items)
    call_command("vera_import", kind, str(out), "--user", "verhuur")
    assert f"{len(items)} messages: 0 created, 0 updated, {len(items)} unchanged" in capsys.readouterr().out


def test_import_csv_reports_counts_and_errors(db, tmp_path, capsys):
    good = tmp_path / "huishoudens.csv"
    good.write_bytes(
        "relatienummer;voornaam;achternaam;geboortedatum\nCMD-1;Roos;Dekker;01-01-1980\n".encode("utf-8-sig")
    )
    call_command("import_csv", "households", str(good), "--user", "verhuur")
    assert "1 created" in capsys.readouterr().out
    bad = tmp_path / "kapot.csv"
    bad.write_text("relatienummer,voornaam,achternaam,geboortedatum\nCMD-2,Roos,Dekker,gisteren\n")
    with pytest.raises(CommandError):
        call_command("import_csv", "households", str(bad), "--user", "verhuur")
    assert "geboortedatum" in capsys.readouterr().err
    assert ImportBatch.objects.filter(filename="kapot.csv").count() == 0


def test_a_role_without_import_export_is_refused(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("vera_export", "eenheden", "--user", "beheerder")
