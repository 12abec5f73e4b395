"""schemathesis against the API in-process: requests generated from our own OpenAPI document
(valid and invalid ones, NUL bytes included), each operation as the persona that uses it: the
letting officer everywhere, the care coordinator on nominations, the applicant (home seeker) on
adverts, responses and offers. No 5xx, and every answer matches the documented schema.

Bounded and deterministic (derandomised, 10 generated examples per operation and persona, plus
schemathesis's boundary cases) so it runs in CI on PostgreSQL in under a minute. Each example runs
in a savepoint that is rolled back, so examples do not depend on each other. The 403 answers for
roles that may not use an endpoint are tested one by one in the other API tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis import checks

from omkijken.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
as_officer = schema.include(path_regex=r"^/api/v1/")
as_care_partner = schema.include(path_regex=r"^/api/v1/(nominations|me)/")
as_applicant = schema.include(path_regex=r"^/api/v1/(adverts|responses|offers)/")

bounded = settings(
    max_examples=10,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("keep_the_test_connection")]


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    """The real WSGI app closes the database connection after each request (Django's test client
    avoids this the same way); on PostgreSQL that would end the test's transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def call(case: Any, username: str) -> None:
    from omkijken.accounts.models import User
    from omkijken.api.services import token_issue

    with transaction.atomic():
        token = token_issue(user=User.objects.get(username=username))
        case.call_and_validate(
            headers={"Authorization": f"Token {token.key}"},
            checks=[checks.not_a_server_error, checks.response_schema_conformance],
        )
        transaction.set_rollback(True)


@as_officer.parametrize()
@bounded
def test_the_api_gives_the_letting_officer_no_5xx_and_keeps_to_its_schema(case, world) -> None:  # type: ignore[no-untyped-def]
    call(case, "verhuur")


@as_care_partner.parametrize()
@bounded
def test_the_api_gives_the_care_partner_no_5xx_and_keeps_to_its_schema(case, world) -> None:  # type: ignore[no-untyped-def]
    call(case, "zorgpartner")


@as_applicant.parametrize()
@bounded
def test_the_api_gives_an_applicant_no_5xx_and_keeps_to_its_schema(case, world) -> None:  # type: ignore[no-untyped-def]
    call(case, "zoeker")
