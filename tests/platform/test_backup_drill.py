"""The backup and restore drill (scripts/backup_drill.py) on the test database: pg_dump, restore
into a new database, and every table's rows and the key tables' checksums come back equal."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.db import connection

from tests.jobs.conftest import ROOT, database_url

pytestmark = [pytest.mark.postgres]


def test_a_dump_restores_to_the_same_rows(django_db_blocker) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("the backup drill is for PostgreSQL: set DATABASE_URL to run it")
    # given the test database with the demo world in it (committed when the session began)
    with django_db_blocker.unblock():
        url = database_url()
    # when the drill dumps, restores and compares
    result = subprocess.run(
        [sys.executable, "scripts/backup_drill.py", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    # then everything came back: no table differs, and the key tables were checksummed
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all equal" in result.stdout
    lines = result.stdout.splitlines()
    assert any(line.startswith("ok") and "portfolio_unit" in line and "checksum" in line for line in lines)
    assert not any(line.startswith("DIFF") for line in lines)
