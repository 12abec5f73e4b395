"""The municipal report: ordered sections, each a heading, a text and tables, built from the data
the other contexts already hold, for one reader.

A municipal officer gets every count through the one disclosure control
(``omkijken.quotas.suppression``: under 5 hidden, a second hidden cell, the rest rounded to 5); the
corporation's staff get their own figures exactly. No section holds a household.

Sections are functions ``(ReportScope) -> Section | None`` in ``SECTIONS``, in report order. A new
section (a forecast, liveability indicators) is one call: ``register_section(builder)``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from omkijken.accounts.models import Organisation, Role, User
from omkijken.accounts.policy import can
from omkijken.community.activities.models import Activity, ActivitySignup
from omkijken.community.checkins.models import CheckIn
from omkijken.community.fund.models import Payout
from omkijken.community.help.models import HelpRequest
from omkijken.portfolio.models import Complex
from omkijken.quotas import selectors as quotas
from omkijken.quotas.suppression import Cell, protect, protect_total
from omkijken.signals.selectors import municipal_counts

# A table cell: text, a number, an amount in euros, a protected count, or nothing.
Value = str | int | Decimal | Cell | None


@dataclass(frozen=True)
class Table:
    """A table with a caption, a header row and rows; the first column of a row heads it."""

    caption: str
    header: Sequence[str]
    rows: Sequence[Sequence[Value]]
    footer: Sequence[Sequence[Value]] = ()


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str
    tables: Sequence[Table] = ()


@dataclass(frozen=True)
class ReportScope:
    """What a section builder gets: the reader, the period and whether the figures are protected."""

    actor: User
    organisation: Organisation
    year: int
    quarter: int | None
    start: dt.date  # the period: a quarter, or the whole year
    until: dt.date
    on: dt.date  # the snapshot date of stock figures: the period's end, or today within it
    protected: bool  # True for the municipality
    # Figures more than one section uses, computed once per report.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def complexes(self) -> Q:
        """A filter on Complex for the reader's area."""
        if self.actor.role == Role.MUNICIPAL_OFFICER:
            return Q(neighbourhood__municipality_code=self.organisation.municipality_code)
        return Q(corporation=self.organisation)

    def cells(self, counts: dict[str, int]) -> dict[str, Cell]:
        return protect(counts, for_municipality=self.protected)

    def total(self, n: int) -> Cell:
        return protect_total(n, for_municipality=self.protected)


@dataclass(frozen=True)
class Report:
    title: str
    period_label: str
    organisation: str
    protected: bool
    generated_on: dt.date
    sections: list[Section] = field(default_factory=list)

    @property
    def note(self) -> str:
        if self.protected:
            return _(
                "Aggregates only. Counts under 5 are shown as “< 5”, where one count in a table is hidden a "
                "second one is hidden too, and every other count and total is rounded to a multiple of 5."
            )
        return _(
            "Your corporation's own figures, exact. The municipality receives them with counts under 5 hidden and the others rounded to a multiple of 5."
        )


SectionBuilder = Callable[[ReportScope], Section | None]
SECTIONS: list[SectionBuilder] = []


def register_section(builder: SectionBuilder) -> SectionBuilder:
    """Append a section to every municipal report (in the order of registration)."""
    if builder not in SECTIONS:
        SECTIONS.append(builder)
    return builder


