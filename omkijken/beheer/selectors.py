"""Reads of the building manager's day, scoped to the complexes he manages.

Everything here starts from :func:`managed_complexes`: another complex's home, household or
contact moment answers 404 (the views fetch through these selectors).

The visit schedule for new residents (decided for issue 13; the numbers are settings):

* a **welcome visit** within ``BEHEER_WELCOME_VISIT_DAYS`` (14) days after the lease starts;
* a **follow-up visit** at ``BEHEER_FOLLOW_UP_VISIT_DAYS`` (91, about three months);
* a resident is "new" for ``BEHEER_NEW_RESIDENT_DAYS`` (183, six months) after the lease starts.

A visit counts when a contact moment of that kind (welcome visit, follow-up visit) is recorded for
the household on or after the lease start.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from omkijken.accounts.models import Role, User
from omkijken.accounts.policy import can
from omkijken.beheer.models import ContactKind, ContactMoment
from omkijken.community.activities.models import Activity
from omkijken.community.activities.selectors import occurrences
from omkijken.community.buddies.models import BuddyPair
from omkijken.community.checkins.selectors import missed_check_ins
from omkijken.community.help.selectors import unclaimed_help_requests
from omkijken.letting.models import Advert, KeyHandover, Offer
from omkijken.letting.offers.selectors import key_handovers_for
from omkijken.portfolio.models import Complex, Section, Unit
from omkijken.residents.models import Household, Lease, Person
from omkijken.residents.selectors import buddy_shared, care_partner_contacts_for, current_lease_filter
from omkijken.signals.selectors import open_signals_for

# --- Scope ---------------------------------------------------------------------------------------


def managed_complexes(actor: User) -> QuerySet[Complex]:
    """The complexes a building manager manages (of his own corporation); none for anyone else."""
    if actor.role != Role.BUILDING_MANAGER or actor.organisation is None:
        return Complex.objects.none()
    return Complex.objects.filter(managers=actor, corporation=actor.organisation).order_by("name", "pk")


def managed_complex(actor: User, pk: int) -> Complex:
    found = managed_complexes(actor).prefetch_related("sections").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def managed_households(actor: User) -> QuerySet[Household]:
    """Households with an open lease (current or starting soon) in one of the actor's complexes."""
    return Household.objects.filter(
        Exists(
            Lease.objects.filter(
                household_id=OuterRef("pk"), unit__complex__in=managed_complexes(actor), end_date__isnull=True
            )
        )
    )


def managed_household(actor: User, pk: int, *, on: dt.date | None = None) -> tuple[Household, Lease]:
    """One household of the actor's complexes with its current lease (404 otherwise)."""
    on = on or timezone.localdate()
    lease = (
        Lease.objects.filter(household_id=pk, unit__complex__in=managed_complexes(actor))
        .filter(end_date__isnull=True)
        .select_related("household", "unit", "unit__complex", "unit__section")
        .order_by("-start_date")
        .first()
    )
    if lease is None:
        raise Http404
    return lease.household, lease


# --- Vandaag ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitDue:
    kind: str  # ContactKind value
    label: str
    due_on: dt.date
    done_on: dt.date | None

    @property
    def overdue(self) -> bool:
        return self.done_on is None and self.due_on < timezone.localdate()


@dataclass(frozen=True)
class NewResident:
    household: Household
    lease: Lease
    main_name: str
    visits: list[VisitDue]

    @property
    def open_visits(self) -> list[VisitDue]:
        return [v for v in self.visits if v.done_on is None]


@dataclass(frozen=True)
class EmptyHome:
    unit: Unit
    status: str
    detail: str


@dataclass
class ComplexDay:
    complex: Complex
    new_residents: list[NewResident] = field(default_factory=list)
    key_handovers: list[KeyHandover] = field(default_factory=list)
    empty_homes: list[EmptyHome] = field(default_factory=list)
    unclaimed_help: list[Any] = field(default_factory=list)
    missed_calls: list[Any] = field(default_factory=list)
    activities: list[tuple[Activity, dt.datetime]] = field(default_factory=list)
    # Filled by the signals room (issue 13 part 1, "open signals by urgency and age"): see
    # ``open_signals_by_complex`` below.
    open_signals: list[Any] = field(default_factory=list)


