"""Exchange benchmark: VERA imports and exports at portfolio scale, median of N runs.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/omk_bulk .venv/bin/python bench/exchange.py
    ... bench/exchange.py --rows 5000 --runs 1 --baseline-rows 0      # a quick look

Needs the demo world in that database (``manage.py demo``): the files are imported as the letting
officer persona ``verhuur`` into the demo corporation, in complexes the bench adds (codes BNCH…)
and removes again. Measured, each in a fresh child process (wall time of the import or export
itself, and peak memory ``ru_maxrss`` of the child):

- N homes imported all new, then the same homes all changed (rent and rooms);
- N households with their persons and registrations (kandidaten) imported all new;
- the export of all the corporation's homes (the demo's plus the N);
- a file of N new homes whose last home has the address of an existing one: refused, and
  nothing of it written (counted afterwards).

Besides the wall time, each figure has the child's own CPU seconds (``cpu_s``, without the
database server's): on a machine whose load average is well above its cores, the wall time
mostly measures the wait for a core.

The speed-up is measured against the code at ``--baseline-ref`` (default ``main``), checked out
into a temporary git worktree, on the same file; the old path takes minutes at 50,000 rows, so it
runs on ``--baseline-rows`` (5,000). Figures are printed, never asserted. The machine is shared:
the load average is printed with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PREFIX = "BNCH"
PER_COMPLEX = 100

CHILD = r"""
import json, os, resource, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omkijken.settings")
os.environ.setdefault("OMKIJKEN_DEMO", "1")  # a benchmark runs on the demo world
import django
django.setup()
from omkijken.accounts.models import User
from omkijken.exchange.common import ImportFailed
user = User.objects.get(username=sys.argv[1])
action, kind, path = sys.argv[2], sys.argv[3], sys.argv[4]
out = {}
start = time.perf_counter()
cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
if action == "import":
    from omkijken.exchange.vera.imports import import_document
    content = open(path, "rb").read()
    start = time.perf_counter()
    cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
    try:
        r = import_document(actor=user, kind=kind, content=content, filename=os.path.basename(path))
        out = {"created": r.created, "updated": r.updated, "unchanged": r.unchanged}
    except ImportFailed as failed:
        out = {"failed": len(failed.errors), "first": str(failed.errors[0])}
else:
    from omkijken.exchange.vera import export
    with open(path, "w", encoding="utf-8") as fh:
        if hasattr(export, "export_stream"):
            for chunk in export.export_stream(actor=user, kind=kind):
                fh.write(chunk)
        else:
            fh.write(export.export_json(actor=user, kind=kind))
    out = {"bytes": os.path.getsize(path)}
out["seconds"] = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_SELF)
out["cpu_s"] = round(usage.ru_utime + usage.ru_stime - cpu, 2)
out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def load() -> str:
    one, five, _fifteen = os.getloadavg()
    return f"load {one:.1f}/{five:.1f}"


