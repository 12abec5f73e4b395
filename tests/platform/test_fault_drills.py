"""Fault drills: PostgreSQL restarts during a round job, during an import and while letters are
being mailed. Against a throwaway server the test starts itself (``initdb`` in a temporary folder,
its own port), never the shared one. The worker is not restarted: it must recover on its own,
nothing may be half-written, and every job must end done (or visibly failed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from tests.jobs.conftest import ROOT, start_worker, stop_worker, wait_for, worker_env
from tests.platform import throwaway_pg

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture(scope="module")
def server() -> Iterator[throwaway_pg.ThrowawayPostgres]:
    if connection.vendor != "postgresql":
        pytest.skip("the fault drills run with the PostgreSQL suite: set DATABASE_URL to run them")
    if not throwaway_pg.available():
        pytest.skip("initdb/pg_ctl not found")
    pg = throwaway_pg.ThrowawayPostgres()
    try:
        pg.start()
        pg.createdb("omk")
        for command in (["migrate", "--noinput", "-v0"], ["demo", "--size", "small"]):
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=ROOT,
                env=worker_env(pg.url()),
                check=True,
                capture_output=True,
                timeout=900,
            )
        yield pg
    finally:
        pg.destroy()


def query(pg: throwaway_pg.ThrowawayPostgres, sql: str, *args: Any) -> Any:
    """One value, on a fresh connection (the server may just have restarted); None if it is down."""
    try:
        with psycopg.connect(pg.url(), connect_timeout=3, autocommit=True) as conn:
            row = conn.execute(sql, args).fetchone()  # type: ignore[call-overload]
            return row[0] if row else None
    except psycopg.OperationalError:
        return None


def submit(pg: throwaway_pg.ThrowawayPostgres, action: str) -> int:
    out = subprocess.run(
        [sys.executable, "-m", "tests.platform.drill", action],
        cwd=ROOT,
        env=worker_env(pg.url()),
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return int(json.loads(out.stdout.strip().splitlines()[-1])["job"])


def job_row(pg: throwaway_pg.ThrowawayPostgres, job_id: int) -> dict[str, Any]:
    value = query(
        pg,
        "SELECT row_to_json(j) FROM (SELECT state, attempts, errors, result FROM jobs_job WHERE id = %s) j",
        job_id,
    )
    return value or {}


def finished(pg: throwaway_pg.ThrowawayPostgres, job_id: int) -> bool:
    return job_row(pg, job_id).get("state") in ("succeeded", "failed")


def waiting_on_a_lock(pg: throwaway_pg.ThrowawayPostgres) -> bool:
    return bool(
        query(pg, "SELECT count(*) FROM pg_stat_activity WHERE datname = 'omk' AND wait_event_type = 'Lock'")
    )


def hold_table(pg: throwaway_pg.ThrowawayPostgres, table: str) -> psycopg.Connection[Any]:
    """Lock ``table`` so that the job stops inside its transaction, just before its writes land."""
    conn = psycopg.connect(pg.url())
    conn.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")
    return conn


def test_a_round_job_survives_a_database_restart_and_runs_once(server) -> None:  # type: ignore[no-untyped-def]
    # given a round job, held inside its transaction, and a worker
    job_id = submit(server, "round")
    locker = hold_table(server, "letting_round")
    worker = start_worker(server.url())
    try:
        assert wait_for(lambda: waiting_on_a_lock(server), timeout=120)
        # when PostgreSQL restarts under it
        server.restart()
        locker.close()
        # then the round is not half there, and the job runs again and ends done
        assert query(server, "SELECT count(*) FROM letting_round WHERE name = 'Drill round'") == 0
        assert wait_for(lambda: finished(server, job_id), timeout=240)
        job = job_row(server, job_id)
        assert job["state"] == "succeeded", job
        assert job["attempts"] >= 2
        assert query(server, "SELECT count(*) FROM letting_round WHERE name = 'Drill round'") == 1
        # and the worker recovered on its own
        assert worker.poll() is None
    finally:
        stop_worker(worker)


def test_an_import_survives_a_database_restart_all_or_nothing(server) -> None:  # type: ignore[no-untyped-def]
    job_id = submit(server, "import")
    locker = hold_table(server, "letting_importbatch")
    worker = start_worker(server.url())
    try:
        assert wait_for(lambda: waiting_on_a_lock(server), timeout=120)
        server.restart()
        locker.close()
        # nothing of the interrupted attempt was kept
        assert query(server, "SELECT count(*) FROM portfolio_unit WHERE code LIKE 'DRILL-%%'") == 0
        assert wait_for(lambda: finished(server, job_id), timeout=240)
        job = job_row(server, job_id)
        assert job["state"] == "succeeded", job
        # and the retry imported the whole file once
        assert query(server, "SELECT count(*) FROM portfolio_unit WHERE code LIKE 'DRILL-%%'") == 300
        assert query(server, "SELECT count(*) FROM letting_importbatch WHERE filename = 'drill.csv'") == 1
        assert worker.poll() is None
    finally:
        stop_worker(worker)


def test_letters_being_mailed_during_a_restart_go_out_once_each(server) -> None:  # type: ignore[no-untyped-def]
    maildir = Path(tempfile.mkdtemp(prefix="omk-mail-"))
    job_id = submit(server, "letters")
    worker = start_worker(
        server.url(),
        EMAIL_BACKEND="tests.jobs.mailservers.PausingFileBackend",
        OMK_MAILDIR=str(maildir),
        OMK_MAIL_PAUSE_AT="3",
    )
    try:
        # given the third letter in the mail server's hands
        assert wait_for(lambda: (maildir / "paused").exists(), timeout=180)
        # when PostgreSQL restarts before the letter is recorded as sent
        server.stop()
        (maildir / "go").write_text("")
        time.sleep(2)
        server.start()
        # then the job ends done
        assert wait_for(lambda: finished(server, job_id), timeout=240)
        job = job_row(server, job_id)
        assert job["state"] == "succeeded", job
        round_pk = query(server, "SELECT (params->>'round')::int FROM jobs_job WHERE id = %s", job_id)
        # every letter is recorded as sent, and each e-mailed one went out exactly once
        assert (
            query(
                server,
                "SELECT count(*) FROM letting_letter WHERE round_id = %s AND sent_at IS NULL",
                round_pk,
            )
            == 0
        )
        mailed = query(
            server, "SELECT count(*) FROM letting_letter WHERE round_id = %s AND sent_to <> ''", round_pk
        )
        assert mailed >= 3
        assert len(list(maildir.glob("*.sent"))) == mailed
        assert list(maildir.glob("*.duplicate")) == []
        assert worker.poll() is None
    finally:
        stop_worker(worker)
        for path in maildir.iterdir():
            os.unlink(path)
        maildir.rmdir()
