"""Two neighbours claim the same help request at the same moment: exactly one wins, 50 runs in a row.

Real concurrent connections: one thread per neighbour, each with its own database connection,
released together by a barrier. Needs PostgreSQL (SQLite serialises writers and has no row locks).
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from omkijken.community.help import services as help_services
from omkijken.community.models import HelpRequest

pytestmark = [pytest.mark.postgres]

RUNS = 50


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_claims_exactly_one_wins_fifty_times_in_a_row(demo_world_committed) -> None:  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("concurrent row locking is only meaningful on PostgreSQL: set DATABASE_URL to run it")
    from omkijken.accounts.models import Membership, Role, User
    from omkijken.community.scope import persons_in_complex, place_of_person
    from omkijken.residents.models import Person

    # given three residents of Vliethof: one asks, two will claim at the same moment
    buur = Person.objects.get(user__username="buur")
    complex_ = place_of_person(buur.pk).complex
    others = list(persons_in_complex(complex_.pk).filter(user__isnull=True).order_by("pk")[:2])
    logins = []
    for person in others:
        login = User.objects.create(username=f"claimer-{person.pk}")
        Membership.objects.create(user=login, organisation=complex_.corporation, role=Role.RESIDENT)
        person.user = login
        person.save(update_fields=["user"])
        logins.append(login)
    asker = User.objects.get(username="buur")

    for run in range(RUNS):
        request = help_services.help_request_create(actor=asker, kind="paperwork", title=f"Brief {run}")
        barrier = threading.Barrier(len(logins))
        outcomes: list[str] = []
        lock = threading.Lock()

        def claim(
            login: User,
            help_request: HelpRequest = request,
            barrier: threading.Barrier = barrier,
            outcomes: list[str] = outcomes,
            lock: threading.Lock = lock,
        ) -> None:
            try:
                barrier.wait(timeout=10)
                help_services.help_request_claim(actor=login, help_request=help_request)
                result = "won"
            except help_services.AlreadyClaimed:
                result = "lost"
            except Exception as exc:  # noqa: BLE001 - reported in the assertion below
                result = f"error: {exc!r}"
            finally:
                connections.close_all()
            with lock:
                outcomes.append(result)

        threads = [threading.Thread(target=claim, args=(login,)) for login in logins]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        # then exactly one claim won and the other got the clear message
        assert sorted(outcomes) == ["lost", "won"], (run, outcomes)
        request.refresh_from_db()
        assert request.status == HelpRequest.Status.CLAIMED
        assert request.helper_id in {p.pk for p in others}
