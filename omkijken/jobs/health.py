"""How the worker is doing, for /readyz: the age of the newest worker heartbeat."""

from __future__ import annotations

from django.db import connection

from omkijken.jobs.services import mode


def heartbeat_age_seconds() -> float | None:
    """Seconds since the freshest worker heartbeat; None when no worker is registered. Only for
    the procrastinate mode (the demo runs jobs in the web process)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXTRACT(EPOCH FROM (NOW() - MAX(last_heartbeat))) FROM procrastinate_workers")
        row = cursor.fetchone()
    return None if row is None or row[0] is None else float(row[0])


def worker_check(max_age: int) -> dict[str, object]:
    if mode() != "procrastinate":
        return {"ok": True, "mode": mode()}
    age = heartbeat_age_seconds()
    return {
        "ok": age is not None and age <= max_age,
        "mode": "worker",
        "heartbeat_age_seconds": None if age is None else round(age, 1),
    }
