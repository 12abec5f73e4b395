"""Demo layer: three years of lease history behind the demo's current leases.

The world step lets every home once (the leases running today). This layer gives the homes their
past: before each current lease that started in the last three calendar years, and in every home
empty today, an earlier tenancy that ended a few weeks to a few months before (the vacancy), and
before that another, as long as the tenancy ended inside the window. Former tenants are
households of their own with one main tenant; a share of them (the complex's share today) were
vulnerable households, with a target-group status that ended when they left. Vulnerable
tenancies are shorter on average, so turnover, realisation per year and tenancy sustainment have
something to show. Drawn from its own random stream: the same seed and day give the same rows,
and the rest of the demo is not disturbed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from omkijken.portfolio.models import Unit
from omkijken.residents.demo import NAME_POOLS, ORIGINS_GENERAL
from omkijken.residents.models import Household, Lease, LeaseType, Person, TargetGroupStatus

HISTORY_YEARS = 3  # calendar years before this one, plus this one so far


def _name(rng: random.Random) -> tuple[str, str, str, bool]:
    origin = rng.choices([o for o, _ in ORIGINS_GENERAL], weights=[w for _, w in ORIGINS_GENERAL])[0]
    male, female, surnames = NAME_POOLS[origin]
    is_female = rng.random() < 0.5
    first = rng.choice(female if is_female else male)
    prefix, last = rng.choice(surnames)
    return first, prefix, last, is_female


@transaction.atomic
def build_lease_history(*, seed: int = 2026, today: dt.date | None = None) -> int:
    """Add the former tenancies; returns the number of leases added. Does nothing when the
    history is there already."""
    today = today or timezone.localdate()
    if Household.objects.filter(reference__contains="X").exists():
        return 0
    rng = random.Random(f"lease-history-{seed}")  # noqa: S311 - demo data
    window_start = dt.date(today.year - HISTORY_YEARS, 1, 1)
    first_start: dict[int, dt.date] = {}
    for unit_id, start in Lease.objects.order_by("unit_id", "start_date").values_list(
        "unit_id", "start_date"
    ):
        first_start.setdefault(unit_id, start)
    open_groups = dict(
        TargetGroupStatus.objects.filter(end_date__isnull=True).values_list("household_id", "target_group")
    )
    groups_by_complex: dict[int, Counter[str]] = {}
    occupied: Counter[int] = Counter()
    for complex_id, household_id in Lease.objects.filter(end_date__isnull=True).values_list(
        "unit__complex_id", "household_id"
    ):
        occupied[complex_id] += 1
        if household_id in open_groups:
            groups_by_complex.setdefault(complex_id, Counter())[open_groups[household_id]] += 1
    overall: Counter[str] = sum(groups_by_complex.values(), Counter())
    households: list[Household] = []
    persons: list[Person] = []
    leases: list[Lease] = []
    statuses: list[TargetGroupStatus] = []
    seq: Counter[str] = Counter()
    units = Unit.objects.select_related("complex", "complex__corporation").order_by("pk")
    for unit in units:
        corporation = unit.complex.corporation
        complex_id = unit.complex_id
        built = dt.date(unit.complex.year_built, 6, 1)
        groups = groups_by_complex.get(complex_id, Counter())
        share = sum(groups.values()) / occupied[complex_id] if occupied[complex_id] else 0.0
        following = first_start.get(unit.pk)
        end = (following or today) - dt.timedelta(days=rng.randrange(12, 110))
        while end >= window_start and end > built + dt.timedelta(days=120):
            vulnerable = rng.random() < share
            years = rng.expovariate(1 / 3.5) if vulnerable else rng.expovariate(1 / 8.0)
            start = max(built, end - dt.timedelta(days=max(90, int(years * 365.25))))
            prefix = ("WH" if corporation.name.startswith("Woon") else "SO") + "X"
            seq[prefix] += 1
            first, name_prefix, last, female = _name(rng)
            surname = f"{name_prefix} {last}" if name_prefix else last
            household = Household(
                corporation=corporation,
                reference=f"{prefix}{seq[prefix]:05d}",
                name=f"{'Mevr.' if female else 'Dhr.'} {first[0]}. {surname}",
            )
            households.append(household)
            persons.append(
                Person(
                    household=household,
                    first_name=first,
                    name_prefix=name_prefix,
                    last_name=last,
                    birth_date=max(
                        dt.date(1925, 1, 1), start - dt.timedelta(days=int(rng.uniform(20, 70) * 365.25))
                    ),
                    is_main_tenant=True,
                )
            )
            leases.append(
                Lease(
                    unit=unit,
                    household=household,
                    lease_type=LeaseType.REGULAR,
                    start_date=start,
                    end_date=end,
                    net_rent=(unit.net_rent / Decimal("1.025") ** max(0, today.year - start.year)).quantize(
                        Decimal("0.01")
                    ),
                )
            )
            if vulnerable:
                pool = groups or overall
                group = rng.choices(list(pool), weights=list(pool.values()))[0]
                statuses.append(
                    TargetGroupStatus(
                        household=household,
                        target_group=group,
                        start_date=start - dt.timedelta(days=rng.randrange(0, 45)),
                        end_date=end,
                    )
                )
            end = start - dt.timedelta(days=rng.randrange(12, 110))
    Household.objects.bulk_create(households, batch_size=2_000)
    moved_in = {le.household.reference: le.start_date for le in leases}
    for h in households:
        day = moved_in[h.reference] - dt.timedelta(days=30)
        h.created_at = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    Household.objects.bulk_update(households, ["created_at"], batch_size=1_000)
    Person.objects.bulk_create(persons, batch_size=2_000)
    Lease.objects.bulk_create(leases, batch_size=2_000)
    TargetGroupStatus.objects.bulk_create(statuses, batch_size=2_000)
    return len(leases)
