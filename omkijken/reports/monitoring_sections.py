"""The report's sections on whether mixed living works: care-need share, sustainment, turnover,
liveability surveys and Nieuwe Buren, built from ``omkijken.monitoring.selectors``.

The monitoring selectors already give a municipal officer every count through the one disclosure
control (they call ``quotas.suppression.suppress``); the sections only lay the figures out. A share
is shown only where both of its counts are shown.
"""

from __future__ import annotations

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from omkijken.monitoring import selectors as monitoring
from omkijken.reports.selectors import ReportScope, Section, Table, Value, register_section


def _pct(share: float | None) -> str:
    if share is None:
        return "–"
    return f"{formats.number_format(round(share * 100), 0)}%"


def _mean(x: float | None) -> str:
    if x is None:
        return "–"
    return formats.number_format(x, 1)


@register_section
def indicators_section(scope: ReportScope) -> Section | None:
    ind = monitoring.portfolio_indicators(scope.actor, year=scope.year, on=scope.on)
    if ind is None:
        return None
    share_rows: list[list[Value]] = [
        [r.label, r.allocations, r.care_need, _pct(r.share), _pct(r.target)] for r in ind.by_neighbourhood
    ]
    sustain_rows: list[list[Value]] = [
        [_("%(months)d months") % {"months": r.months}, r.cohort, r.sustained, _pct(r.share)]
        for r in ind.sustainment
    ]
    turnover_rows: list[list[Value]] = [[r.label, r.at_start, r.departed, _pct(r.rate)] for r in ind.turnover]
    return Section(
        key="indicators",
        heading=_("Is mixed living working?"),
        text=_(
            "Allocations are lease starts in the year; a household with a care need is one in a vulnerable "
            "target group on its lease's start date. Sustainment: vulnerable tenancies that reached 12, 24 "
            "or 36 months by %(on)s, and those still housed by the corporation then without an eviction. "
            "Turnover: households housed on 1 January whose lease ended in the year. The definitions are in "
            "docs/monitoring.md."
        )
        % {"on": scope.on.strftime("%d-%m-%Y")},
        tables=[
            Table(
                caption=_("Share of allocations to households with a care need, per neighbourhood"),
                header=[
                    _("Neighbourhood"),
                    _("Allocations"),
                    _("With a care need"),
                    pgettext("report column", "Share"),
                    _("Target"),
                ],
                rows=share_rows or [[_("No allocations in this period."), None, None, None, None]],
            ),
            Table(
                caption=_("Tenancy sustainment of vulnerable residents"),
                header=[_("After"), _("Tenancies"), _("Still housed"), pgettext("report column", "Share")],
                rows=sustain_rows,
            ),
            Table(
                caption=_("Turnover of regular and vulnerable households"),
                header=[_("Households"), _("Housed on 1 January"), _("Left in the year"), _("Turnover")],
                rows=turnover_rows,
            ),
        ],
    )


@register_section
def liveability_section(scope: ReportScope) -> Section | None:
    live = monitoring.liveability(scope.actor, year=scope.year)
    if live is None:
        return None
    rows: list[list[Value]] = []
    for r in live.rounds:
        if r.round.opens_on.year != scope.year:
            continue
        res = r.result
        rows.append(
            [
                r.complex_name,
                scope.total(res.respondents) if res.shown else _("fewer than 5"),
                _mean(res.loneliness),
                _pct(res.knows_three_by_name),
                _pct(res.could_ask_help),
            ]
        )
    return Section(
        key="liveability",
        heading=_("Liveability: loneliness and neighbour contact"),
        text=_(
            "Resident surveys per complex, answered anonymously: the De Jong Gierveld 6-item loneliness "
            "scale (a score from zero, not lonely, to six, very lonely) and three questions on contact with neighbours. Results "
            "are shown only for groups of at least 5 respondents."
        ),
        tables=[
            Table(
                caption=_("Survey results this year per complex"),
                header=[
                    _("Complex"),
                    _("Respondents"),
                    _("Loneliness score"),
                    _("Knows three or more neighbours by name"),
                    _("Could ask a neighbour for help"),
                ],
                rows=rows or [[_("No survey this year."), None, None, None, None]],
            )
        ],
    )


@register_section
def nieuwe_buren_section(scope: ReportScope) -> Section | None:
    nb = monitoring.nieuwe_buren(scope.actor, year=scope.year, on=scope.on)
    if nb is None:
        return None
    rows: list[list[Value]] = []
    for c in nb.complexes:
        cur = next((y for y in c.years if y.year == scope.year), None)
        if cur is None:
            continue
        rows.append([c.complex.name, cur.departures, cur.replaced, cur.by_good_neighbour, _pct(cur.share)])
    return Section(
        key="nieuwe_buren",
        heading=_("Nieuwe Buren: every departing tenant replaced by one who contributes"),
        text=_(
            "Per complex with the Nieuwe Buren approach: departures in the year, homes let again, and how "
            "many of those went to a good neighbour."
        ),
        tables=[
            Table(
                caption=_("Departures and good neighbours per complex"),
                header=[
                    _("Complex"),
                    _("Departures"),
                    _("Let again"),
                    _("To a good neighbour"),
                    pgettext("report column", "Share"),
                ],
                rows=rows or [[_("No complex with this approach."), None, None, None, None]],
            )
        ],
    )
