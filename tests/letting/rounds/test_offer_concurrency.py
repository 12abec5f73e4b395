"""Two letting officers act on the same home at the same moment: exactly one succeeds, the other
gets a clear message. 50 runs in a row, each with real concurrent connections (one thread per
officer, released together by a barrier). Needs PostgreSQL: SQLite serialises writers and has no
row locks, so the test is skipped there.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.db.models import Count, Q
from django.utils import timezone

from omkijken.letting.models import Advert, Offer, Response
from omkijken.letting.offers import services as offers
from omkijken.residents.models import Household, Lease

pytestmark = [pytest.mark.postgres]

RUNS = 50


def race(actions: list[Callable[[], object]]) -> list[str]:
    """Run the actions at the same moment, each in its own thread and connection; return outcomes."""
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(action: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout=10)
            action()
            result = "won"
        except ValidationError as exc:
            result = "lost: " + " ".join(exc.messages)
        except Exception as exc:  # noqa: BLE001 - reported in the assertion
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def exactly_one_won(outcomes: list[str]) -> bool:
    return (
        len(outcomes) == 2
        and sum(o == "won" for o in outcomes) == 1
        and any(o.startswith("lost: ") for o in outcomes)
    )


def _setup():  # type: ignore[no-untyped-def]
    from omkijken.accounts.models import User

    if connection.vendor != "postgresql":
        pytest.skip("concurrent row locking is only meaningful on PostgreSQL: set DATABASE_URL to run it")
    officers = [User.objects.get(username="verhuur"), User.objects.get(username="nbenali")]
    advert = (
        Advert.objects.filter(corporation=officers[0].organisation, status__in=["published", "closed"])
        .annotate(n=Count("responses", filter=Q(responses__withdrawn=False)))
        .filter(n__gte=2)
        .order_by("pk")
        .first()
    )
    assert advert is not None
    households = list(
        Household.objects.filter(
            pk__in=Response.objects.filter(advert=advert, withdrawn=False).values("household_id"),
            leases__isnull=True,
        ).order_by("pk")[:2]
    )
    assert len(households) == 2
    return officers, advert, households


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_offers_for_one_home_exactly_one_is_made_fifty_times_in_a_row(
    demo_world_committed,
) -> None:  # type: ignore[no-untyped-def]
    officers, advert, households = _setup()
    respond_by = timezone.localdate() + dt.timedelta(days=7)
    for run in range(RUNS):
        # when two officers each offer the same home to a different household at the same moment
        outcomes = race(
            [
                lambda officer=officer, household=household: offers.offer_make(
                    actor=officer, unit=advert.unit, household=household, respond_by=respond_by, advert=advert
                )
                for officer, household in zip(officers, households, strict=True)
            ]
        )
        # then exactly one offer exists and the other officer was told why
        assert exactly_one_won(outcomes), (run, outcomes)
        live = list(Offer.objects.filter(unit=advert.unit, status__in=["offered", "viewing"]))
        assert len(live) == 1, run
        offers.offer_withdraw(actor=officers[0], offer=live[0], reason_code="ONT")


@pytest.mark.django_db(transaction=True)
def test_of_two_simultaneous_acceptances_exactly_one_creates_the_lease_fifty_times_in_a_row(
    demo_world_committed,
) -> None:  # type: ignore[no-untyped-def]
    officers, advert, households = _setup()
    respond_by = timezone.localdate() + dt.timedelta(days=7)
    start = timezone.localdate() + dt.timedelta(days=14)
    at = timezone.now() + dt.timedelta(days=14)
    for run in range(RUNS):
        offer = offers.offer_make(
            actor=officers[0],
            unit=advert.unit,
            household=households[run % 2],
            respond_by=respond_by,
            advert=advert,
        )
        # when both officers record the acceptance at the same moment
        outcomes = race(
            [
                lambda officer=officer, offer=offer: offers.offer_accept(
                    actor=officer, offer=offer, start_date=start, key_handover_at=at, lease_type="regular"
                )
                for officer in officers
            ]
        )
        # then exactly one lease exists and the other officer was told why
        assert exactly_one_won(outcomes), (run, outcomes)
        leases = list(Lease.objects.filter(unit=advert.unit, end_date__isnull=True))
        assert len(leases) == 1, run
        # reset for the next run: remove the offer and its lease (test bookkeeping only)
        Offer.objects.filter(pk=offer.pk).delete()
        Lease.objects.filter(pk=leases[0].pk).delete()
        Advert.objects.filter(pk=advert.pk).update(status="published")