def quarter_bounds(year: int, quarter: int | None) -> tuple[dt.date, dt.date]:
    if quarter is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    start = dt.date(year, 3 * quarter - 2, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return start, end - dt.timedelta(days=1)


def report_scope(
    actor: User, *, year: int, quarter: int | None = None, today: dt.date | None = None
) -> ReportScope | None:
    """The reader's scope, or None when they may not read municipal reports."""
    org = actor.organisation
    if org is None or not can(actor, "view_municipal_report"):
        return None
    start, until = quarter_bounds(year, quarter)
    today = today or timezone.localdate()
    return ReportScope(
        actor=actor,
        organisation=org,
        year=year,
        quarter=quarter,
        start=start,
        until=until,
        on=min(until, today),
        protected=quotas.for_municipality(actor),
    )


def municipal_report(
    actor: User, *, year: int, quarter: int | None = None, today: dt.date | None = None
) -> Report | None:
    scope = report_scope(actor, year=year, quarter=quarter, today=today)
    if scope is None:
        return None
    period = _("Q%(quarter)d %(year)d") % {"quarter": quarter, "year": year} if quarter else str(year)
    sections = [section for builder in SECTIONS if (section := builder(scope)) is not None]
    return Report(
        title=_("Mixed living and quota: report %(period)s") % {"period": period},
        period_label=period,
        organisation=scope.organisation.name,
        protected=scope.protected,
        generated_on=timezone.localdate(),
        sections=sections,
    )


# --- the sections --------------------------------------------------------------------------------


def _figures(scope: ReportScope) -> quotas.MunicipalReport:
    if "quotas" not in scope.memo:
        figures = quotas.municipal_report(scope.actor, year=scope.year, on=scope.on, until=scope.until)
        assert figures is not None  # the scope was checked
        scope.memo["quotas"] = figures
    return scope.memo["quotas"]  # type: ignore[no-any-return]


@register_section
def quota_section(scope: ReportScope) -> Section:
    figures = _figures(scope)
    rows: list[list[Value]] = [
        [row.corporation.name, row.target_group_label, row.required, row.housed] for row in figures.quotas
    ]
    return Section(
        key="quota",
        heading=_("Quota (taakstelling) and realisation"),
        text=_(
            "Households housed from 1 January up to and including %(until)s, counted from leases: a lease "
            "that started in the period, of a household that was in the target group on its start date. An omklap "
            "lease counts once, at its start; a move within the corporation's homes is not a new placement. A "
            "shortfall carries over to the next period as backlog (docs/quotas.md)."
        )
        % {"until": scope.until.strftime("%d-%m-%Y")},
        tables=[
            Table(
                caption=_("Quota and housed households per corporation and target group"),
                header=[_("Corporation"), _("Target group"), _("Required"), _("Housed")],
                rows=rows or [[_("No quota set for this year."), None, None, None]],
            )
        ],
    )


@register_section
def forecast_section(scope: ReportScope) -> Section | None:
    """Halen we het? The seeded forecast of the quota (``quotas.selectors.forecast``) as known on the
    report's snapshot date. For the municipality every figure is protected like a count."""
    fc = quotas.forecast(scope.actor, year=scope.year, on=scope.on)
    if not fc.groups:
        return None
    rows: list[list[Value]] = [
        [
            g.label,
            g.period_label,
            scope.total(g.required),
            scope.total(g.backlog_in),
            scope.total(g.realised),
            scope.total(g.low),
            scope.total(g.mid),
            scope.total(g.high),
            g.verdict,
        ]
        for g in fc.groups
    ]
    return Section(
        key="forecast",
        heading=_("Forecast: will the quota be met?"),
        text=_(
            "Expected placements by the end of each period, as known on %(on)s: realised placements plus "
            "a seeded simulation (%(runs)d runs, seed %(seed)d) of the letting pipeline, turnover per "
            "complex and the key handovers of projects under construction. Low and high are the 10th "
            "and 90th percentile. The model is described in docs/quotas.md."
        )
        % {"on": scope.on.strftime("%d-%m-%Y"), "runs": fc.runs, "seed": fc.seed},
        tables=[
            Table(
                caption=_("Forecast per target group"),
                header=[
                    _("Target group"),
                    _("Period"),
                    _("Required"),
                    _("Backlog carried over"),
                    _("Realised"),
                    _("Low"),
                    _("Expected"),
                    _("High"),
                    _("Verdict"),
                ],
                rows=rows,
            )
        ],
    )


@register_section
def neighbourhood_section(scope: ReportScope) -> Section:
    figures = _figures(scope)
    rows: list[list[Value]] = [
        [row.neighbourhood.name, row.neighbourhood.code, row.homes, row.occupied, row.vulnerable]
        for row in figures.neighbourhoods
    ]
    groups: list[list[Value]] = [
        [figures.target_group_labels[code], cell] for code, cell in figures.by_target_group.items()
    ]
    return Section(
        key="neighbourhoods",
        heading=_("Per neighbourhood and target group"),
        text=_("Homes and households on %(date)s.") % {"date": scope.on.strftime("%d-%m-%Y")},
        tables=[
            Table(
                caption=_("Homes and vulnerable households per neighbourhood"),
                header=[
                    _("Neighbourhood"),
                    _("CBS code"),
                    _("Homes"),
                    _("Occupied"),
                    _("Vulnerable households"),
                ],
                rows=rows,
                footer=[[_("Total"), None, None, None, figures.vulnerable_total]],
            ),
            Table(
                caption=_("Households per target group"),
                header=[_("Target group"), _("Households")],
                rows=groups,
                footer=[[_("Total"), figures.target_group_total]],
            ),
        ],
    )


@register_section
def signals_section(scope: ReportScope) -> Section:
    counts = municipal_counts(scope.actor, since=scope.start, until=scope.until)
    return Section(
        key="signals",
        heading=_("Signals per neighbourhood"),
        text=_(
            "Signals made from %(start)s up to and including %(until)s, per kind; signals withdrawn as incorrect are not counted."
        )
        % {"start": scope.start.strftime("%d-%m-%Y"), "until": scope.until.strftime("%d-%m-%Y")},
        tables=[
            Table(
                caption=_("Signals per neighbourhood and kind"),
                header=[_("Neighbourhood"), *[label for _code, label in counts.kinds]],
                rows=[[row.neighbourhood.name, *row.cells] for row in counts.rows],
            )
        ],
    )


def _quarters(scope: ReportScope) -> list[tuple[str, dt.date, dt.date]]:
    last = scope.quarter or 4
    first = scope.quarter or 1
    return [
        (_("Q%(quarter)d") % {"quarter": q}, *quarter_bounds(scope.year, q)) for q in range(first, last + 1)
    ]


@register_section
def participation_section(scope: ReportScope) -> Section:
    complexes = Complex.objects.filter(scope.complexes).values("id")
    quarters = _quarters(scope)
    lo, hi = quarters[0][1], quarters[-1][2]

    def per_quarter(dates: list[dt.date]) -> dict[str, int]:
        return {label: sum(1 for d in dates if start <= d <= end) for label, start, end in quarters}

    activities = per_quarter(
        [
            timezone.localdate(at)
            for at in Activity.objects.filter(
                complex_id__in=complexes, starts_at__date__gte=lo, starts_at__date__lte=hi
            ).values_list("starts_at", flat=True)
        ]
    )
    participants: dict[str, int] = {}
    for label, start, end in quarters:
        participants[label] = (
            ActivitySignup.objects.filter(
                activity__complex_id__in=complexes, occurrence__gte=start, occurrence__lte=end
            )
            .values("person_id")
            .distinct()
            .count()
        )
    help_done = per_quarter(
        [
            timezone.localdate(at)
            for at in HelpRequest.objects.filter(
                complex_id__in=complexes,
                status=HelpRequest.Status.CLOSED,
                closed_at__date__gte=lo,
                closed_at__date__lte=hi,
            ).values_list("closed_at", flat=True)
        ]
    )
    calls = per_quarter(
        [
            timezone.localdate(at)
            for at in CheckIn.objects.filter(
                agreement__complex_id__in=complexes, done_at__date__gte=lo, done_at__date__lte=hi
            ).values_list("done_at", flat=True)
        ]
    )
    euros: dict[str, Decimal] = {}
    for label, start, end in quarters:
        total = Payout.objects.filter(
            application__complex_id__in=complexes, paid_on__gte=start, paid_on__lte=end
        ).aggregate(total=Sum("amount"))["total"]
        euros[label] = total or Decimal("0.00")

    def row(label: str, counts: dict[str, int]) -> list[Value]:
        cells = scope.cells(counts)
        return [label, *[cells[q] for q, _s, _e in quarters]]

    return Section(
        key="participation",
        heading=_("Participation"),
        text=_(
            "Per quarter: activities that started, unique residents who signed up for an activity, help "
            "requests done, check-in calls made, and euros paid from the initiatives fund."
        ),
        tables=[
            Table(
                caption=_("Participation per quarter"),
                header=[pgettext("report column", "Measure"), *[q for q, _s, _e in quarters]],
                rows=[
                    row(_("Activities"), activities),
                    row(_("Unique participants"), participants),
                    row(_("Help requests done"), help_done),
                    row(_("Check-in calls made"), calls),
                    [_("Fund paid out (€)"), *[euros[q] for q, _s, _e in quarters]],
                ],
            )
        ],
    )


def count_cells(section: Section) -> list[Cell]:
    """Every protected count in a section (for tests and checks)."""
    return [v for t in section.tables for r in [*t.rows, *t.footer] for v in r if isinstance(v, Cell)]


__all__ = [
    "SECTIONS",
    "Report",
    "ReportScope",
    "Section",
    "Table",
    "municipal_report",
    "register_section",
]
