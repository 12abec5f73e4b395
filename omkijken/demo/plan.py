"""The plan the demo's steps share: one random stream, one day, and what earlier steps drew.

Every step of the demo world (accounts, portfolio, residents, projects, quotas; see
:mod:`omkijken.demo.world`) draws from ``plan.rng`` in turn, so the order of the steps and of the
draws inside them decides the data: the same seed and day give the same rows. A step appends
unsaved model instances to the plan's lists and indexes what later steps look up by name
(organisations, users, complexes, sections); writing them is a separate pass.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Model
from django.utils import timezone

from omkijken.accounts.models import Membership, Organisation, User
from omkijken.portfolio.models import Complex, Neighbourhood, Section, Unit
from omkijken.projects.models import (
    CarePartnerAgreement,
    PhaseChange,
    Project,
    WorkingGroup,
    WorkingGroupMember,
)
from omkijken.quotas.models import Quota
from omkijken.residents.models import Household, Lease, Person, TargetGroupStatus

if TYPE_CHECKING:
    from omkijken.portfolio.demo import BuiltComplex

SIZES = ("full", "small")
DEFAULT_SEED = 2026


@dataclass
class DemoPlan:
    """Unsaved model instances in dependency order, plus the many-to-many pairs.

    Besides the rows it carries the shared context of the steps: the random stream, the day, and
    indexes by name of what earlier steps made.
    """

    today: dt.date
    size: str
    seed: int
    organisations: list[Organisation] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    neighbourhoods: list[Neighbourhood] = field(default_factory=list)
    complexes: list[Complex] = field(default_factory=list)
    complex_managers: list[tuple[Complex, User]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    households: list[Household] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    leases: list[Lease] = field(default_factory=list)
    statuses: list[TargetGroupStatus] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    project_complexes: list[tuple[Project, Complex]] = field(default_factory=list)
    phase_changes: list[PhaseChange] = field(default_factory=list)
    working_groups: list[WorkingGroup] = field(default_factory=list)
    working_group_members: list[WorkingGroupMember] = field(default_factory=list)
    agreements: list[CarePartnerAgreement] = field(default_factory=list)
    quotas: list[Quota] = field(default_factory=list)
    # Timestamps of auto_now_add fields, set after insert (id(instance) -> datetime).
    timestamps: dict[int, dt.datetime] = field(default_factory=dict)

    # -- the shared context (not rows) --------------------------------------------------------------
    rng: random.Random = field(init=False, repr=False)
    tz: dt.tzinfo = field(init=False, repr=False)
    organisation_by_name: dict[str, Organisation] = field(default_factory=dict, repr=False)
    user_by_username: dict[str, User] = field(default_factory=dict, repr=False)
    complex_by_name: dict[str, Complex] = field(default_factory=dict, repr=False)
    sections_by_complex: dict[str, dict[str, Section]] = field(default_factory=dict, repr=False)
    # The complexes still to be built, one at a time: the portfolio step sets it and the residents
    # step lets each complex as it comes, so the draws of homes and households interleave.
    pending_complexes: Iterator[BuiltComplex] = field(default_factory=lambda: iter(()), repr=False)

    def __post_init__(self) -> None:
        if self.size not in SIZES:
            raise ValueError(f"size must be one of {SIZES}, not {self.size!r}")
        self.rng = random.Random(self.seed)
        self.tz = timezone.get_default_timezone()

    def counts(self) -> dict[str, int]:
        """Rows per model label (``app_label.ModelName``), through tables included."""
        return {
            "accounts.Organisation": len(self.organisations),
            "accounts.User": len(self.users),
            "accounts.Membership": len(self.memberships),
            "portfolio.Neighbourhood": len(self.neighbourhoods),
            "portfolio.Complex": len(self.complexes),
            "portfolio.Complex_managers": len(self.complex_managers),
            "portfolio.Section": len(self.sections),
            "portfolio.Unit": len(self.units),
            "residents.Household": len(self.households),
            "residents.Person": len(self.persons),
            "residents.Lease": len(self.leases),
            "residents.TargetGroupStatus": len(self.statuses),
            "projects.Project": len(self.projects),
            "projects.Project_complexes": len(self.project_complexes),
            "projects.PhaseChange": len(self.phase_changes),
            "projects.WorkingGroup": len(self.working_groups),
            "projects.WorkingGroupMember": len(self.working_group_members),
            "projects.CarePartnerAgreement": len(self.agreements),
            "quotas.Quota": len(self.quotas),
        }

    # -- helpers of every step ----------------------------------------------------------------------
    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=self.tz)

    def stamp(self, obj: Model, day: dt.date, hour: int = 10) -> None:
        self.timestamps[id(obj)] = self.at(day, hour)

    def days_ago(self, days: int) -> dt.date:
        return self.today - dt.timedelta(days=days)


def add_months(day: dt.date, months: int) -> dt.date:
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L").replace("ı", "i"))
    return "".join(c for c in folded if c.isascii() and c.isalnum()).lower()


def weighted(rng: random.Random, options: Sequence[tuple[Any, int]]) -> Any:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


# --- writing -------------------------------------------------------------------------------------
def bulk(model: type[Model], objs: list[Any]) -> None:
    if objs:
        model.objects.bulk_create(objs, batch_size=2_000)  # type: ignore[attr-defined]


def restamp(model: type[Model], objs: list[Any], field_name: str, timestamps: dict[int, dt.datetime]) -> None:
    """Set auto_now_add fields (which insert overrides with now) from the plan's timestamps."""
    changed = []
    for obj in objs:
        when = timestamps.get(id(obj))
        if when is not None:
            setattr(obj, field_name, when)
            changed.append(obj)
    if changed:
        model.objects.bulk_update(changed, [field_name], batch_size=1_000)  # type: ignore[attr-defined]
