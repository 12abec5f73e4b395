"""The queue's side of jobs: one procrastinate task runs any Job, and a periodic task gives the
jobs of a worker that died (no heartbeat) back to the queue."""

from __future__ import annotations

import logging

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.job_context import JobContext

from omkijken.jobs import runner

logger = logging.getLogger("omkijken.jobs")

MAX_ATTEMPTS = 6
# 2, 4, 8, 16, 32 s between attempts: a PostgreSQL restart takes seconds, a failover a minute.
RETRY = RetryStrategy(
    max_attempts=MAX_ATTEMPTS - 1, exponential_wait=2, retry_exceptions={*runner.RETRYABLE, runner.TryAgain}
)
STALLED_AFTER_SECONDS = 20


@app.task(name="omkijken.jobs.run", retry=RETRY, pass_context=True)
def run_job(context: JobContext, job_id: int) -> None:
    attempts = context.job.attempts if context.job else 0
    runner.execute(job_id, last_attempt=attempts + 1 >= MAX_ATTEMPTS)


@app.periodic(cron="* * * * *", periodic_id="retry_stalled")
@app.task(name="omkijken.jobs.retry_stalled", queueing_lock="retry_stalled", pass_context=True)
async def retry_stalled(context: JobContext, timestamp: int) -> int:
    """A worker that stopped sending heartbeats died with its jobs in hand: queue them again."""
    manager = context.app.job_manager
    stalled = list(await manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_AFTER_SECONDS))
    for job in stalled:
        logger.warning("job %s of a dead worker is queued again", job.id)
        await manager.retry_job(job)
    return len(stalled)