@dataclass
class Day:
    today: dt.date
    week_start: dt.date
    week_end: dt.date
    complexes: list[ComplexDay]

    def total(self, attr: str) -> int:
        return sum(len(getattr(c, attr)) for c in self.complexes)

    @property
    def total_key_handovers(self) -> int:
        return self.total("key_handovers")

    @property
    def total_empty_homes(self) -> int:
        return self.total("empty_homes")

    @property
    def total_open_signals(self) -> int:
        return self.total("open_signals")

    @property
    def total_network(self) -> int:
        return self.total("unclaimed_help") + self.total("missed_calls")

    @property
    def open_visit_count(self) -> int:
        return sum(len(r.open_visits) for c in self.complexes for r in c.new_residents)


def visit_schedule(start: dt.date) -> list[tuple[str, dt.date]]:
    return [
        (ContactKind.WELCOME_VISIT, start + dt.timedelta(days=settings.BEHEER_WELCOME_VISIT_DAYS)),
        (ContactKind.FOLLOW_UP_VISIT, start + dt.timedelta(days=settings.BEHEER_FOLLOW_UP_VISIT_DAYS)),
    ]


def new_residents(complex_ids: Iterable[int], *, today: dt.date) -> dict[int, list[NewResident]]:
    """Households whose lease started in the last six months (or starts within the week), with
    the visits due; in three queries whatever their number."""
    since = today - dt.timedelta(days=settings.BEHEER_NEW_RESIDENT_DAYS)
    leases = list(
        Lease.objects.filter(
            unit__complex_id__in=list(complex_ids),
            start_date__gte=since,
            start_date__lte=today + dt.timedelta(days=7),
            end_date__isnull=True,
        )
        .select_related("household", "unit", "unit__complex")
        .prefetch_related(
            Prefetch("household__members", queryset=Person.objects.order_by("-is_main_tenant", "pk"))
        )
        .order_by("start_date", "pk")
    )
    done: dict[tuple[int, str], dt.date] = {}
    for household_id, kind, date in ContactMoment.objects.filter(
        household_id__in=[lease.household_id for lease in leases],
        kind__in=[ContactKind.WELCOME_VISIT, ContactKind.FOLLOW_UP_VISIT],
    ).values_list("household_id", "kind", "date"):
        key = (household_id, kind)
        done[key] = min(done.get(key, date), date)
    labels = dict(ContactKind.choices)
    rows: dict[int, list[NewResident]] = defaultdict(list)
    for lease in leases:
        visits = []
        for kind, due_on in visit_schedule(lease.start_date):
            when = done.get((lease.household_id, kind))
            visits.append(
                VisitDue(
                    kind=kind,
                    label=str(labels[kind]),
                    due_on=due_on,
                    done_on=when if when is not None and when >= lease.start_date else None,
                )
            )
        members = list(lease.household.members.all())
        rows[lease.unit.complex_id].append(
            NewResident(
                household=lease.household,
                lease=lease,
                main_name=members[0].full_name if members else lease.household.name,
                visits=visits,
            )
        )
    return rows


def _letting_status(units: list[Unit], *, today: dt.date) -> dict[int, tuple[str, str]]:
    """What letting is doing with each empty home: (status, detail), in three queries."""
    from django.utils.translation import gettext as _

    unit_ids = [u.pk for u in units]
    statuses: dict[int, tuple[str, str]] = {}
    for unit_id, status, ends_on in (
        Advert.objects.filter(unit_id__in=unit_ids, status__in=Advert.OPEN_STATUSES)
        .order_by("unit_id", "-created_at")
        .values_list("unit_id", "status", "ends_on")
    ):
        if unit_id in statuses:
            continue
        if status == Advert.Status.DRAFT:
            statuses[unit_id] = ("advert_draft", _("Advert being prepared"))
        elif status == Advert.Status.PUBLISHED:
            statuses[unit_id] = ("advert_published", _("Advertised until %(date)s") % {"date": ends_on})
        else:
            statuses[unit_id] = ("advert_closed", _("Responses closed, selection under way"))
    for unit_id, status in (
        Offer.objects.filter(unit_id__in=unit_ids, status__in=("offered", "viewing"))
        .order_by("unit_id", "-pk")
        .values_list("unit_id", "status")
    ):
        statuses[unit_id] = ("offer", str(dict(Offer.Status.choices)[status]))
    for unit_id, start in Lease.objects.filter(unit_id__in=unit_ids, start_date__gt=today).values_list(
        "unit_id", "start_date"
    ):
        statuses[unit_id] = (
            "let",
            _("Let; the lease starts on %(date)s") % {"date": start.strftime("%d-%m-%Y")},
        )
    return statuses


