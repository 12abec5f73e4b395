"""The pure maths of quotas: backlog carried over between periods, and the "halen we het?"
forecast as a seeded Monte-Carlo simulation. No Django here: the selectors feed it plain numbers.

The model (docs/quotas.md explains it in words) draws ``runs`` futures of the rest of a period:

* **pipeline**: each item (a signed lease that starts later, a live offer, an allocation of a
  round not yet accepted, an open nomination) becomes a placement in the period with its own
  probability, independently (a Bernoulli draw per item per run);
* **turnover**: homes fall vacant per complex as a Poisson process with the complex's monthly
  rate estimated from lease-end history; a vacancy arising now is let after ``lag_months``, so
  only the vacancies arising in the first ``remaining - lag`` months count, and each of them goes
  to the target group with the share of lettings that went to that group (a thinned Poisson
  process: one Poisson draw with the sum of the thinned rates);
* **projects**: each key handover of a project under construction brings its empty homes × the
  project's target vulnerable share × the group's share of vulnerable lettings; the handover
  slips by a uniform 0–``slip_months`` months with probability ``slip_probability``, and homes
  handed over after the period's end count for nothing.

Low, mid and high are the 10th, 50th and 90th percentiles of realised + simulated placements.
The same inputs and seed give the same figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

DEFAULT_RUNS = 4000
DEFAULT_SEED = 14
LOW_QUANTILE, HIGH_QUANTILE = 0.10, 0.90


# --- backlog -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodFigures:
    """One period of a quota series (one municipality, corporation and target group)."""

    start: dt.date
    end: dt.date
    required: int
    realised: int


@dataclass(frozen=True)
class PeriodBalance:
    start: dt.date
    end: dt.date
    required: int
    backlog_in: int  # shortfall carried over from the period before
    realised: int
    closed: bool  # the period has ended on the day of reckoning

    @property
    def due(self) -> int:
        """What this period must house: its own task plus the backlog carried in."""
        return self.required + self.backlog_in

    @property
    def shortfall(self) -> int:
        return max(0, self.due - self.realised)


def carry_over(periods: Sequence[PeriodFigures], *, on: dt.date) -> list[PeriodBalance]:
    """The backlog rule. Periods are taken in order of start. A period's shortfall (its task plus
    the backlog it carried in, less what was realised in it, never below zero) carries over to the
    next period, provided that period starts the day after this one ends and this one has ended
    on ``on``. A surplus does not carry over, and a gap between periods ends the chain."""
    balances: list[PeriodBalance] = []
    for p in sorted(periods, key=lambda p: p.start):
        backlog = 0
        if balances:
            before = balances[-1]
            if before.closed and before.end + dt.timedelta(days=1) == p.start:
                backlog = before.shortfall
        balances.append(PeriodBalance(p.start, p.end, p.required, backlog, p.realised, p.end < on))
    return balances


# --- forecast ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PipelineItem:
    probability: float  # that it becomes a placement in this group within the period


@dataclass(frozen=True)
class ComplexTurnover:
    homes: int
    monthly_rate: float  # lease ends per home per month
    group_share: float  # share of lettings in this complex that went to the target group


@dataclass(frozen=True)
class Handover:
    months_from_now: float  # planned key handover, in months from the day of reckoning
    homes: int  # homes handed over that are still empty
    vulnerable_share: float  # the project's target share × the group's share of vulnerable lettings


@dataclass(frozen=True)
class ForecastInputs:
    required: int  # due: task plus backlog carried in
    realised: int  # placements so far in the period
    remaining_months: float  # from the day of reckoning to the period's end
    pipeline: Sequence[PipelineItem] = ()
    turnover: Sequence[ComplexTurnover] = ()
    handovers: Sequence[Handover] = ()
    lag_months: float = 2.0  # a vacancy is let this long after it arises
    slip_probability: float = 0.3
    slip_months: float = 3.0


@dataclass(frozen=True)
class ForecastResult:
    low: int
    mid: int
    high: int
    probability_met: float  # share of runs that reach ``required``
    expected_pipeline: float
    expected_turnover: float
    expected_projects: float
    runs: int
    seed: int
    required: int

    @property
    def verdict(self) -> str:
        """``met`` when even the low end reaches the task, ``at_risk`` when only the high end
        does, ``short`` (a backlog is likely) otherwise."""
        if self.low >= self.required:
            return "met"
        return "at_risk" if self.high >= self.required else "short"


def simulate(inputs: ForecastInputs, *, runs: int = DEFAULT_RUNS, seed: int = DEFAULT_SEED) -> ForecastResult:
    """Draw ``runs`` futures of the rest of the period; see the module docstring."""
    rng = np.random.default_rng(seed)
    total = np.full(runs, inputs.realised, dtype=np.int64)

    # Independent Bernoulli draws per item: items of one probability together are one binomial
    # draw (the same distribution, and fast for thousands of signed leases).
    by_probability: dict[float, int] = {}
    for item in inputs.pipeline:
        p = round(min(1.0, max(0.0, item.probability)), 6)
        by_probability[p] = by_probability.get(p, 0) + 1
    expected_pipeline = 0.0
    for p, n in sorted(by_probability.items()):
        total += rng.binomial(n, p, runs)
        expected_pipeline += n * p

    # Vacancies per complex are Poisson, and each goes to the group with the complex's share: a
    # thinned Poisson, so the group's placements from all complexes together are one Poisson
    # draw with the sum of the thinned rates (the same distribution as one draw per complex).
    effective = max(0.0, inputs.remaining_months - inputs.lag_months)
    expected_turnover = sum(
        max(0.0, c.homes * c.monthly_rate * effective) * min(1.0, max(0.0, c.group_share))
        for c in inputs.turnover
    )
    if expected_turnover > 0:
        total += rng.poisson(expected_turnover, runs)

    expected_projects = 0.0
    for h in inputs.handovers:
        if h.homes <= 0 or h.vulnerable_share <= 0:
            continue
        slips = rng.random(runs) < inputs.slip_probability
        delay = np.where(slips, rng.uniform(0.0, inputs.slip_months, runs), 0.0)
        in_time = (h.months_from_now + delay) <= inputs.remaining_months
        placed = rng.binomial(h.homes, min(1.0, h.vulnerable_share), runs)
        total += np.where(in_time, placed, 0)
        on_time_share = (1 - inputs.slip_probability) * (h.months_from_now <= inputs.remaining_months)
        if inputs.slip_months > 0:
            window = min(max(inputs.remaining_months - h.months_from_now, 0.0), inputs.slip_months)
            on_time_share += inputs.slip_probability * window / inputs.slip_months
        expected_projects += h.homes * min(1.0, h.vulnerable_share) * on_time_share

    low, mid, high = (int(round(float(np.quantile(total, q)))) for q in (LOW_QUANTILE, 0.5, HIGH_QUANTILE))
    met = float((total >= inputs.required).mean()) if runs else 0.0
    return ForecastResult(
        low=low,
        mid=mid,
        high=high,
        probability_met=round(met, 3),
        expected_pipeline=round(expected_pipeline, 2),
        expected_turnover=round(expected_turnover, 2),
        expected_projects=round(expected_projects, 2),
        runs=runs,
        seed=seed,
        required=inputs.required,
    )


def months_between(start: dt.date, end: dt.date) -> float:
    """Months (of 30.44 days) from ``start`` to ``end``; zero when ``end`` is not after ``start``."""
    return max(0.0, (end - start).days / 30.4375)
