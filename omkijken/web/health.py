"""``/healthz`` (the process answers) and ``/readyz`` (it can serve: database reachable,
migrations applied, a worker's heartbeat recent) as JSON. No versions, hosts or secrets."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from omkijken.jobs.health import worker_check

_migrations_ok_until = 0.0
MIGRATIONS_CACHE_SECONDS = 60.0


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def _pending_migrations() -> int:
    global _migrations_ok_until
    if time.monotonic() < _migrations_ok_until:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    if pending == 0:
        _migrations_ok_until = time.monotonic() + MIGRATIONS_CACHE_SECONDS
    return pending


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, dict[str, Any]] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = {"ok": True}
    except DatabaseError:
        checks["database"] = {"ok": False}
    if checks["database"]["ok"]:
        try:
            pending = _pending_migrations()
            checks["migrations"] = {"ok": pending == 0, "pending": pending}
        except DatabaseError:
            checks["migrations"] = {"ok": False}
        try:
            checks["worker"] = worker_check(settings.JOBS_HEARTBEAT_MAX_AGE)
        except DatabaseError:
            checks["worker"] = {"ok": False}
    else:
        checks["migrations"] = {"ok": False}
        checks["worker"] = {"ok": False}
    ready = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )
