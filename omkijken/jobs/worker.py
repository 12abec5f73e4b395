"""``omkijken worker``: procrastinate's worker, kept running across database restarts.

procrastinate's worker stops when one of its side tasks (heartbeat, listener) loses the
database. This loop starts it again once the database answers, in the same process, so a
PostgreSQL restart or failover needs no restart of the worker's container. The jobs that the
interrupted worker had in hand are queued again (``requeue_stalled``): their own transaction was
rolled back with the lost connection, so they run again from the start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal

from procrastinate.contrib.django import app

logger = logging.getLogger("omkijken.jobs")

HEARTBEAT_SECONDS = 5.0
STALLED_AFTER_SECONDS = 20.0
MAX_BACKOFF_SECONDS = 30.0


async def requeue_stalled(seconds_since_heartbeat: float = STALLED_AFTER_SECONDS) -> int:
    manager = app.job_manager
    stalled = list(await manager.get_stalled_jobs(seconds_since_heartbeat=seconds_since_heartbeat))
    for job in stalled:
        logger.warning("job %s of a stopped worker is queued again", job.id)
        await manager.retry_job(job)
    return len(stalled)


async def _sweep() -> None:
    """While the worker runs, queue again every few seconds what a dead worker left (sooner than
    the once-a-minute periodic task)."""
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS * 2)
        with contextlib.suppress(Exception):
            await requeue_stalled()


async def supervise(*, concurrency: int = 1, once: bool = False) -> None:
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stopping.set)
    backoff = 1.0
    while not stopping.is_set():
        try:
            async with app.open_async():
                await requeue_stalled()
                run = asyncio.create_task(
                    app.run_worker_async(
                        name="omkijken",
                        concurrency=concurrency,
                        wait=not once,
                        install_signal_handlers=False,
                        update_heartbeat_interval=HEARTBEAT_SECONDS,
                        stalled_worker_timeout=STALLED_AFTER_SECONDS,
                    )
                )
                stop = asyncio.create_task(stopping.wait())
                sweeper = asyncio.create_task(_sweep())
                try:
                    done, _pending = await asyncio.wait({run, stop}, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    sweeper.cancel()
                if stop in done:
                    run.cancel()
                    await asyncio.gather(run, return_exceptions=True)
                    return
                stop.cancel()
                run.result()  # raises when the worker died of an error
                if once:
                    return
                logger.warning("the worker stopped (database lost?); starting it again")
                backoff = 1.0
        except Exception as exc:
            logger.warning("worker: %s; trying again in %.0f s", exc, backoff)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=backoff)
        backoff = min(MAX_BACKOFF_SECONDS, backoff * 2)


def run(*, concurrency: int = 1, once: bool = False) -> None:
    with app.replace_connector(app.connector.get_worker_connector()):  # type: ignore[attr-defined]
        asyncio.run(supervise(concurrency=concurrency, once=once))
