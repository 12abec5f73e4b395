"""Realistic synthetic allocation rounds, deterministic for (scale, seed, year).

Scales: ``S`` 200 vacancies / 2,000 households, ``M`` 5,000 / 50,000, ``L`` 50,000 / 500,000.

Distributions (all drawn from ``random.Random(seed)``):

* complexes: one per 20 vacancies; 50 % are mixed, with ``target_vulnerable_share`` uniform in
  0.20–0.40 and ``tolerance`` 0.05; 40–300 occupied homes; the vulnerable share now is the target
  plus a normal deviation (sd 0.08), so some complexes start below and some above their band.
  Each complex has 2–6 sections (portiek/galerij), each with a ``max_vulnerable`` of about 40 % of
  its homes (null for one section in four).
* units: rooms 1–5 (1: 15 %, 2: 30 %, 3: 30 %, 4: 20 %, 5: 5 %), household size range
  ``max(1, rooms-2)``–``rooms+1``; rent in bands around the year's limits: 55 % up to the low
  aftoppingsgrens, 20 % up to the high one, 20 % up to the DAEB huurgrens, 5 % above it (and 2 %
  exactly at a grens); features ``LIFT`` (60 % of upper floors), ``GROUND_FLOOR``, ``WHEELCHAIR`` (4 %).
  Channels in a mixed complex: 40 % REGULAR+DIRECT, 15 % GOOD_NEIGHBOUR+REGULAR, 20 % DIRECT,
  25 % REGULAR; elsewhere 75 % REGULAR, 10 % DIRECT, 15 % REGULAR+DIRECT.
* households: size 1 (45 %), 2 (28 %), 3 (12 %), 4 (10 %), 5 (4 %), 6 (1 %); 18 % senior; income
  normal around the household's passend-toewijzen limit (sd 30 %, at least 9,000), 3 % exactly at a
  limit and 1 % one euro above; waiting time exponential with mean 6 years (at most 25); 4 % with an
  urgency (category MED/SOC/MAN/HUI), a quarter of them expired on the round date; needs: LIFT for
  30 % of seniors, WHEELCHAIR for 1 %.
* vulnerable households: 12 % of households, ``target_group`` DAK 30 %, GGZ 25 %, STH 25 %, UIT
  20 %; nominated in the last two years; 70 % with a care partner; no registration date.
* good neighbours: 3 % of the other households, approved for one or two mixed complexes.
* responses: 5–15 per household (``5 + round(10·u^0.4)``, mean about 12), most preferred first, drawn without replacement from the
  units whose size range fits the household (90 %) or from any unit (10 %), weighted by complex
  popularity (Zipf, exponent 1); nominees respond only to DIRECT units, others to open units.
* care partners: one per 10 complexes (at least 3), each supporting 60 % of complexes with capacity
  1–6 and 0–3 current clients.
* quotas: per target group about 40 % of the direct vacancies' share for that group, and ``"*"``
  for 50 % of all direct-capable vacancies.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from datetime import date, timedelta
from itertools import accumulate
from typing import Any

from omkijken.engine.rules import load_table

SCALES: dict[str, tuple[int, int]] = {"S": (200, 2_000), "M": (5_000, 50_000), "L": (50_000, 500_000)}
GROUPS = (("DAK", 0.30), ("GGZ", 0.25), ("STH", 0.25), ("UIT", 0.20))
FALLBACK = {  # used when the year's table lacks a value (only to shape the distributions)
    "passend_income_limit.single": 28375.0,
    "passend_income_limit.multi": 38500.0,
    "passend_income_limit.single_senior": 27775.0,
    "passend_income_limit.multi_senior": 37350.0,
    "aftoppingsgrens.low": 682.96,
    "aftoppingsgrens.high": 731.93,
    "daeb_income_limit.single": 49669.0,
    "daeb_income_limit.multi": 54847.0,
    "daeb_rent_limit": 900.07,
}


def _pick(rng: random.Random, table: list[tuple[Any, float]]) -> Any:
    x = rng.random()
    for value, p in table:
        x -= p
        if x < 0:
            return value
    return table[-1][0]


def generate_round(scale: str = "S", seed: int = 1, *, year: int = 2025) -> dict[str, Any]:
    n_units, n_households = SCALES[scale]
    rng = random.Random(f"{scale}:{seed}:{year}")
    table = load_table(year)
    lim: dict[str, float] = {}
    for k, v in FALLBACK.items():
        known = table[k].value if k in table else None
        lim[k] = known if known is not None else v
    rules: dict[str, Any] = {}
    missing = [k for k in FALLBACK if k not in table or table[k].value is None]
    secs: list[dict[str, Any]]
    for k in missing:  # a generated round supplies what the built-in table does not know
        head, _, tail = k.partition(".")
        if tail:
            rules.setdefault(head, {})[tail] = lim[k]
        else:
            rules[head] = lim[k]
    round_date = date(year, 3, 1) + timedelta(days=7 * (seed % 40))

    # complexes and sections
    n_complexes = max(4, n_units // 20)
    complexes: list[dict[str, Any]] = []
    mixed: list[bool] = []
    sections_of: list[list[str]] = []
    for i in range(n_complexes):
        cid = f"C{i + 1:05d}"
        is_mixed = rng.random() < 0.5
        homes = rng.randint(40, 300)
        target = round(rng.uniform(0.20, 0.40), 2)
        share = min(0.9, max(0.0, (target if is_mixed else 0.1) + rng.gauss(0, 0.08)))
        vuln = round(homes * share)
        n_sections = rng.randint(2, 6)
        secs = []
        per = homes // n_sections
        v_left = vuln
        for s in range(n_sections):
            sv = v_left if s == n_sections - 1 else min(v_left, round(vuln / n_sections))
            v_left -= sv
            sec_homes = per if s < n_sections - 1 else homes - per * (n_sections - 1)
            secs.append(
                {
                    "id": f"{cid}-P{s + 1}",
                    "occupied": {"vulnerable": sv, "regular": max(0, sec_homes - sv)},
                    "max_vulnerable": None if rng.random() < 0.25 else max(1, math.ceil(0.4 * sec_homes)),
                }
            )
        complexes.append(
            {
                "id": cid,
                "municipality": "0344",
                "occupied": {"vulnerable": vuln, "regular": homes - vuln},
                "mix": {"target_vulnerable_share": target, "tolerance": 0.05} if is_mixed else None,
                "sections": secs,
            }
        )
        mixed.append(is_mixed)
        sections_of.append([s["id"] for s in secs])
    popularity = [1.0 / (r + 1) for r in range(n_complexes)]
    rng.shuffle(popularity)

    # units
    units: list[dict[str, Any]] = []
    unit_complex: list[int] = []
    for i in range(n_units):
        ci = rng.randrange(n_complexes)
        rooms = _pick(rng, [(1, 0.15), (2, 0.30), (3, 0.30), (4, 0.20), (5, 0.05)])
        floor = rng.randint(0, 10)
        band = rng.random()
        if rng.random() < 0.02:
            rent = rng.choice(
                [lim["aftoppingsgrens.low"], lim["aftoppingsgrens.high"], lim["daeb_rent_limit"]]
            )
        elif band < 0.55:
            rent = rng.uniform(450, lim["aftoppingsgrens.low"])
        elif band < 0.75:
            rent = rng.uniform(lim["aftoppingsgrens.low"], lim["aftoppingsgrens.high"])
        elif band < 0.95:
            rent = rng.uniform(lim["aftoppingsgrens.high"], lim["daeb_rent_limit"])
        else:
            rent = rng.uniform(lim["daeb_rent_limit"], 1200)
        features = []
        if floor == 0:
            features.append("GROUND_FLOOR")
        elif rng.random() < 0.6:
            features.append("LIFT")
        if rng.random() < 0.04:
            features.append("WHEELCHAIR")
        if mixed[ci]:
            channels = _pick(
                rng,
                [
                    (["REGULAR", "DIRECT"], 0.40),
                    (["GOOD_NEIGHBOUR", "REGULAR"], 0.15),
                    (["DIRECT"], 0.20),
                    (["REGULAR"], 0.25),
                ],
            )
        else:
            channels = _pick(rng, [(["REGULAR"], 0.75), (["DIRECT"], 0.10), (["REGULAR", "DIRECT"], 0.15)])
        units.append(
            {
                "id": f"U{i + 1:06d}",
                "complex": complexes[ci]["id"],
                "section": rng.choice(sections_of[ci]),
                "floor": floor,
                "rooms": rooms,
                "rent": round(rent, 2),
                "household_size": {"min": max(1, rooms - 2), "max": rooms + 1},
                "features": features,
                "channels": list(channels),
            }
        )
        unit_complex.append(ci)

    # response pools: (direct?, size) -> units and cumulative popularity weights
    def pool(direct: bool, size: int | None) -> tuple[list[int], list[float]]:
        idx = [
            i
            for i, u in enumerate(units)
            if (
                ("DIRECT" in u["channels"])
                if direct
                else ("REGULAR" in u["channels"] or "GOOD_NEIGHBOUR" in u["channels"])
            )
            and (size is None or u["household_size"]["min"] <= size <= u["household_size"]["max"])
        ]
        return idx, list(accumulate(popularity[unit_complex[i]] for i in idx))

    pools = {(d, s): pool(d, s) for d in (True, False) for s in (None, 1, 2, 3, 4, 5, 6)}

    def draw(direct: bool, size: int, k: int) -> list[str]:
        chosen: list[int] = []
        seen: set[int] = set()
        for _ in range(k * 3):
            idx, cum = pools[(direct, size if rng.random() < 0.9 else None)]
            if not idx:
                continue
            j = idx[min(len(idx) - 1, bisect_left(cum, rng.random() * cum[-1]))]
            if j not in seen:
                seen.add(j)
                chosen.append(j)
                if len(chosen) == k:
                    break
        return [units[j]["id"] for j in chosen]

    # care partners
    n_partners = max(3, n_complexes // 10)
    partners = []
    for p in range(n_partners):
        cap: dict[str, int] = {}
        cur: dict[str, int] = {}
        for c in complexes:
            if rng.random() < 0.6:
                cap[c["id"]] = rng.randint(1, 6)
                cur[c["id"]] = rng.randint(0, 3)
        partners.append({"id": f"ZP{p + 1:03d}", "capacity": cap, "current": cur})

    mixed_ids = [c["id"] for c, m in zip(complexes, mixed, strict=True) if m]
    candidates = []
    for i in range(n_households):
        size: int = _pick(rng, [(1, 0.45), (2, 0.28), (3, 0.12), (4, 0.10), (5, 0.04), (6, 0.01)])
        senior = rng.random() < 0.18
        cls = "single" if size == 1 else "multi"
        limit = lim[f"passend_income_limit.{cls}{'_senior' if senior else ''}"]
        edge = rng.random()
        if edge < 0.03:
            income: float = rng.choice([limit, lim[f"daeb_income_limit.{cls}"]])
        elif edge < 0.04:
            income = limit + 1
        else:
            income = round(max(9000.0, rng.gauss(limit, 0.3 * limit)))
        vulnerable = rng.random() < 0.12
        needs = []
        if senior and rng.random() < 0.3:
            needs.append("LIFT")
        if rng.random() < 0.01:
            needs.append("WHEELCHAIR")
        n_resp = 5 + round(10 * rng.random() ** 0.4)  # 5-15, mean about 12
        cand: dict[str, Any] = {
            "id": f"H{i + 1:07d}",
            "household": {"size": size, "income": income, "senior": senior},
            "needs": needs,
            "responses": draw(vulnerable, size, n_resp),
        }
        if vulnerable:
            cand["registration_date"] = None
            cand["target_group"] = _pick(rng, list(GROUPS))
            cand["nominated_on"] = (round_date - timedelta(days=rng.randint(1, 730))).isoformat()
            cand["partner"] = partners[rng.randrange(n_partners)]["id"] if rng.random() < 0.7 else None
        else:
            wait = min(25.0, rng.expovariate(1 / 6))
            cand["registration_date"] = (round_date - timedelta(days=int(wait * 365.25))).isoformat()
            cand["target_group"] = None
            if rng.random() < 0.04:
                expired = rng.random() < 0.25
                until = round_date + timedelta(days=(-rng.randint(1, 90) if expired else rng.randint(0, 180)))
                cand["urgency"] = {
                    "category": rng.choice(["MED", "SOC", "MAN", "HUI"]),
                    "valid_until": until.isoformat(),
                }
            if mixed_ids and rng.random() < 0.03:
                cand["good_neighbour"] = sorted(
                    set(rng.sample(mixed_ids, min(len(mixed_ids), rng.randint(1, 2))))
                )
        candidates.append(cand)

    direct_units = sum(1 for u in units if "DIRECT" in u["channels"])
    quotas = [{"target_group": g, "min": round(0.4 * share * direct_units * 0.6)} for g, share in GROUPS]
    quotas.append({"target_group": "*", "min": round(0.5 * direct_units)})
    doc: dict[str, Any] = {
        "format": "omkijken.allocation-round/1",
        "id": f"synthetic-{scale}-{seed}-{year}",
        "date": round_date.isoformat(),
        "complexes": complexes,
        "units": units,
        "candidates": candidates,
        "care_partners": partners,
        "quotas": quotas,
    }
    if rules:
        doc["rules"] = rules
    return doc
