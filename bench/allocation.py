"""Allocation benchmark: optimal vs greedy on generated rounds, median of N runs.

    .venv/bin/python bench/allocation.py                            # S and M, seed 1, 3 runs each
    .venv/bin/python bench/allocation.py --scales M --seeds 1,2,3,4,5 --runs 1
    .venv/bin/python bench/allocation.py --scales L --runs 1

Each run is a fresh subprocess (``omkijken allocate`` end to end: parse, validate, allocate,
explain, write), so wall time and peak memory (``ru_maxrss`` of the child) are those a user sees.
The verifier then checks each result; "inversions" are its rule-5 violations (a higher-ranked,
eligible household passed over for a home it preferred, no rule blocking it). Figures are printed,
never asserted. The table has one row per scale, seed and method (greedy beside optimal, and their
ratio), and the machine's load average (``os.getloadavg()``) before and after each seed, since a
shared machine's load moves the wall times.
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

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def run_allocate(round_path: Path, method: str, out: Path) -> tuple[float, float]:
    """(wall seconds, peak MB) of one ``omkijken allocate`` in a child process."""
    code = (
        "import sys, resource; from omkijken.engine.cli import main; "
        f"rc = main(['allocate', {str(round_path)!r}, '-o', {str(out)!r}, '--method', {method!r}]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)"
    )
    start = time.perf_counter()
    proc = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"allocate failed: {proc.stderr}")
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    return wall, peak_kb / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", default="S,M")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=None, help="one seed (same as --seeds N)")
    parser.add_argument("--seeds", default="1", help="comma-separated seeds")
    ns = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from omkijken.engine.allocation import load_round, verify
    from omkijken.engine.generate import generate_round

    seeds = [ns.seed] if ns.seed is not None else [int(x) for x in ns.seeds.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for scale, seed in ((sc, sd) for sc in ns.scales.split(",") for sd in seeds):
            load_before = os.getloadavg()
            t = time.perf_counter()
            doc = generate_round(scale, seed)
            round_path = Path(tmp) / f"round-{scale}.json"
            round_path.write_text(json.dumps(doc))
            n_resp = sum(len(c["responses"]) for c in doc["candidates"])
            print(
                f"# {scale} seed {seed}: {len(doc['units'])} vacancies, {len(doc['candidates'])} households, "
                f"{n_resp} responses (generated in {time.perf_counter() - t:.1f} s)",
                flush=True,
            )
            rnd = load_round(doc)
            del doc
            per_method = {}
            for method in ("optimal", "greedy"):
                walls, peaks = [], []
                out = Path(tmp) / f"result-{scale}-{method}.json"
                for _ in range(ns.runs):
                    w, p = run_allocate(round_path, method, out)
                    walls.append(w)
                    peaks.append(p)
                result = json.loads(out.read_text())
                t = time.perf_counter()
                violations = verify(rnd, result)
                verify_s = time.perf_counter() - t
                m = result["metrics"]
                per_method[method] = {
                    "wall": statistics.median(walls),
                    "peak": statistics.median(peaks),
                    "filled": m["filled"],
                    "quota": m["objective"]["quota_shortfall"],
                    "mix": m["objective"]["mix_shortfall"],
                    "inversions": sum(1 for v in violations if v.rule == 5),
                    "violations": len(violations),
                    "objective": m["objective"]["weighted"],
                    "bound": m.get("bound"),
                    "bounds": m.get("bounds"),
                    "verify": verify_s,
                }
                print(f"  {method}: done ({per_method[method]['wall']:.1f} s median)", flush=True)
            bound = per_method["optimal"]["bound"]
            for method in ("optimal", "greedy"):
                r = per_method[method]
                r["gap"] = (
                    (r["objective"] - bound) / r["objective"] if bound is not None and r["objective"] else 0.0
                )
            load_after = os.getloadavg()
            print(f"  load average before {_load(load_before)}, after {_load(load_after)}", flush=True)
            rows.append((scale, seed, per_method, load_before, load_after))

    header = (
        f"{'scale':5} {'seed':>4} {'method':8} {'wall s':>8} {'peak MB':>8} {'filled':>7} {'quota sf':>9} "
        f"{'mix sf':>7} {'inversions':>10} {'violations':>10} {'objective':>12} {'bound':>12} {'gap':>8} "
        f"{'verify s':>8}  load (1/5/15 min) before -> after"
    )
    print()
    print(header)
    print("-" * len(header))
    for scale, seed, pm, lb, la in rows:
        for method in ("optimal", "greedy"):
            r = pm[method]
            print(
                f"{scale:5} {seed:4d} {method:8} {r['wall']:8.1f} {r['peak']:8.0f} {r['filled']:7d} {r['quota']:9d} "
                f"{r['mix']:7d} {r['inversions']:10d} {r['violations']:10d} {r['objective']:12.0f} "
                f"{pm['optimal']['bound']:12.0f} {r['gap']:8.2%} {r['verify']:8.1f}"
                + (f"  {_load(lb)} -> {_load(la)}" if method == "optimal" else "")
            )
        o, g = pm["optimal"], pm["greedy"]
        print(
            f"{scale:5} {seed:4d} {'opt/grd':8} {o['wall'] / g['wall']:8.2f} {o['peak'] / g['peak']:8.2f} "
            f"{o['filled'] / max(1, g['filled']):7.3f} {'':9} {'':7} {'':10} {'':10} "
            f"{o['objective'] / max(1, g['objective']):12.3f}"
        )
        print(f"      bound components (optimal): {o['bounds']}")
    print()
    print(
        "objective = quota_sf*W1 + mix_sf*W2 + unfilled (lexicographic weights, see engine/allocation/metrics.py);"
    )
    print(
        "gap = (objective - bound) / objective; bound = LP relaxation (direct side) + matching bound (unfilled)."
    )
    print(f"machine: {os.cpu_count()} CPUs; load average now {_load(os.getloadavg())}")


def _load(avg: tuple[float, float, float]) -> str:
    return "/".join(f"{x:.1f}" for x in avg)


if __name__ == "__main__":
    main()
