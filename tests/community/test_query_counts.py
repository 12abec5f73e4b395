"""The neighbour network's pages stay within 20 queries, and do not grow with the number of rows."""

from __future__ import annotations

import re
import uuid
from collections import deque

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
MAX_QUERIES = 20
# A page that logs reads of special-category data appends them to the tamper-evident access log,
# which reads the chain's head first (omkijken.accounts.models.ChainedEvent), on PostgreSQL after
# taking the chain's advisory lock: one query more, two on PostgreSQL.
LOGGING_PAGES = {"/buurt/coordinatie/N/"}
PERSONAS = ["buur", "bewoner", "beheerder", "zorgpartner", "projectleider", "admin"]


def network_page_counts(login) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    """Queries per GET page under /buurt/ that each persona reaches by following links."""
    counts: dict[tuple[str, str], int] = {}
    for persona in PERSONAS:
        client: Client = login(persona)
        queue, seen = deque(["/buurt/"]), set()
        while queue and len(seen) < 120:
            url = queue.popleft()
            if url in seen or not url.startswith("/buurt/") or url.endswith(".ics"):
                continue
            seen.add(url)
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            # Pages of one kind (e.g. /buurt/hulp/12/) are compared by their shape.
            shape = re.sub(r"/\d+/", "/N/", url.split("?")[0])
            counts[(persona, shape)] = max(counts.get((persona, shape), 0), len(ctx.captured_queries))
            for href in re.findall(r'href="(/buurt/[^"#]*)"', response.content.decode()):
                queue.append(href.replace("&amp;", "&"))
    return counts


def test_no_network_page_issues_more_than_twenty_queries(network, login) -> None:  # type: ignore[no-untyped-def]
    # given the demo world with its neighbour network
    # when every persona opens every network page it can reach
    counts = network_page_counts(login)
    # then none needs more than twenty queries
    assert len(counts) > 10
    chain_cost = 2 if connection.vendor == "postgresql" else 1
    assert {k: n for k, n in counts.items() if n > MAX_QUERIES + chain_cost * (k[1] in LOGGING_PAGES)} == {}


@pytest.mark.slow
def test_network_query_counts_do_not_grow_with_more_activities_and_requests(network, login) -> None:  # type: ignore[no-untyped-def]
    # given the counts on the demo network
    before = network_page_counts(login)
    # when every activity and help request of the network is there four times over
    from omkijken.community.models import Activity, HelpRequest

    for model in (Activity, HelpRequest):
        originals = list(model.objects.all())
        assert originals
        for _ in range(3):
            for row in originals:
                row.pk = None
                row._state.adding = True
                if hasattr(row, "uid"):
                    row.uid = uuid.uuid4()
                row.save()
    after = network_page_counts(login)
    # then every page issues the same number of queries
    assert {k: (before[k], after[k]) for k in before if k in after and before[k] != after[k]} == {}
