"""Reads of signals, already scoped to the actor.

* Corporation staff who handle signals see those of their complexes (a building manager: the ones
  he manages; project leader and admin: the corporation's).
* A care partner sees only the signals routed to it, and every read of one is an access event:
  the routing says the person is its client.
* A reporter sees their own reports with the status only; a resident the signals about themselves
  (kind, date, status and where it was sent), never who reported them or what they wrote.
* The municipality sees counts per kind per neighbourhood, with counts under 5 suppressed and the
  others rounded to 5 (omkijken.quotas.suppression).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from omkijken.accounts.models import AccessEvent, Role, User
from omkijken.accounts.policy import can
from omkijken.portfolio.models import Neighbourhood
from omkijken.portfolio.selectors import complexes_for
from omkijken.quotas.suppression import Cell, protect
from omkijken.signals.kinds import kind_label
from omkijken.signals.models import ArrearsRule, Route, Signal, SignalKind
from omkijken.signals.scope import resident_home

URGENCY_ORDER: dict[str, int] = {"high": 0, "normal": 1, "low": 2}


def _base() -> QuerySet[Signal]:
    return Signal.objects.select_related("kind", "complex", "unit", "person", "owner", "escalated_to")


def signals_for(actor: User) -> QuerySet[Signal]:
    """Signals the actor may open and work on."""
    if can(actor, "handle_signals"):
        return _base().filter(complex__in=complexes_for(actor))
    if can(actor, "view_routed_signals") and actor.organisation is not None:
        routed = Route.objects.filter(
            signal_id=OuterRef("pk"), target=Route.Target.CARE_PARTNER, organisation=actor.organisation
        )
        return _base().filter(Exists(routed))
    return Signal.objects.none()


def open_signals_for(actor: User) -> list[Signal]:
    """Open signals by urgency, then age (oldest first): the building manager's worklist."""
    rows = list(signals_for(actor).exclude(status=Signal.Status.HANDLED))
    rows.sort(key=lambda s: (URGENCY_ORDER.get(s.urgency, 1), s.created_at))
    return rows


def own_reports(actor: User) -> QuerySet[Signal]:
    """What the reporter sees of their own reports: kind, date and status (the template shows no
    more)."""
    return (
        Signal.objects.filter(reporter=actor)
        .select_related("kind")
        .only("pk", "kind", "status", "created_at", "reporter")
    )


def about_me(actor: User) -> QuerySet[Signal]:
    """Signals about the resident or their household (not those they reported themselves)."""
    home = resident_home(actor)
    if home is None:
        return Signal.objects.none()
    return (
        Signal.objects.filter(Q(person=home.person) | Q(household_id=home.person.household_id))
        .select_related("kind")
        .prefetch_related("routes__organisation", "corrections")
        .distinct()
    )


def log_care_reads(actor: User, signals: Iterable[Signal], *, view: str) -> None:
    """One access event per signal whose care-partner routing the actor reads."""
    purpose = (
        AccessEvent.Purpose.CARE_COORDINATION
        if actor.role == Role.CARE_COORDINATOR
        else AccessEvent.Purpose.TENANCY_MANAGEMENT
    )
    AccessEvent.objects.bulk_create(
        [
            AccessEvent(
                actor=actor,
                actor_role=actor.role or "",
                household_id=signal.household_id,
                corporation_id=signal.complex.corporation_id,
                record="signal_care_route",
                view=view,
                purpose=purpose,
            )
            for signal in signals
            if signal.household_id is not None
        ]
    )


def routes_of(actor: User, signal: Signal, *, view: str) -> list[Route]:
    """The routings of a signal the actor opened. A care-partner routing is special-category: its
    read is logged once per page view."""
    routes = list(signal.routes.select_related("organisation", "routed_by"))
    if any(r.target == Route.Target.CARE_PARTNER for r in routes):
        log_care_reads(actor, [signal], view=view)
    return routes


def routed_signals_page(actor: User, signals: list[Signal], *, view: str) -> list[Signal]:
    """A care partner's page of routed signals: each row is a read of a client's record."""
    if actor.role == Role.CARE_COORDINATOR:
        log_care_reads(actor, signals, view=view)
    return signals


def signals_routed_to(actor: User, target: str | None) -> QuerySet[Signal]:
    """The API's ``?routed_to=``: signals routed to a target, within the actor's scope."""
    signals = signals_for(actor)
    if target:
        signals = signals.filter(Exists(Route.objects.filter(signal_id=OuterRef("pk"), target=target)))
    return signals


def kinds() -> QuerySet[SignalKind]:
    return SignalKind.objects.all()


def reportable_kinds() -> QuerySet[SignalKind]:
    return SignalKind.objects.filter(reportable=True)


def arrears_rule_on(on: dt.date) -> ArrearsRule | None:
    return (
        ArrearsRule.objects.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on), valid_from__lte=on)
        .order_by("-valid_from")
        .first()
    )


@dataclass(frozen=True)
class CountRow:
    neighbourhood: Neighbourhood
    cells: list[Cell]


@dataclass(frozen=True)
class SignalCounts:
    kinds: list[tuple[str, str]]
    rows: list[CountRow]
    since: dt.date
    protected: bool = False  # suppressed and rounded (the municipality) or exact (the corporation)


def municipal_counts(
    actor: User, *, since: dt.date | None = None, until: dt.date | None = None
) -> SignalCounts:
    """Signals per kind per neighbourhood since a date (default: the last 12 months), counts under
    the threshold suppressed and the others rounded to 5 per neighbourhood (``quotas.suppression``),
    signals withdrawn as incorrect left out. A municipal officer sees the neighbourhoods of their
    municipality; corporation staff those of their complexes, exactly."""
    since = since or (timezone.localdate() - dt.timedelta(days=365))
    org = actor.organisation
    if org is None or not can(actor, "view_signal_counts"):
        neighbourhoods = Neighbourhood.objects.none()
        signals = Signal.objects.none()
    elif actor.role == Role.MUNICIPAL_OFFICER:
        neighbourhoods = Neighbourhood.objects.filter(municipality_code=org.municipality_code)
        signals = Signal.objects.filter(complex__neighbourhood__in=neighbourhoods)
    else:
        own = complexes_for(actor)
        neighbourhoods = Neighbourhood.objects.filter(pk__in=own.values("neighbourhood_id"))
        signals = Signal.objects.filter(complex__in=own)
    if until is not None:
        signals = signals.filter(created_at__date__lte=until)
    counted = (
        # A signal withdrawn as incorrect (a resident's correction request) is not counted.
        signals.filter(created_at__date__gte=since, withdrawn_at__isnull=True)
        .values("complex__neighbourhood_id", "kind_id")
        .annotate(n=Count("id"))
    )
    by_cell = {(c["complex__neighbourhood_id"], c["kind_id"]): c["n"] for c in counted}
    kind_codes = list(SignalKind.objects.values_list("code", flat=True))
    rows = []
    municipal = actor.role == Role.MUNICIPAL_OFFICER
    for hood in neighbourhoods.order_by("name"):
        cells = protect(
            {code: by_cell.get((hood.pk, code), 0) for code in kind_codes}, for_municipality=municipal
        )
        rows.append(CountRow(neighbourhood=hood, cells=[cells[code] for code in kind_codes]))
    return SignalCounts(
        kinds=[(code, str(kind_label(code))) for code in kind_codes],
        rows=rows,
        since=since,
        protected=municipal,
    )
