"""Shared fixtures: the small demo world, built once per test session, and the persona cast.

Each ordinary test runs in a transaction that is rolled back, so the world is the same for every
test. Tests that need real commits (browser, concurrency) use ``demo_world_committed``, which
rebuilds the world after pytest-django flushes the database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import Client

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from omkijken.demo.world import build_demo
    from omkijken.letting.demo import build_intake_demo, build_letting_demo
    from omkijken.projects.demo_work import build_project_work_demo

    with django_db_blocker.unblock():
        build_demo(size="small")
        build_intake_demo(seed=2026)
        build_letting_demo(seed=2026)
        build_project_work_demo()


@pytest.fixture(autouse=True)
def _jobs_run_inline(settings):  # type: ignore[no-untyped-def]
    """Background jobs run inline in tests; tests of the worker (tests/jobs/) switch it back."""
    settings.JOBS_MODE = "immediate"


@pytest.fixture
def demo_world_committed(transactional_db) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from omkijken.accounts.models import Organisation
    from omkijken.demo.personas import CORPORATION
    from omkijken.demo.world import build_demo

    if not Organisation.objects.filter(name=CORPORATION).exists():
        from omkijken.letting.demo import build_intake_demo, build_letting_demo
        from omkijken.projects.demo_work import build_project_work_demo
        from omkijken.signals.services import kinds_seed

        kinds_seed()  # reference data the migrations seed, which the flush after a committed test removed
        build_demo(size="small")
        build_intake_demo(seed=2026)
        build_letting_demo(seed=2026)
        build_project_work_demo()
    yield


@pytest.fixture
def persona():  # type: ignore[no-untyped-def]
    """``persona("verhuur")``: the demo world's login of that persona."""
    from tests.factories import persona_user

    return persona_user


@pytest.fixture
def person_of():  # type: ignore[no-untyped-def]
    """``person_of("buur")``: the person (in a household) behind a persona's login."""
    from tests.factories import persona_person

    return persona_person


@pytest.fixture
def login():  # type: ignore[no-untyped-def]
    """A Django test client logged in as a persona (by username), with a session that passed the
    second step (tests/second_factor.py). Not built on the ``persona`` fixture: several tests
    parametrize an argument of that name. ``login(name, reauthenticated=True)``: also confirmed
    just now (``requires_recent_auth``)."""
    from tests.factories import persona_user
    from tests.second_factor import log_in_verified

    def make(username: str, *, reauthenticated: bool = False) -> Client:
        return log_in_verified(Client(), persona_user(username), reauthenticated=reauthenticated)

    return make


@pytest.fixture(autouse=True)
def _no_csp_violations() -> Iterator[None]:
    """Every browser test, in any folder: a content-security-policy violation on any page it
    opened fails it (collected by the shared browser, tests/browser/conftest.py). Torn down after
    the test's own fixtures, so its pages are closed and their console events delivered."""
    import sys

    module = sys.modules.get("tests.browser.conftest")
    if module is not None:
        module.take_csp_violations()  # a previous test's, already reported
    yield
    module = sys.modules.get("tests.browser.conftest")
    found = module.take_csp_violations() if module is not None else []
    if found:
        pytest.fail("Content-security-policy violations:\n" + "\n".join(found[:20]), pytrace=False)


def pytest_sessionfinish(session, exitstatus) -> None:  # type: ignore[no-untyped-def]
    """Close the one Chromium the browser tests of every folder shared (tests/browser/conftest.py)."""
    import sys

    module = sys.modules.get("tests.browser.conftest")
    if module is not None:
        module.close_shared_browser()
