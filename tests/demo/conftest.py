"""Fixtures for the demo-data tests: a small demo built on a fixed day, and the full plan."""

from __future__ import annotations

import datetime as dt

import pytest

from omkijken.demo.plan import DEFAULT_SEED, DemoPlan
from omkijken.demo.world import DemoSummary, build_demo, delete_demo, plan_demo

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def small_demo(db) -> DemoSummary:  # type: ignore[no-untyped-def]
    """The small demo as of TODAY, replacing the session's demo world (rolled back after the test)."""
    delete_demo()
    return build_demo(size="small", seed=DEFAULT_SEED, today=TODAY)


@pytest.fixture(scope="module")
def full_plan() -> DemoPlan:
    """What ``build_demo(size="full")`` would write as of TODAY, drawn without touching the database."""
    return plan_demo(size="full", seed=DEFAULT_SEED, today=TODAY)
