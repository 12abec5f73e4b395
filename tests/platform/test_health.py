"""/healthz and /readyz: JSON for the orchestrator's probes, without login and without secrets;
and the request id on responses and in the JSON log lines."""

from __future__ import annotations

import json
import logging

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from omkijken.web import health, logs
from tests.jobs.conftest import wait_for, worker  # noqa: F401 - the worker fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_migration_check(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(health, "_migrations_ok_until", 0.0)


def _secrets() -> list[str]:
    db = settings.DATABASES["default"]
    return [s for s in (settings.SECRET_KEY, str(db.get("PASSWORD") or ""), str(db.get("HOST") or "")) if s]


def test_healthz_answers_ok_without_login_or_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_readyz_is_ok_when_the_database_answers_and_every_migration_is_applied(settings) -> None:  # type: ignore[no-untyped-def]
    settings.JOBS_MODE = "thread"  # the demo: jobs run in the web process, no worker to wait for
    response = Client().get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["migrations"] == {"ok": True, "pending": 0}
    assert body["checks"]["worker"]["ok"] is True
    text = response.content.decode()
    assert not any(secret in text for secret in _secrets())


def test_readyz_is_unavailable_while_a_migration_is_pending() -> None:
    # given a migration that the database does not have (as before `migrate` has run)
    MigrationRecorder.Migration.objects.filter(app="jobs", name="0001_initial").delete()
    # then the probe says not ready, and which check failed
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == {"ok": False, "pending": 1}
    assert response.json()["status"] == "unavailable"


@pytest.mark.postgres
def test_readyz_waits_for_a_worker_heartbeat_on_postgresql(transactional_db, settings, worker) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.skip("the worker runs on PostgreSQL")
    # given no worker yet: not ready, because jobs would wait for ever
    response = Client().get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["ok"] is False
    # when a worker runs, its heartbeat makes the site ready
    worker()
    assert wait_for(lambda: Client().get("/readyz").status_code == 200, timeout=90)
    assert (
        Client().get("/readyz").json()["checks"]["worker"]["heartbeat_age_seconds"]
        < settings.JOBS_HEARTBEAT_MAX_AGE
    )


def test_every_response_carries_a_request_id_and_keeps_a_sane_incoming_one() -> None:
    minted = Client().get("/healthz")["X-Request-ID"]
    assert len(minted) == 32
    assert Client().get("/healthz", HTTP_X_REQUEST_ID="proxy-abc-12345")["X-Request-ID"] == "proxy-abc-12345"
    # a header that could forge log lines is replaced
    forged = Client().get("/healthz", HTTP_X_REQUEST_ID='x" , "level": "CRITICAL')["X-Request-ID"]
    assert forged != 'x" , "level": "CRITICAL' and len(forged) == 32


def test_log_lines_are_json_with_the_request_id() -> None:
    token = logs.request_id.set("req-12345678")
    try:
        record = logging.LogRecord(
            "omkijken.test", logging.WARNING, __file__, 1, "hello %s", ("world",), None
        )
        record.status = 503
        logs.RequestIdFilter().filter(record)
        line = json.loads(logs.JsonFormatter().format(record))
    finally:
        logs.request_id.reset(token)
    assert line["message"] == "hello world"
    assert line["level"] == "WARNING" and line["logger"] == "omkijken.test"
    assert line["request_id"] == "req-12345678"
    assert line["status"] == 503
    assert line["time"].endswith("+00:00")
