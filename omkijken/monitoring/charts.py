"""Server-side SVG line charts for monitoring, each with a text alternative and a data table.

The bars of the current mix reuse ``omkijken.web.charts.MixBar`` (and its template); the lines
over time are drawn here in the same way: geometry computed in Python, inline SVG in the
template ``monitoring/_line_chart.html``, no JavaScript and no inline style.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from omkijken.monitoring.selectors import Liveability, MixSeries, NieuweBurenComplexRow
from omkijken.web.charts import MixBar

WIDTH, HEIGHT = 100.0, 40.0


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


@dataclass(frozen=True)
class LineChart:
    title: str
    description: str  # the text alternative
    labels: list[str]  # x axis, one per point
    values: list[float | None]
    maximum: float
    shown: list[str]  # each value as text, for the table
    band: tuple[float, float] | None = None
    target: float | None = None

    def _y(self, value: float) -> float:
        return round(HEIGHT - min(value, self.maximum) / self.maximum * HEIGHT, 2) if self.maximum else HEIGHT

    def _x(self, index: int) -> float:
        n = len(self.values)
        return round(index * WIDTH / (n - 1), 2) if n > 1 else WIDTH / 2

    @property
    def polyline(self) -> str:
        """Points of the drawn line (gaps where a value is hidden or missing are skipped)."""
        return " ".join(f"{self._x(i)},{self._y(v)}" for i, v in enumerate(self.values) if v is not None)

    @property
    def dots(self) -> list[tuple[float, float]]:
        return [(self._x(i), self._y(v)) for i, v in enumerate(self.values) if v is not None]

    @property
    def band_y(self) -> float | None:
        return None if self.band is None else self._y(self.band[1])

    @property
    def band_height(self) -> float | None:
        return None if self.band is None else round(self._y(self.band[0]) - self._y(self.band[1]), 2)

    @property
    def target_y(self) -> float | None:
        return None if self.target is None else self._y(self.target)

    @property
    def rows(self) -> list[tuple[str, str]]:
        return list(zip(self.labels, self.shown, strict=True))


def _month(day: dt.date) -> str:
    return date_format(day, "M Y")


def mix_chart(series: MixSeries) -> dict[str, object]:
    values = [p.share for p in series.points]
    known = [v for v in values if v is not None]
    if known:
        description = _(
            "%(label)s: vulnerable share per month from %(first)s to %(last)s, from %(start)s to %(end)s; "
            "lowest %(low)s, highest %(high)s; target %(target)s."
        ) % {
            "label": series.label,
            "first": _month(series.points[0].month),
            "last": _month(series.points[-1].month),
            "start": pct(known[0]),
            "end": pct(known[-1]),
            "low": pct(min(known)),
            "high": pct(max(known)),
            "target": pct(series.target),
        }
    else:
        description = _("%(label)s: no monthly snapshots to show.") % {"label": series.label}
    chart = LineChart(
        title=series.label,
        description=description,
        labels=[_month(p.month) for p in series.points],
        values=values,
        maximum=1.0,
        shown=[
            "< 5" if p.vulnerable.suppressed else f"{p.vulnerable.value} / {p.occupied} ({pct(p.share)})"
            for p in series.points
        ],
        band=(series.lower, series.upper) if series.lower is not None and series.upper is not None else None,
        target=series.target,
    )
    bars = []
    for section in series.sections:
        last = section.points[-1] if section.points else None
        bars.append(
            MixBar(
                label=section.label,
                share=last.share if last else None,
                target=series.target,
                lower=series.lower,
                upper=series.upper,
                vulnerable=(last.vulnerable.value or 0) if last else 0,
                occupied=last.occupied if last else 0,
            )
        )
    return {"chart": chart, "sections": bars}


def loneliness_charts(data: Liveability) -> list[LineChart]:
    per_complex: dict[str, list] = {}
    for row in data.rounds:
        per_complex.setdefault(row.complex_name, []).append(row)
    charts = []
    for name, rows in per_complex.items():
        values = [r.result.loneliness for r in rows]
        known = [v for v in values if v is not None]
        if known:
            description = _(
                "%(complex)s: mean loneliness score (0–6, De Jong Gierveld) over %(count)d survey round(s): "
                "%(scores)s."
            ) % {
                "complex": name,
                "count": len(rows),
                "scores": "; ".join(
                    f"{r.round.title} {number_format(r.result.loneliness, 1)}"
                    if r.result.loneliness is not None
                    else f"{r.round.title} " + _("fewer than 5 respondents")
                    for r in rows
                ),
            }
        else:
            description = _("%(complex)s: no round has 5 or more respondents yet.") % {"complex": name}
        charts.append(
            LineChart(
                title=name,
                description=description,
                labels=[r.round.title for r in rows],
                values=values,
                maximum=6.0,
                shown=[
                    f"{r.result.loneliness:.1f}".replace(".", ",")
                    if r.result.loneliness is not None
                    else _("fewer than 5 respondents")
                    for r in rows
                ],
            )
        )
    return charts


def nieuwe_buren_chart(row: NieuweBurenComplexRow) -> LineChart:
    values = [y.share for y in row.years]
    shown = []
    for y in row.years:
        if y.replaced.suppressed or y.by_good_neighbour.suppressed:
            shown.append("< 5")
        else:
            shown.append(
                _(
                    "%(good)s of %(replaced)s re-let to a good neighbour (%(share)s); %(departures)s departures"
                )
                % {
                    "good": y.by_good_neighbour.value,
                    "replaced": y.replaced.value,
                    "share": pct(y.share),
                    "departures": y.departures.value if y.departures.value is not None else "< 5",
                }
            )
    description = _(
        "%(complex)s: share of departing tenants replaced by a good neighbour, per year: %(years)s."
    ) % {
        "complex": row.complex.name,
        "years": "; ".join(f"{y.year} {pct(y.share)}" for y in row.years),
    }
    return LineChart(
        title=row.complex.name,
        description=description,
        labels=[str(y.year) for y in row.years],
        values=values,
        maximum=1.0,
        shown=shown,
        target=1.0,
    )
