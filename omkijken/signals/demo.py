"""The signals of the demo's week in Vliethof and De Brug: open signals of several kinds and ages,
one handled, one routed to the nuisance process, one to repairs, rent arrears to the
municipality's debt help on the legal duty, and one past its response time, escalated to the
team lead; and a signal about ``bewoner``'s home that he asked to correct, withdrawn as incorrect
with the reason he reads on "Mijn signalen". Built after the neighbour network; times are relative
to now."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CORPORATION, MUNICIPALITY
from omkijken.portfolio.models import Complex
from omkijken.residents.models import Lease, Person
from omkijken.residents.selectors import current_lease_filter
from omkijken.signals import selectors
from omkijken.signals import services as signal_services
from omkijken.signals.models import CorrectionRequest, Route, Signal, SignalKind

# complex, kind, hours ago, reported as, reporter username, status, route target
DEMO_SIGNALS: tuple[tuple[str, str, int, str, str, str, str], ...] = (
    ("Vliethof", "not_seen", 3, "resident_neighbour", "buur", "received", ""),
    ("Vliethof", "nuisance", 30, "building_manager", "beheerder", "in_progress", "nuisance"),
    ("Vliethof", "money_worries", 20, "resident_self", "", "received", ""),
    ("Vliethof", "loneliness", 48, "building_manager", "beheerder", "received", ""),
    ("Vliethof", "home_neglect", 96, "building_manager", "beheerder", "handled", ""),
    ("De Brug", "damage", 48, "building_manager", "beheerder", "in_progress", "damage"),
    ("De Brug", "support_need", 10, "care_partner", "zorgpartner", "received", ""),
    ("De Brug", "aggression", 30, "building_manager", "beheerder", "received", ""),
    ("De Brug", "rent_arrears", 72, "erp", "verhuur", "in_progress", "debt_help"),
)

DESCRIPTIONS = {
    "not_seen": "De gordijnen zijn al dagen dicht en de post ligt achter de deur.",
    "nuisance": "Harde muziek na middernacht, meerdere buren klagen.",
    "loneliness": "Zegt bij de lift dat ze niemand meer spreekt.",
    "home_neglect": "Balkon staat vol vuilniszakken.",
    "damage": "Voordeur van het portiek sluit niet meer.",
    "aggression": "Schreeuwde tegen de schoonmaker in de hal.",
    "rent_arrears": "Huurachterstand: € 1.150, 2 maanden.",
}


@transaction.atomic
def build_signals_demo(*, seed: int = 2026) -> None:
    signal_services.kinds_seed()  # reference data from the migration; gone after a test's database flush
    now = timezone.now()
    today = timezone.localdate()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["buur", "beheerder", "zorgpartner", "verhuur"])
    }
    kinds = {k.code: k for k in SignalKind.objects.all()}
    municipality = Organisation.objects.filter(name=MUNICIPALITY).first()
    rule = selectors.arrears_rule_on(today)
    own = set(Person.objects.filter(user__isnull=False).values_list("household_id", flat=True))
    for index, (complex_name, kind, hours, reported_as, username, status, target) in enumerate(DEMO_SIGNALS):
        complex_ = Complex.objects.get(corporation__name=CORPORATION, name=complex_name)
        # a home of the complex that is not a persona's, different per signal
        leases = (
            Lease.objects.filter(current_lease_filter(today), unit__complex=complex_)
            .exclude(household_id__in=own)
            .select_related("unit", "household")
            .order_by("unit__house_number", "pk")
        )
        lease = leases[(index * 7 + seed) % max(1, leases.count())]
        created = now - dt.timedelta(hours=hours)
        person = lease.household.members.order_by("pk").first() if reported_as == "resident_self" else None
        signal = Signal.objects.create(
            complex=complex_,
            unit=lease.unit,
            person=person,
            household=lease.household,
            kind=kinds[kind],
            reporter=users.get(username),
            reported_as=reported_as,
            description=DESCRIPTIONS.get(kind, ""),
            status=status,
            urgency=Signal.Urgency.HIGH if kind in ("aggression", "not_seen") else Signal.Urgency.NORMAL,
            owner=users["beheerder"] if status != "received" else None,
            created_at=created,
            due_at=created + dt.timedelta(hours=kinds[kind].response_hours),
            triaged_at=created + dt.timedelta(hours=2) if status != "received" else None,
            handled_at=created + dt.timedelta(hours=30) if status == "handled" else None,
            handled_by=users["beheerder"] if status == "handled" else None,
            source_key=f"demo:{index}:",
        )
        if target == "debt_help" and municipality is not None and rule is not None:
            Route.objects.create(
                signal=signal,
                target=target,
                organisation=municipality,
                basis=Route.Basis.LEGAL_DUTY,
                basis_reference=rule.legal_reference,
                routed_by=users["verhuur"],
                routed_at=created,
            )
        elif target:
            Route.objects.create(
                signal=signal,
                target=target,
                basis=Route.Basis.OWN_PROCESS,
                routed_by=users["beheerder"],
                routed_at=created + dt.timedelta(hours=2),
            )
    # The aggression signal in De Brug is past its 24 hours: it goes to the team lead.
    signal_services.escalate_overdue(now=now)
    _corrected_signal_about_bewoner(now=now, today=today, beheerder=users.get("beheerder"), kinds=kinds)


def _corrected_signal_about_bewoner(
    *, now: dt.datetime, today: dt.date, beheerder: User | None, kinds: dict[str, SignalKind]
) -> None:
    """Bewoner asked to correct a signal about his home; the building manager withdrew it."""
    person = Person.objects.filter(user__username="bewoner").first()
    lease = (
        Lease.objects.filter(current_lease_filter(today), household_id=person.household_id)
        .select_related("unit")
        .first()
        if person
        else None
    )
    if person is None or lease is None or beheerder is None:
        return
    created = now - dt.timedelta(days=12)
    answered = now - dt.timedelta(days=2)
    signal = Signal.objects.create(
        complex_id=lease.unit.complex_id,
        unit=lease.unit,
        household_id=person.household_id,
        kind=kinds["home_neglect"],
        reporter=beheerder,
        reported_as=Signal.ReportedAs.BUILDING_MANAGER,
        description="Vuilniszakken op de galerij voor de voordeur.",
        status=Signal.Status.HANDLED,
        owner=beheerder,
        created_at=created,
        due_at=created + dt.timedelta(hours=kinds["home_neglect"].response_hours),
        triaged_at=created + dt.timedelta(hours=3),
        handled_at=answered,
        handled_by=beheerder,
        withdrawn_at=answered,
        source_key="demo:correction:",
    )
    CorrectionRequest.objects.create(
        signal=signal,
        person=person,
        text="Die vuilniszakken waren niet van mij, ze stonden voor de deur van de buren.",
        created_at=created + dt.timedelta(days=4),
        outcome=CorrectionRequest.Outcome.WITHDRAWN,
        answer_reason="We hebben het nagekeken: de zakken stonden bij een andere woning. Het signaal is ingetrokken.",
        answered_at=answered,
        answered_by=beheerder,
    )
