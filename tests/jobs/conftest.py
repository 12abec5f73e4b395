"""Running a real worker: ``omkijken worker`` in a subprocess against the test's database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url(name: str | None = None, port: int | None = None) -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER'] or 'postgres'}@{s['HOST'] or '127.0.0.1'}:{port or s['PORT'] or 5432}/{name or s['NAME']}"


def worker_env(url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url, "JOBS_MODE": "procrastinate", "PYTHONPATH": str(ROOT)}
    env.update(extra)
    return env


def start_worker(url: str, **extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "worker"],
        cwd=ROOT,
        env=worker_env(url, **extra),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def stop_worker(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_for(condition: Callable[[], bool], *, timeout: float = 120, every: float = 0.3) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return condition()


@pytest.fixture
def worker(settings) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:  # type: ignore[no-untyped-def]
    """``worker()`` starts ``omkijken worker`` on the test database; stopped after the test."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker runs on PostgreSQL: set DATABASE_URL to run it")
    settings.JOBS_MODE = "procrastinate"
    started: list[subprocess.Popen[bytes]] = []

    def start(**extra: str) -> subprocess.Popen[bytes]:
        process = start_worker(database_url(), **extra)
        started.append(process)
        return process

    yield start
    for process in started:
        stop_worker(process)
