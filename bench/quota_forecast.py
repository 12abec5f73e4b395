"""Quota forecast benchmark: a year with 50,000 allocations and 200,000 leases, median of N runs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/omk_quotas .venv/bin/python bench/quota_forecast.py
    ... bench/quota_forecast.py --homes 5000 --runs 1      # a quick look

Builds its own data set, set-based (bulk_create in batches), in organisations named "Bench …"
that it removes first: one municipality (CBS code 9998) and one corporation with ``--homes``
homes in complexes of 250; each home has four tenancies one after another over the last four
years (200,000 leases at 50,000 homes), 30 % of the households in a target group when their
lease started; ``--allocations`` allocations in rounds of 500 (one round still proposed), and
the corporation's taakstelling for the year. Then it times ``quotas.selectors.forecast`` (what
the forecast page and ``omkijken quota forecast`` call), each run in this process, and prints
the median, the runs, the figures and the load average (the machine is shared: on a loaded
machine the wall time mostly measures the wait for a core). Figures are printed, never asserted.

``bench_forecast()`` is the function a reports bench can call after building its own data.
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
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PREFIX = "Bench"
MUNICIPALITY_CODE = "9998"
GROUPS = ("DAK", "GGZ", "STH", "UIT", "VER")


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omkijken.settings")
    import django

    django.setup()


def load() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


ORGS = "(SELECT id FROM accounts_organisation WHERE name LIKE %s)"
# Set-based, in dependency order (the ORM's cascade collector would take minutes here).
CLEAN_UP = (
    "DELETE FROM quotas_quotachange WHERE quota_id IN (SELECT id FROM quotas_quota WHERE corporation_id IN {orgs})",
    "DELETE FROM quotas_quota WHERE corporation_id IN {orgs}",
    "DELETE FROM letting_allocation WHERE round_id IN (SELECT id FROM letting_round WHERE corporation_id IN {orgs})",
    "DELETE FROM letting_round WHERE corporation_id IN {orgs}",
    "DELETE FROM letting_advert WHERE corporation_id IN {orgs}",
    "DELETE FROM residents_targetgroupstatus WHERE household_id IN "
    "(SELECT id FROM residents_household WHERE corporation_id IN {orgs})",
    "DELETE FROM residents_lease WHERE household_id IN (SELECT id FROM residents_household WHERE corporation_id IN {orgs})",
    "DELETE FROM residents_household WHERE corporation_id IN {orgs}",
    "DELETE FROM portfolio_unit WHERE complex_id IN (SELECT id FROM portfolio_complex WHERE corporation_id IN {orgs})",
    "DELETE FROM portfolio_complex WHERE corporation_id IN {orgs}",
    "DELETE FROM accounts_organisation WHERE id IN {orgs}",
)


def clean_up() -> None:
    from django.db import connection

    with connection.cursor() as cur:
        for sql in CLEAN_UP:
            cur.execute(sql.format(orgs=ORGS), [PREFIX + "%"])
        cur.execute("DELETE FROM portfolio_neighbourhood WHERE municipality_code = %s", [MUNICIPALITY_CODE])


def build(*, homes: int, allocations: int, year: int, seed: int = 14) -> dict[str, int]:
    from django.db import transaction

    from omkijken.accounts.models import Organisation
    from omkijken.letting.adverts.models import Advert
    from omkijken.letting.rounds.models import Allocation, Round
    from omkijken.portfolio.models import Complex, Neighbourhood, Unit
    from omkijken.quotas.models import Quota
    from omkijken.residents.models import Household, Lease, TargetGroupStatus

    rng = random.Random(seed)  # noqa: S311 - bench data
    batch = 5_000
    with transaction.atomic():
        municipality = Organisation.objects.create(
            name=f"{PREFIX} gemeente", kind="municipality", municipality_code=MUNICIPALITY_CODE
        )
        corporation = Organisation.objects.create(name=f"{PREFIX} Wonen", kind="corporation")
        buurt = Neighbourhood.objects.create(
            municipality_code=MUNICIPALITY_CODE, municipality_name="Benchstad", district_code="WK999801",
            district_name="Benchwijk", code="BU99980101", name="Benchbuurt",
        )  # fmt: skip
        complexes = Complex.objects.bulk_create(
            Complex(
                corporation=corporation, neighbourhood=buurt, code=f"BQ{i:04d}", name=f"Benchflat {i}",
                street="Benchstraat", building_type="gallery_flat", storeys=8, year_built=1990,
            )
            for i in range((homes + 249) // 250)
        )  # fmt: skip
        units = Unit.objects.bulk_create(
            (
                Unit(
                    complex=complexes[i // 250], code=f"BQ-{i:06d}", street="Benchstraat", house_number=i + 1,
                    postcode="9998ZZ", city="Benchstad", floor=1, rooms=3, net_rent=Decimal("650.00"),
                )
                for i in range(homes)
            ),
            batch_size=batch,
        )  # fmt: skip
        end_of_year = dt.date(year, 12, 31)
        first = dt.date(year - 3, 1, 1)
        households: list[Household] = []
        spans: list[tuple[Unit, dt.date, dt.date | None, str | None]] = []
        for unit in units:
            # four tenancies one after another from about four years ago; the last one runs on
            day = first + dt.timedelta(days=rng.randrange(0, 120))
            for k in range(4):
                length = rng.randrange(200, 420)
                end = None if k == 3 else day + dt.timedelta(days=length)
                group = rng.choice(GROUPS) if rng.random() < 0.3 else None
                spans.append((unit, day, end, group))
                if end is None:
                    break
                day = end + dt.timedelta(days=rng.randrange(10, 60))
                if day > end_of_year:
                    spans[-1] = (unit, spans[-1][1], None, group)
                    break
        households = Household.objects.bulk_create(
            (
                Household(corporation=corporation, reference=f"BQ{i:07d}", name="Bench")
                for i in range(len(spans))
            ),
            batch_size=batch,
        )
        Lease.objects.bulk_create(
            (
                Lease(unit=u, household=h, start_date=s, end_date=e, net_rent=Decimal("650.00"))
                for (u, s, e, _g), h in zip(spans, households, strict=True)
            ),
            batch_size=batch,
        )
        TargetGroupStatus.objects.bulk_create(
            (
                TargetGroupStatus(
                    household=h, target_group=g, start_date=s - dt.timedelta(days=30), end_date=e
                )
                for (_u, s, e, g), h in zip(spans, households, strict=True)
                if g is not None
            ),
            batch_size=batch,
        )
        adverts = Advert.objects.bulk_create(
            (
                Advert(
                    corporation=corporation, unit=units[i % len(units)], criteria="bench",
                    starts_on=dt.date(year, 1, 1), ends_on=dt.date(year, 1, 15), status="allocated",
                )
                for i in range(allocations)
            ),
            batch_size=batch,
        )  # fmt: skip
        rounds = Round.objects.bulk_create(
            Round(
                corporation=corporation, name=f"Bench {i}", round_date=dt.date(year, 1, 1) + dt.timedelta(days=i % 330),
                status="proposed" if i == 0 else "accepted",
            )
            for i in range((allocations + 499) // 500)
        )  # fmt: skip
        Allocation.objects.bulk_create(
            (
                Allocation(
                    round=rounds[i // 500], advert=adverts[i], unit=adverts[i].unit,
                    household=households[(i * 7919) % len(households)], channel="DIRECT", passendheid="NVT",
                )
                for i in range(allocations)
            ),
            batch_size=batch,
        )  # fmt: skip
        for group, required in (("*", homes // 8), *((g, homes // 40) for g in GROUPS)):
            Quota.objects.create(
                municipality=municipality,
                corporation=corporation,
                year=year,
                target_group=group,
                required=required,
            )
    return {
        "homes": len(units),
        "households": len(households),
        "leases": len(spans),
        "leases_started_in_year": sum(1 for _u, s, _e, _g in spans if s.year == year),
        "allocations": allocations,
    }


def bench_forecast(
    *, year: int, on: dt.date, runs: int = 3, corporation_name: str | None = None
) -> dict[str, Any]:
    """Time ``forecast`` ``runs`` times (scope: the named corporation, else every quota)."""
    from django.db import connection, reset_queries

    from omkijken.accounts.models import Organisation
    from omkijken.quotas.selectors import forecast

    corporation = Organisation.objects.get(name=corporation_name) if corporation_name else None
    seconds, cpu, queries, result = [], [], 0, None
    for _ in range(runs):
        reset_queries()
        start, cpu_start = time.perf_counter(), time.process_time()
        result = forecast(None, year=year, on=on, corporation=corporation)
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
        queries = len(connection.queries)
    assert result is not None
    return {
        "median_s": statistics.median(seconds),
        "runs_s": seconds,
        "cpu_s": statistics.median(cpu),  # this process only, without the database server's
        "queries": queries,
        "forecast": result,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--homes", type=int, default=50_000)
    parser.add_argument("--allocations", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--year", type=int, default=dt.date.today().year)  # noqa: DTZ011
    parser.add_argument("--keep", action="store_true", help="keep the data set afterwards")
    ns = parser.parse_args()
    setup_django()
    from django.conf import settings
    from django.db import connection

    settings.DEBUG = True  # count the queries
    print(f"quota forecast bench: {connection.vendor}, {os.cpu_count()} cores, {load()}")
    clean_up()
    start = time.perf_counter()
    figures = build(homes=ns.homes, allocations=ns.allocations, year=ns.year)
    print(
        f"  built in {time.perf_counter() - start:.1f} s: "
        + ", ".join(f"{k} {v:,}" for k, v in figures.items())
    )
    on = dt.date(ns.year, 7, 1)
    got = bench_forecast(year=ns.year, on=on, runs=ns.runs, corporation_name=f"{PREFIX} Wonen")
    print(
        f"  forecast {ns.year} from {on}: median {got['median_s']:.2f} s "
        f"(runs {', '.join(f'{s:.2f}' for s in got['runs_s'])}), own CPU {got['cpu_s']:.2f} s, "
        f"{got['queries']} queries, {load()}"
    )
    for g in got["forecast"].groups:
        print(
            f"    {g.target_group:>4} due {g.due:>6} realised {g.realised:>6} forecast {g.low}–{g.mid}–{g.high}"
        )
    if not ns.keep:
        clean_up()


if __name__ == "__main__":
    main()
