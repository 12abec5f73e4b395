"""Benchmark the buddy matcher on a generated region of 20,000 residents.

    .venv/bin/python bench/buddies.py [--residents 20000] [--runs 5] [--seed 2026]

Prints the size of the region, the matching found and the median wall time of ``plan()`` over
the runs (edge building, the min-cost flows and the explanations). Nothing is asserted: the target
(under 10 s for 20,000 residents) is read off the printed figure.

The generator (deterministic for a seed), meant to be harder than a real region:

* every one of the ``--residents`` residents takes part in the buddy scheme; 30 % are seekers,
  70 % good neighbours (real projects have far fewer participants, so far fewer pairs);
* complexes of 60-340 participants (89 complexes for 20,000 with the default seed), one section per
  ~25 residents, galerij or portiek;
* languages: most speak Dutch (85 % of neighbours, 55 % of seekers), 40 % a second language from
  15 with fictional weights; a seeker without Dutch needs a
  shared language, as does 1 in 10 of the others;
* 0-3 interests out of 14, 1-3 availability tokens (a day part, a whole day, "weekend", ...);
* neighbour capacity 1 (60 %), 2 (30 %) or 3 (10 %), with 0 up to capacity buddies already;
* 1 in 10 seekers has an ended pairing with a neighbour of the same complex.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from dataclasses import replace

from omkijken.engine.buddies import Neighbour, Section, SectionKind, Seeker, plan

LANGUAGES = ["ar", "ti", "tr", "pl", "fa", "so", "es", "fr", "de", "uk", "en", "prs", "ary", "rif", "ru"]
LANGUAGE_WEIGHTS = [10, 8, 8, 6, 5, 5, 3, 3, 3, 5, 10, 3, 4, 3, 3]
INTERESTS = [
    "cooking", "walking", "gardening", "music", "sports", "football", "cycling", "reading",
    "board_games", "crafts", "computers", "animals", "coffee", "language_practice",
]  # fmt: skip
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PARTS = ["morning", "afternoon", "evening"]
SLOT_TOKENS = [f"{d}_{p}" for d in DAYS for p in PARTS] + [*DAYS, "weekend", "weekdays", "evening"]


def complex_sizes(residents: int, rng: random.Random) -> list[int]:
    sizes: list[int] = []
    while sum(sizes) < residents:
        sizes.append(rng.randint(60, 340))
    sizes[-1] -= sum(sizes) - residents
    return [s for s in sizes if s > 0]


def languages(rng: random.Random, dutch: float) -> frozenset[str]:
    spoken = {"nl"} if rng.random() < dutch else set()
    if not spoken or rng.random() < 0.4:
        spoken.add(rng.choices(LANGUAGES, LANGUAGE_WEIGHTS)[0])
    return frozenset(spoken)


def region(residents: int, seed: int) -> tuple[list[Seeker], list[Neighbour]]:
    rng = random.Random(seed)
    seekers: list[Seeker] = []
    neighbours: list[Neighbour] = []
    person = 0
    for c, size in enumerate(complex_sizes(residents, rng)):
        complex_id = f"C{c:03d}"
        kind = rng.choice([SectionKind.GALERIJ, SectionKind.PORTIEK])
        sections = [Section(f"{complex_id}-{s}", kind) for s in range(size // 25 + 1)]
        here: list[Neighbour] = []
        for _ in range(size):
            person += 1
            id_, section = f"P{person:06d}", rng.choice(sections)
            interests = frozenset(rng.sample(INTERESTS, rng.randint(0, 3)))
            availability = frozenset(rng.sample(SLOT_TOKENS, rng.randint(1, 3)))
            if rng.random() < 0.3:
                spoken = languages(rng, dutch=0.55)
                needs = "nl" not in spoken or rng.random() < 0.1
                seekers.append(Seeker(id_, complex_id, section, spoken, needs, interests, availability))
            else:
                capacity = rng.choices([1, 2, 3], [6, 3, 1])[0]
                current = rng.randint(0, capacity) if rng.random() < 0.3 else 0
                spoken = languages(rng, dutch=0.85)
                here.append(
                    Neighbour(id_, complex_id, section, spoken, interests, availability, capacity, current)
                )
        for i in range(len(seekers) - 1, -1, -1):
            if seekers[i].complex != complex_id:
                break
            if here and rng.random() < 0.1:
                seekers[i] = replace(seekers[i], excluded=frozenset({rng.choice(here).id}))
        neighbours.extend(here)
    return seekers, neighbours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--residents", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    seekers, neighbours = region(args.residents, args.seed)
    times: list[float] = []
    result = None
    for _ in range(args.runs):
        start = time.perf_counter()
        result = plan(seekers, neighbours)
        times.append(time.perf_counter() - start)
    assert result is not None
    complexes = len({s.complex for s in seekers} | {n.complex for n in neighbours})
    spare = sum(n.spare for n in neighbours)
    print(f"residents        {len(seekers) + len(neighbours):>10,}")
    print(f"complexes        {complexes:>10,}")
    print(f"seekers          {len(seekers):>10,}")
    print(f"neighbours       {len(neighbours):>10,}  ({spare:,} spare places)")
    print(f"edges            {result.edge_count:>10,}")
    print(f"matched          {len(result.proposals):>10,}")
    print(f"unmatched        {len(result.unmatched):>10,}")
    for code, count in sorted(Counter(u.reason.code.value for u in result.unmatched).items()):
        print(f"  {code:<27}{count:>6,}")
    print(f"total weight     {result.total_weight:>10,}")
    print(f"runs             {args.runs:>10}  ({', '.join(f'{t:.2f}' for t in times)} s)")
    print(f"median seconds   {statistics.median(times):>10.2f}")


if __name__ == "__main__":
    main()
