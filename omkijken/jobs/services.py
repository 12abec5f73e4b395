"""Writes of jobs: submit one (idempotent per key while it is active)."""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from omkijken.accounts.models import User
from omkijken.jobs.models import Job

logger = logging.getLogger("omkijken.jobs")


def mode() -> str:
    """``procrastinate`` (PostgreSQL, a worker runs the job), ``thread`` (the SQLite demo: a
    thread in the web process) or ``immediate`` (inline, for tests and commands)."""
    return str(getattr(settings, "JOBS_MODE", "immediate"))


def job_submit(
    *,
    actor: User | None,
    kind: str,
    title: str,
    params: dict[str, Any] | None = None,
    upload: bytes | None = None,
    upload_name: str = "",
    key: str = "",
) -> Job:
    """Queue a job of ``kind``. While a job with the same ``key`` is queued or running, that job
    is returned instead of a second one (a double click starts one round, sends letters once)."""
    if key and (active := Job.objects.filter(key=key, state__in=Job.ACTIVE).first()):
        return active
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                title=str(title)[:200],
                params=params or {},
                upload=upload,
                upload_name=upload_name[:200],
                key=key,
                language=translation.get_language() or settings.LANGUAGE_CODE,
                started_by=actor,
                organisation=actor.organisation if actor is not None else None,
            )
            if mode() == "procrastinate":
                # Deferred on the same connection, in the same transaction: the queue's row and ours
                # commit together or not at all.
                from omkijken.jobs.tasks import run_job

                run_job.configure(lock=f"job:{job.pk}", queueing_lock=f"job:{job.pk}").defer(job_id=job.pk)
    except IntegrityError:
        found = Job.objects.filter(key=key, state__in=Job.ACTIVE).first() if key else None
        if found is None:
            raise
        return found
    if mode() == "immediate":
        from omkijken.jobs.runner import execute

        execute(job.pk)
        job.refresh_from_db()
    elif mode() == "thread":
        transaction.on_commit(lambda: _start_thread(job.pk))
    return job


def _start_thread(job_id: int) -> None:
    def run() -> None:
        from omkijken.jobs.runner import execute

        try:
            execute(job_id)
        finally:
            connection.close()

    threading.Thread(target=run, name=f"job-{job_id}", daemon=True).start()


def resume_in_process() -> int:
    """The demo's web process restarted: run the jobs it left queued or running again."""
    pending = list(Job.objects.filter(state__in=Job.ACTIVE).values_list("pk", flat=True))
    for pk in pending:
        _start_thread(pk)
    return len(pending)
