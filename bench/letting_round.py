"""Letting round benchmark: build the round from the database, allocate, persist, for 200 vacancies
of the full demo (about 5,500 homes, 2,000 home seekers). Median of N runs; figures printed, never
asserted. Target: < 3 s end to end.

    .venv/bin/python bench/letting_round.py                       # fresh SQLite in a temp dir
    DATABASE_URL=postgres://... .venv/bin/python bench/letting_round.py --runs 5

Without DATABASE_URL a fresh SQLite database is created, migrated and filled with the full demo
(``manage.py demo``) first; with DATABASE_URL the database must already hold the full demo.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 3.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--vacancies", type=int, default=200)
    ns = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    fresh = "DATABASE_URL" not in os.environ
    if fresh:
        tmp = tempfile.mkdtemp(prefix="omkijken-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omkijken.settings")
    os.environ.setdefault("OMKIJKEN_DEMO", "1")  # a benchmark runs on the demo world
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    if fresh:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(
            f"fresh {connection.vendor} database with the full demo in {time.perf_counter() - started:.1f} s"
        )

    from omkijken.accounts.models import User
    from omkijken.engine.allocation import allocate
    from omkijken.letting.models import Advert, Round
    from omkijken.letting.rounds.builder import build_round

    officer = User.objects.get(username="verhuur")
    corporation = officer.organisation
    adverts = list(
        Advert.objects.filter(corporation=corporation, status__in=["published", "closed"]).order_by("pk")[
            : ns.vacancies
        ]
    )
    today = timezone.localdate()
    rows = []
    for run in range(ns.runs):
        t0 = time.perf_counter()
        snapshot = build_round(corporation=corporation, adverts=adverts, on=today, name=f"bench {run}")
        t1 = time.perf_counter()
        result = allocate(snapshot)
        t2 = time.perf_counter()
        with transaction.atomic():
            rnd = Round.objects.create(
                corporation=corporation,
                name=f"bench {run}",
                round_date=today,
                snapshot=snapshot,
                result=result,
            )
            rnd.adverts.set(adverts)
            transaction.set_rollback(True)  # leave the database as it was
        t3 = time.perf_counter()
        rows.append((t1 - t0, t2 - t1, t3 - t2, t3 - t0))
        print(
            f"run {run + 1}: build {t1 - t0:.3f} s, allocate {t2 - t1:.3f} s, persist {t3 - t2:.3f} s, "
            f"total {t3 - t0:.3f} s ({len(snapshot['units'])} vacancies, {len(snapshot['candidates'])} candidates, "
            f"{result['metrics']['filled']} filled)"
        )
    med = [statistics.median(r[i] for r in rows) for i in range(4)]
    print(
        f"median of {ns.runs} on {connection.vendor}: build {med[0]:.3f} s, allocate {med[1]:.3f} s, "
        f"persist {med[2]:.3f} s, total {med[3]:.3f} s = {med[3] / TARGET:.0%} of the {TARGET:.0f} s target"
    )

    # Through the web, as the letting officer does it: POST the round form with the vacancies,
    # follow the redirect and render the proposal page (explanations, mix and quota effect).
    from django.test import Client
    from django.urls import reverse

    client = Client(HTTP_HOST="localhost")
    client.force_login(officer)
    web = []
    for run in range(ns.runs):
        with transaction.atomic():
            t0 = time.perf_counter()
            response = client.post(
                reverse("letting_round_new"),
                {
                    "name": f"bench web {run}",
                    "on": today.isoformat(),
                    "method": "optimal",
                    "adverts": [a.pk for a in adverts],
                },
                follow=True,
            )
            elapsed = time.perf_counter() - t0
            transaction.set_rollback(True)
        if response.status_code != 200 or not response.redirect_chain:
            raise SystemExit(f"the round form did not run the round (status {response.status_code})")
        web.append(elapsed)
        print(f"web run {run + 1}: POST round form + render proposal page {elapsed:.3f} s")
    med_web = statistics.median(web)
    print(
        f"median of {ns.runs} through the web on {connection.vendor}: {med_web:.3f} s "
        f"= {med_web / TARGET:.0%} of the {TARGET:.0f} s target"
    )


if __name__ == "__main__":
    main()