def empty_homes(complex_ids: Iterable[int], *, today: dt.date) -> dict[int, list[EmptyHome]]:
    from django.utils.translation import gettext as _

    units = list(
        Unit.objects.filter(complex_id__in=list(complex_ids))
        .exclude(Exists(Lease.objects.filter(current_lease_filter(today), unit_id=OuterRef("pk"))))
        .select_related("section")
        .order_by("street", "house_number", "house_number_suffix")
    )
    statuses = _letting_status(units, today=today)
    rows: dict[int, list[EmptyHome]] = defaultdict(list)
    for unit in units:
        status, detail = statuses.get(unit.pk, ("none", _("Not yet with letting")))
        rows[unit.complex_id].append(EmptyHome(unit=unit, status=status, detail=detail))
    return rows


def week_of(today: dt.date) -> tuple[dt.date, dt.date]:
    start = today - dt.timedelta(days=today.weekday())
    return start, start + dt.timedelta(days=6)


def open_signals_by_complex(actor: User, complex_ids: list[int], *, now: dt.datetime) -> dict[int, list[Any]]:
    """The open signals of these complexes, by complex id, most urgent and oldest first (one query,
    from the signals room's worklist; the template block ``open_signals`` shows them)."""
    wanted = set(complex_ids)
    by_complex: dict[int, list[Any]] = defaultdict(list)
    for signal in open_signals_for(actor):
        if signal.complex_id in wanted:
            by_complex[signal.complex_id].append(signal)
    return dict(by_complex)


