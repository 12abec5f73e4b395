"""Run one job: the same code in the worker, in a demo thread and inline in tests.

Idempotent: a job that has ended is not run again, and a handler that writes does its last write
and the job's "done" in one transaction (``ctx.finishing()``), so a worker killed halfway leaves
either everything or nothing, and the retry finds the job done or does it again.

A lost database connection (PostgreSQL restarted) is retried with backoff by the queue; any other
error ends the job as failed, with the error the user sees on the job's page.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    connections,
    transaction,
)
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from omkijken.jobs import registry
from omkijken.jobs.models import Job

logger = logging.getLogger("omkijken.jobs")

# A lost or refused database connection: worth another attempt once the database is back.
RETRYABLE: tuple[type[Exception], ...] = (OperationalError, InterfaceError)
# Defined below; a handler raises it for a failure outside the database (the mail server).


class JobFailed(Exception):  # noqa: N818 - reads as "the job failed"
    """Raised by a handler to end its job as failed with these messages (nothing is retried);
    ``detail`` goes into the job's result (an import's row errors, for its form)."""

    def __init__(self, messages: list[str], detail: dict[str, Any] | None = None):
        super().__init__("; ".join(messages[:5]))
        self.messages = messages
        self.detail = detail or {}


class TryAgain(Exception):  # noqa: N818 - an instruction to the queue
    """Raised by a handler when something outside (the mail server) failed: retried with backoff."""


class JobContext:
    """What a handler gets: its job, and ways to report progress and finish."""

    def __init__(self, job: Job):
        self.job = job
        self.completed = False

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    def progress(self, done: int, total: int, label: str = "") -> None:
        """Report progress. Outside a transaction it is written at once; inside one on
        PostgreSQL it goes through a second connection so that the web sees it before the
        handler's transaction commits (SQLite has one writer: there it shows after the commit)."""
        done, total = max(0, done), max(0, total)
        fields: dict[str, Any] = {
            "progress_done": min(done, total) if total else 0,
            "progress_total": total,
            "progress_label": str(label)[:200],
        }
        if connection.in_atomic_block and connection.vendor == "postgresql":
            _side_update(self.job.pk, fields)
        else:
            Job.objects.filter(pk=self.job.pk).update(**fields)
        for name, value in fields.items():
            setattr(self.job, name, value)

    @contextlib.contextmanager
    def finishing(self, result: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """``with ctx.finishing() as result:`` the handler's last writes; the job is marked done
        with ``result`` in the same transaction."""
        out: dict[str, Any] = dict(result or {})
        with transaction.atomic():
            yield out
            self.complete(out)

    def complete(
        self,
        result: dict[str, Any] | None = None,
        *,
        output: bytes | None = None,
        output_name: str = "",
        output_type: str = "",
    ) -> None:
        """Mark the job done (inside the handler's transaction, when it writes)."""
        fields: dict[str, Any] = {
            "state": Job.State.SUCCEEDED,
            "result": result or {},
            "finished_at": timezone.now(),
            "upload": None,
            "errors": [],
        }
        if self.job.progress_total:
            fields["progress_done"] = fields["progress_total"] = self.job.progress_total
        if output is not None:
            fields.update(output=output, output_name=output_name, output_type=output_type)
        Job.objects.filter(pk=self.job.pk).update(**fields)
        self.completed = True


def _side_update(pk: int, fields: dict[str, Any]) -> None:
    side = connections.create_connection("default")
    try:
        side.set_autocommit(True)
        with side.cursor() as cursor:
            sets = ", ".join(f"{side.ops.quote_name(name)} = %s" for name in fields)
            cursor.execute(
                f"UPDATE jobs_job SET {sets} WHERE id = %s AND state = 'running'",  # noqa: S608  # nosec B608 - column names are ours, values are parameters
                [*fields.values(), pk],
            )
    except DatabaseError:  # progress is a courtesy; the job goes on without it
        logger.warning("job %s: progress not written", pk)
    finally:
        side.close()


def fresh_connection() -> None:
    """Drop a broken or old connection before and after work (never inside a transaction, such as
    a test's)."""
    if not connection.in_atomic_block:
        close_old_connections()


def fail(job_id: int, messages: list[str], detail: dict[str, Any] | None = None) -> None:
    Job.objects.filter(pk=job_id).exclude(state=Job.State.SUCCEEDED).update(
        state=Job.State.FAILED,
        errors=[str(m) for m in messages],
        result=detail or {},
        finished_at=timezone.now(),
        upload=None,
    )


def _messages_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def execute(job_id: int, *, last_attempt: bool = True) -> None:
    """Run the job once. Raises a RETRYABLE error (after noting it on the job) when the database
    went away and another attempt may follow; the queue retries with backoff."""
    fresh_connection()
    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.finished:
        return  # already done (a retry after the commit), or deleted: nothing to do
    handler = registry.handler_for(job.kind)
    if handler is None:
        fail(job_id, [_("Unknown kind of job: %(kind)s.") % {"kind": job.kind}])
        return
    now = timezone.now()
    Job.objects.filter(pk=job_id).update(state=Job.State.RUNNING, attempts=job.attempts + 1, started_at=now)
    job.state, job.attempts, job.started_at = Job.State.RUNNING, job.attempts + 1, now
    ctx = JobContext(job)
    logger.info("job %s (%s) attempt %s started", job.pk, job.kind, job.attempts)
    try:
        with translation.override(job.language):
            try:
                result = handler(ctx)
            except JobFailed as exc:
                fail(job_id, exc.messages, exc.detail)
                return
            except ValidationError as exc:
                fail(job_id, _messages_of(exc))
                return
            except PermissionDenied:
                fail(job_id, [_("You may not do this (any more).")])
                return
            if not ctx.completed:
                ctx.complete(result or {})
    except (OperationalError, InterfaceError, TryAgain) as exc:
        logger.warning(
            "job %s lost the database (%s); %s", job_id, exc, "failing" if last_attempt else "retrying"
        )
        fresh_connection()
        with contextlib.suppress(DatabaseError):
            if last_attempt:
                with translation.override(job.language):
                    fail(
                        job_id,
                        [
                            _(
                                "The job was interrupted too often (%(error)s); it was stopped. Start it again."
                            )
                            % {"error": exc}
                        ],
                    )
            else:
                Job.objects.filter(pk=job_id, state=Job.State.RUNNING).update(
                    state=Job.State.QUEUED, progress_label=_("Interrupted; trying again shortly")
                )
        if not last_attempt:
            raise
    except Exception as exc:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        with translation.override(job.language):
            fail(
                job_id,
                [_("The job stopped on an unexpected error (%(error)s).") % {"error": type(exc).__name__}],
            )
    else:
        logger.info("job %s (%s) done", job_id, job.kind)
