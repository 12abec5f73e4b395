"""The forecast plot, drawn on the server as SVG: cumulative realised placements against the
task, with the forecast band from today to the period's end. Every chart has a text alternative
and a data table (the template ``quotas/_forecast_chart.html``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from omkijken.quotas.selectors import GroupForecast

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 36


@dataclass(frozen=True)
class ForecastChart:
    group: GroupForecast
    realised_points: str
    pace_points: str
    band_points: str
    due_y: float
    ticks: list[tuple[float, str]]  # y, label
    months: list[tuple[float, str]]  # x, label
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def plot_left(self) -> int:
        return LEFT

    @property
    def plot_right(self) -> int:
        return WIDTH - RIGHT

    @property
    def plot_bottom(self) -> int:
        return HEIGHT - BOTTOM

    @property
    def description(self) -> str:
        g = self.group
        verdict = {
            "met": _("the task will probably be met"),
            "at_risk": _("the task is at risk"),
            "short": _("a backlog is likely"),
        }[g.verdict]
        return _(
            "%(label)s, %(period)s: %(realised)s housed so far; expected %(low)s to %(high)s of %(due)s; %(verdict)s."
        ) % {
            "label": g.label,
            "period": g.period_label,
            "realised": "< 5" if g.realised_suppressed else g.realised,
            "low": g.low,
            "high": g.high,
            "due": g.due,
            "verdict": verdict,
        }


def forecast_chart(group: GroupForecast, on: dt.date) -> ForecastChart:
    span = max(1, (group.end - group.start).days)
    top = max(group.due, group.high, 1) * 1.1

    def x(day: dt.date) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * min(span, max(0, (day - group.start).days)) / span, 1)

    def y(value: float) -> float:
        return round(HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * value / top, 1)

    points = [(group.start, 0), *group.cumulative] if group.cumulative else []
    realised = " ".join(f"{x(d)},{y(v)}" for d, v in points)
    pace = f"{x(group.start)},{y(0)} {x(group.end)},{y(group.due)}"
    today = min(max(on, group.start), group.end)
    # A hidden count (municipality, under 5) is not drawn: the band then starts at its low end.
    start_value = group.low if group.realised_suppressed else group.realised
    band = f"{x(today)},{y(start_value)} {x(group.end)},{y(group.high)} {x(group.end)},{y(group.low)}"
    step = max(1, round(top / 5))
    ticks = [(y(v), str(v)) for v in range(0, int(top) + 1, step)]
    months = []
    d = group.start
    while d <= group.end:
        months.append((x(d), f"{d.month:02d}"))
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return ForecastChart(group, realised, pace, band, y(group.due), ticks, months)