def day_for(actor: User, *, now: dt.datetime | None = None) -> Day:
    """Everything on the building manager's "Vandaag" page, per complex he manages."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    week_start, week_end = week_of(today)
    complexes = list(managed_complexes(actor))
    ids = [c.pk for c in complexes]
    by_id = {c.pk: ComplexDay(complex=c) for c in complexes}
    for complex_id, rows in new_residents(ids, today=today).items():
        by_id[complex_id].new_residents = rows
    for complex_id, homes in empty_homes(ids, today=today).items():
        by_id[complex_id].empty_homes = homes
    handovers = key_handovers_for(actor, on=week_start).filter(at__date__lte=week_end)
    for handover in handovers:
        by_id[handover.offer.unit.complex_id].key_handovers.append(handover)
    for help_request in unclaimed_help_requests(actor, now=now):
        if help_request.complex_id in by_id:
            by_id[help_request.complex_id].unclaimed_help.append(help_request)
    for agreement in missed_check_ins(actor, now=now):
        if agreement.complex_id in by_id:
            by_id[agreement.complex_id].missed_calls.append(agreement)
    after = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    before = timezone.make_aware(dt.datetime.combine(week_end + dt.timedelta(days=1), dt.time.min))
    for activity in Activity.objects.filter(complex_id__in=ids, cancelled=False, starts_at__lt=before):
        for when in occurrences(activity, after=after, before=before):
            by_id[activity.complex_id].activities.append((activity, when))
    for complex_day in by_id.values():
        complex_day.activities.sort(key=lambda row: row[1])
    for complex_id, signals in open_signals_by_complex(actor, ids, now=now).items():
        by_id[complex_id].open_signals = list(signals)
    return Day(today=today, week_start=week_start, week_end=week_end, complexes=list(by_id.values()))


# --- Contact moments -----------------------------------------------------------------------------


def contact_moments_for(actor: User) -> QuerySet[ContactMoment]:
    """Contact moments the actor may read: those of the complexes he manages (the corporation
    staff of that complex). Anyone else sees none."""
    if not can(actor, "record_contact_moments"):
        return ContactMoment.objects.none()
    return (
        ContactMoment.objects.filter(complex__in=managed_complexes(actor))
        .select_related("household", "complex", "recorded_by")
        .order_by("-date", "-pk")
    )


# --- Resident overview ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ResidentRow:
    unit: Unit
    lease: Lease | None
    household: Household | None
    members: list[Person]
    contact_person: Person | None
    buddy: str
    care_contact: Any  # residents.selectors.CareContactView | None


@dataclass(frozen=True)
class SectionRows:
    section: Section | None
    rows: list[ResidentRow]


def resident_rows(complex_: Complex, *, on: dt.date) -> list[ResidentRow]:
    """Every home of the complex with who lives there: four queries whatever the size."""
    current = Lease.objects.filter(current_lease_filter(on)).select_related("household")
    units = list(
        complex_.units.select_related("section")
        .prefetch_related(Prefetch("leases", queryset=current, to_attr="current_leases"))
        .order_by("section__name", "street", "house_number", "house_number_suffix")
    )
    household_ids = [u.current_leases[0].household_id for u in units if u.current_leases]  # type: ignore[attr-defined]
    members: dict[int, list[Person]] = defaultdict(list)
    for person in Person.objects.filter(household_id__in=household_ids).order_by(
        "-is_main_tenant", "birth_date"
    ):
        members[person.household_id].append(person)
    rows = []
    for unit in units:
        leases: list[Lease] = unit.current_leases  # type: ignore[attr-defined]
        lease = leases[0] if leases else None
        people = members.get(lease.household_id, []) if lease else []
        reachable = next((p for p in people if p.phone or p.email), None)
        rows.append(
            ResidentRow(
                unit=unit,
                lease=lease,
                household=lease.household if lease else None,
                members=people,
                contact_person=reachable,
                buddy="",
                care_contact=None,
            )
        )
    return rows


def group_by_section(rows: list[ResidentRow]) -> list[SectionRows]:
    groups: dict[int | None, list[ResidentRow]] = defaultdict(list)
    sections: dict[int | None, Section | None] = {}
    for row in rows:
        key = row.unit.section_id
        groups[key].append(row)
        sections[key] = row.unit.section
    return [SectionRows(section=sections[key], rows=groups[key]) for key in groups]


def managed_key_handover(actor: User, pk: int) -> KeyHandover:
    """A key handover of a home in one of the actor's complexes (404 otherwise)."""
    found = (
        KeyHandover.objects.filter(
            pk=pk, offer__corporation=actor.organisation, offer__unit__complex__in=managed_complexes(actor)
        )
        .select_related(
            "offer", "offer__unit", "offer__unit__complex", "offer__household", "offer__lease", "completed_by"
        )
        .first()
    )
    if found is None:
        raise Http404
    return found


def resident_overview(actor: User, complex_: Complex, *, on: dt.date) -> list[ResidentRow]:
    """The resident overview of one of the actor's complexes: who lives where and since when,
    household size, how to reach them; their buddy if the resident chose to share that; their
    care-partner contact only with the resident's consent (each contact shown is an access
    event, written by ``residents.selectors.care_partner_contacts_for``). Constant queries."""
    rows = resident_rows(complex_, on=on)
    households = [row.household for row in rows if row.household is not None]
    contacts = care_partner_contacts_for(actor, households, view="beheer_residents", on=on)
    sharing = buddy_shared(h.pk for h in households)
    seekers = {p.pk: p.household_id for row in rows for p in row.members if p.household_id in sharing}
    buddies: dict[int, str] = {}
    for pair in BuddyPair.objects.filter(
        status=BuddyPair.Status.ACTIVE, seeker_id__in=list(seekers)
    ).select_related("neighbour"):
        buddies[seekers[pair.seeker_id]] = pair.neighbour.full_name
    return [
        replace(
            row,
            buddy=buddies.get(row.household.pk, "") if row.household else "",
            care_contact=contacts.get(row.household.pk) if row.household else None,
        )
        for row in rows
    ]
