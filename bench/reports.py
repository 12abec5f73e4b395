"""Municipal report benchmark: a year with 50,000 allocations (leases starting in the year) among
200,000 leases, on PostgreSQL, built from scratch in its own database. Median of N runs of the
whole municipal report (every section, as the municipality reads it) and of each file format.
Figures printed, never asserted. Target: < 5 s for the report.

    .venv/bin/python bench/reports.py                 # database omk_bench_reports on 127.0.0.1
    BENCH_DATABASE_URL=postgres://postgres@host:5432/somedb .venv/bin/python bench/reports.py --runs 5

The database is dropped and created again, migrated, and filled set-based with ``bulk_create``:
two corporations, 100 neighbourhoods, 1,000 complexes, 200,000 homes each with one lease (50,000
of them starting in the year), 30 % of the households in a target group, a quota per corporation
and target group. The leases starting in the year stand for the year's allocations: the report
counts placements from leases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 5.0
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/omk_bench_reports"


def recreate(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def build(year: int, *, leases: int, allocations: int, seed: int) -> None:
    from omkijken.accounts.models import Membership, Organisation, Role, User
    from omkijken.portfolio.models import Complex, Neighbourhood, Unit
    from omkijken.quotas.models import Quota
    from omkijken.residents.models import Household, Lease, TargetGroup, TargetGroupStatus

    rng = random.Random(seed)
    batch = 5000
    town = Organisation.objects.create(
        name="Gemeente Benchdam", kind="municipality", municipality_code="0999"
    )
    corps = [
        Organisation.objects.create(name=f"Benchwonen {i}", kind="corporation", municipality_code="0999")
        for i in (1, 2)
    ]
    officer = User.objects.create_user(username="bench-gemeente")
    Membership.objects.create(user=officer, organisation=town, role=Role.MUNICIPAL_OFFICER)
    hoods = Neighbourhood.objects.bulk_create(
        Neighbourhood(
            municipality_code="0999",
            municipality_name="Benchdam",
            district_code=f"WK0999{i // 10:02d}",
            district_name=f"Wijk {i // 10}",
            code=f"BU0999{i // 10:02d}{i % 10:02d}",
            name=f"Buurt {i}",
        )
        for i in range(100)
    )
    complexes = Complex.objects.bulk_create(
        Complex(
            corporation=corps[i % 2],
            neighbourhood=hoods[i % 100],
            code=f"B{i:04d}",
            name=f"Complex {i}",
            street=f"Benchstraat {i}",
            building_type="gallery_flat",
            storeys=4,
            year_built=1990,
        )
        for i in range(1000)
    )
    per_complex = leases // len(complexes)
    units = Unit.objects.bulk_create(
        (
            Unit(
                complex=complexes[i // per_complex],
                code=f"U{i:06d}",
                street="Benchstraat",
                house_number=i % 10000 + 1,
                postcode=f"{1000 + i // 10000}AB",
                city="Benchdam",
                floor=1,
                rooms=3,
                net_rent=Decimal("650.00"),
                min_household_size=1,
                max_household_size=6,
            )
            for i in range(per_complex * len(complexes))
        ),
        batch_size=batch,
    )
    households = Household.objects.bulk_create(
        (
            Household(corporation=u.complex.corporation, reference=f"H{i:07d}", name=f"Huishouden {i}")
            for i, u in enumerate(units)
        ),
        batch_size=batch,
    )
    jan1 = dt.date(year, 1, 1)
    starts = []
    for i in range(len(units)):
        if i < allocations:
            starts.append(jan1 + dt.timedelta(days=rng.randrange(330)))
        else:
            starts.append(dt.date(year - 1 - rng.randrange(20), 1 + rng.randrange(12), 1))
    Lease.objects.bulk_create(
        (
            Lease(unit=u, household=h, start_date=s, net_rent=Decimal("650.00"))
            for u, h, s in zip(units, households, starts, strict=True)
        ),
        batch_size=batch,
    )
    groups = list(TargetGroup.values)
    TargetGroupStatus.objects.bulk_create(
        (
            TargetGroupStatus(
                household=h, target_group=rng.choice(groups), start_date=s - dt.timedelta(days=30)
            )
            for h, s in zip(households, starts, strict=True)
            if rng.random() < 0.3
        ),
        batch_size=batch,
    )
    Quota.objects.bulk_create(
        Quota(municipality=town, corporation=c, year=year, target_group=g, required=rng.randrange(100, 3000))
        for c in corps
        for g in groups
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--leases", type=int, default=200_000)
    parser.add_argument("--allocations", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reuse", action="store_true", help="time the data set a previous run built")
    ns = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omkijken.settings")
    if not ns.reuse:
        recreate(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from omkijken.accounts.models import User
    from omkijken.reports import renderers, selectors

    year = timezone.localdate().year
    t = time.perf_counter()
    if not ns.reuse:
        call_command("migrate", verbosity=0)
        print(f"# migrated in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        build(year, leases=ns.leases, allocations=ns.allocations, seed=ns.seed)
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    print(
        f"# {'reused' if ns.reuse else 'built'} {ns.leases:,} leases ({ns.allocations:,} starting in {year}) "
        f"in {time.perf_counter() - t:.1f} s, "
        f"on {connection.vendor}; load average {os.getloadavg()[0]:.1f}"
    )
    officer = User.objects.get(username="bench-gemeente")

    def timed(fn) -> tuple[float, object]:  # type: ignore[no-untyped-def]
        walls, value = [], None
        for _ in range(ns.runs):
            officer._membership_cache = False  # type: ignore[attr-defined]  # as a fresh request would
            start = time.perf_counter()
            value = fn()
            walls.append(time.perf_counter() - start)
        return statistics.median(walls), value

    build_s, report = timed(lambda: selectors.municipal_report(officer, year=year))
    assert report is not None
    print(
        f"municipal report ({len(report.sections)} sections): median {build_s:.2f} s of {ns.runs} (target < {TARGET:.0f} s)"
    )
    for fmt in ("csv", "xlsx", "pdf"):
        wall, body = timed(lambda fmt=fmt: renderers.render(report, fmt))
        print(f"  render {fmt}: median {wall:.2f} s, {len(body):,} bytes")  # type: ignore[arg-type]
    print(f"# load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