def child(tree: Path, action: str, kind: str, path: Path) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    proc = subprocess.run(
        [PY, "-c", CHILD, "verhuur", action, kind, str(path)],
        capture_output=True,
        text=True,
        cwd=tree,
        env=env,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{action} {kind} failed:\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# --- The world the files refer to -------------------------------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omkijken.settings")
    os.environ.setdefault("OMKIJKEN_DEMO", "1")  # a benchmark runs on the demo world
    import django

    django.setup()


def make_complexes(rows: int) -> None:
    from omkijken.accounts.models import User
    from omkijken.portfolio.models import Complex

    corporation = User.objects.get(username="verhuur").organisation
    model = Complex.objects.filter(corporation=corporation).order_by("code").first()
    assert model is not None, "run manage.py demo first"
    wanted = {f"{PREFIX}{i:04d}" for i in range((rows + PER_COMPLEX - 1) // PER_COMPLEX)}
    have = set(Complex.objects.filter(code__in=wanted).values_list("code", flat=True))
    Complex.objects.bulk_create(
        [
            Complex(
                corporation=corporation,
                neighbourhood_id=model.neighbourhood_id,
                code=code,
                name=f"Benchmark {code}",
                street="Benchmarkstraat",
                building_type=model.building_type,
                storeys=4,
                year_built=1990,
            )
            for code in sorted(wanted - have)
        ]
    )


def clean_up() -> None:
    """Remove what the bench imported (homes, households) and its complexes."""
    from omkijken.exchange.models import ImportBatch
    from omkijken.letting.models import Registration
    from omkijken.portfolio.models import Complex, Unit
    from omkijken.residents.models import Household, Person

    Unit.objects.filter(complex__code__startswith=PREFIX)._raw_delete("default")  # type: ignore[attr-defined]
    Registration.objects.filter(household__reference__startswith=PREFIX).delete()
    Person.objects.filter(household__reference__startswith=PREFIX)._raw_delete("default")  # type: ignore[attr-defined]
    Household.objects.filter(reference__startswith=PREFIX).delete()
    ImportBatch.objects.filter(filename__startswith="bench-").delete()
    Complex.objects.filter(code__startswith=PREFIX).delete()


def counts() -> tuple[int, int]:
    from omkijken.portfolio.models import Unit
    from omkijken.residents.models import Household

    return (
        Unit.objects.filter(complex__code__startswith=PREFIX).count(),
        Household.objects.filter(reference__startswith=PREFIX).count(),
    )


# --- Files ------------------------------------------------------------------------------------


def unit_items(rows: int, *, changed: bool = False) -> list[dict[str, Any]]:
    from omkijken.exchange.vera.schema import ref

    items = []
    for n in range(rows):
        block, number = divmod(n, PER_COMPLEX)
        code = f"{PREFIX}{block:04d}"
        items.append(
            {
                "code": f"U{number + 1:03d}",
                "soort": ref("EENHEIDSOORT", "WOO"),
                "adres": {
                    "straatnaam": "Benchmarkstraat",
                    "huisnummer": str(number + 1),
                    "postcode": f"{1000 + block}QZ",
                    "woonplaats": {"naam": "Vechtstad"},
                },
                "clusters": [
                    {"code": code, "naam": f"Benchmark {code}", "soort": ref("CLUSTERSOORT", "VEX")}
                ],
                "etage": number % 5,
                "kamersAantal": 2 + (number + changed) % 4,
                "prijscomponenten": [
                    {
                        "soort": ref("PRIJSCOMPONENTSOORT", "NET"),
                        "bedrag": 500.0 + number + (25 if changed else 0),
                    }
                ],
                "maatschappelijkLabel": ref("MAATSCHAPPELIJKLABEL", "DAE"),
                "panden": [{"code": code, "liftAanwezig": number % 5 > 0}],
                "oppervlakten": [{"soort": ref("OPPERVLAKTESOORT", "GBO"), "waarde": 50.0 + number % 40}],
            }
        )
    return items


def kandidaat_items(rows: int) -> list[dict[str, Any]]:
    from omkijken.exchange.vera.schema import ref

    items = []
    for n in range(rows):
        reference = f"{PREFIX}-{n:06d}"
        persons = [
            {
                "soort": ref("RELATIESOORT", "NAT"),
                "voornaam": "Noor",
                "achternaam": f"Bench{n}",
                "geboortedatum": f"{1950 + n % 50}-0{1 + n % 9}-1{n % 10}",
                "rollen": [{"soort": ref("RELATIEROLSOORT", "HUU")}],
                "contactgegevens": [
                    {"soort": ref("CONTACTGEGEVENSOORT", "EMA"), "waarde": f"b{n}@example.org"}
                ],
            }
        ]
        if n % 2:
            persons.append(
                {
                    "soort": ref("RELATIESOORT", "NAT"),
                    "voornaam": "Sem",
                    "achternaam": f"Bench{n}",
                    "geboortedatum": "2015-02-01",
                    "rollen": [{"soort": ref("RELATIEROLSOORT", "MBW")}],
                }
            )
        items.append(
            {
                "code": reference,
                "aantalVolwassenen": 1,
                "aantalKinderen": n % 2,
                "verzamelinkomen": 20000.0 + n % 30000,
                "relatie": {
                    "soort": ref("RELATIESOORT", "GRO"),
                    "code": reference,
                    "naam": f"Huishouden Bench{n}",
                    "overeenkomsten": [
                        {"soort": ref("OVEREENKOMSTSOORT", "INS"), "begindatum": "2020-01-01"}
                    ],
                    "relaties": persons,
                },
            }
        )
    return items


def write(path: Path, items: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


# --- Runs -------------------------------------------------------------------------------------


def measure(label: str, runs: int, prepare: Any, run: Any) -> dict[str, Any]:
    """Median seconds and the largest peak over ``runs``; ``prepare`` resets the database."""
    seconds, peaks, last = [], [], {}
    for _ in range(runs):
        prepare()
        last = run()
        seconds.append(last["seconds"])
        peaks.append(last["peak_mb"])
    figure = {"label": label, "median_s": statistics.median(seconds), "peak_mb": max(peaks), "last": last}
    print(
        f"  {label:<46} median {figure['median_s']:7.2f} s  (runs {', '.join(f'{s:.2f}' for s in seconds)})"
        f"  peak {figure['peak_mb']:6.0f} MB  {load()}  {json.dumps(last)}",
        flush=True,
    )
    return figure


def baseline_tree(ref: str, tmp: Path) -> Path:
    tree = tmp / "baseline"
    subprocess.run(
        ["git", "worktree", "add", "--detach", str(tree), ref], cwd=ROOT, check=True, capture_output=True
    )
    return tree


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-ref", default="main")
    parser.add_argument("--baseline-rows", type=int, default=5_000, help="0 skips the baseline")
    parser.add_argument("--baseline-runs", type=int, default=1)
    parser.add_argument(
        "--baseline-kandidaten-rows",
        type=int,
        default=1_000,
        help="the old kandidaten import takes about a tenth of a second per row on a loaded machine",
    )
    ns = parser.parse_args()
    setup_django()
    from django.db import connection

    print(
        f"exchange bench: {ns.rows} rows, median of {ns.runs}, {connection.vendor}, {os.cpu_count()} cores, {load()}"
    )
    if connection.vendor != "postgresql":
        print("  (not PostgreSQL: set DATABASE_URL for figures that count)")
    figures = []
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        new_units = write(tmp / "bench-units-new.json", unit_items(ns.rows))
        changed_units = write(tmp / "bench-units-changed.json", unit_items(ns.rows, changed=True))
        kandidaten = write(tmp / "bench-kandidaten.json", kandidaat_items(ns.rows))
        failing = unit_items(ns.rows)
        from omkijken.portfolio.models import Unit

        taken = Unit.objects.exclude(complex__code__startswith=PREFIX).order_by("pk").first()
        assert taken is not None
        failing[-1]["adres"].update(
            postcode=taken.postcode,
            huisnummer=str(taken.house_number),
            huisnummerToevoeging=taken.house_number_suffix or None,
        )
        if not failing[-1]["adres"]["huisnummerToevoeging"]:
            del failing[-1]["adres"]["huisnummerToevoeging"]
        failing_file = write(tmp / "bench-units-fail-last.json", failing)

        def fresh() -> None:
            clean_up()
            make_complexes(ns.rows)

        def imported() -> None:
            fresh()
            child(ROOT, "import", "eenheden", new_units)

        print("this tree:")
        figures.append(
            measure(
                f"{ns.rows} homes, all new",
                ns.runs,
                fresh,
                lambda: child(ROOT, "import", "eenheden", new_units),
            )
        )
        figures.append(
            measure(
                f"{ns.rows} homes, all changed",
                ns.runs,
                imported,
                lambda: child(ROOT, "import", "eenheden", changed_units),
            )
        )
        figures.append(
            measure(
                f"{ns.rows} households + registrations, new",
                ns.runs,
                fresh,
                lambda: child(ROOT, "import", "kandidaten", kandidaten),
            )
        )
        figures.append(
            measure(
                f"export of all homes ({ns.rows} + the demo's)",
                ns.runs,
                lambda: None if counts()[0] else imported(),
                lambda: child(ROOT, "export", "eenheden", tmp / "export.json"),
            )
        )
        total = Unit.objects.filter(complex__corporation__name__isnull=False).count()
        print(f"  (the database then held {total} homes in all)")
        fail = measure(
            f"{ns.rows} homes, the last one refused",
            1,
            fresh,
            lambda: child(ROOT, "import", "eenheden", failing_file),
        )
        written = counts()[0]
        print(
            f"  homes of the refused file written: {written} ({'nothing written' if written == 0 else 'NOT ALL OR NOTHING'})"
        )
        figures.append(fail)

        if ns.baseline_rows:
            tree = baseline_tree(ns.baseline_ref, tmp)
            try:
                small_new = write(tmp / "bench-units-new-small.json", unit_items(ns.baseline_rows))
                small_changed = write(
                    tmp / "bench-units-changed-small.json", unit_items(ns.baseline_rows, changed=True)
                )
                small_kand = write(
                    tmp / "bench-kandidaten-small.json", kandidaat_items(ns.baseline_kandidaten_rows)
                )
                print(f"speed-up against {ns.baseline_ref} on the same files:")
                for label, path, kind, prepare, rows in (
                    ("homes, all new", small_new, "eenheden", fresh, ns.baseline_rows),
                    ("homes, all changed", small_changed, "eenheden", None, ns.baseline_rows),
                    (
                        "households + registrations, new",
                        small_kand,
                        "kandidaten",
                        fresh,
                        ns.baseline_kandidaten_rows,
                    ),
                ):
                    if prepare is None:

                        def prepare() -> None:
                            fresh()
                            child(ROOT, "import", "eenheden", small_new)

                    old = measure(
                        f"{rows} {label} ({ns.baseline_ref})",
                        ns.baseline_runs,
                        prepare,
                        lambda kind=kind, path=path: child(tree, "import", kind, path),
                    )
                    now = measure(
                        f"{rows} {label} (this tree)",
                        ns.runs,
                        prepare,
                        lambda kind=kind, path=path: child(ROOT, "import", kind, path),
                    )
                    print(f"  -> {old['median_s'] / now['median_s']:.1f}x faster")
                fresh()
                child(ROOT, "import", "eenheden", small_new)
                old = measure(
                    f"export ({ns.baseline_ref})",
                    ns.baseline_runs,
                    lambda: None,
                    lambda: child(tree, "export", "eenheden", tmp / "old.json"),
                )
                now = measure(
                    "export (this tree)",
                    ns.runs,
                    lambda: None,
                    lambda: child(ROOT, "export", "eenheden", tmp / "new.json"),
                )
                print(f"  -> {old['median_s'] / now['median_s']:.1f}x faster")
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
        clean_up()
    print(f"done, {load()}")


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"bench took {time.perf_counter() - start:.0f} s")
