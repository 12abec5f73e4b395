"""The deterministic demo world of Omkijken: Woonhaven in the fictional district Overvliet.

The demo is built per context, by an ordered list of steps:

1. the world, planned and then written in one transaction by :func:`build_demo`: accounts
   (organisations, the cast's logins), portfolio (neighbourhoods, complexes, sections, homes),
   residents (households, persons, leases, target-group statuses), projects, quotas. Each of
   these apps has a ``demo`` module with a ``plan_*`` function that draws unsaved rows into the
   shared :class:`~omkijken.demo.plan.DemoPlan` (no database: tests count what the full demo
   would hold with :func:`plan_demo`) and a ``write_*`` function that bulk-inserts them;
2. the layers built on the written world, each from the same seed: the neighbour network
   (community), the intake side of letting, then letting itself.

``build_demo(size=..., seed=..., today=...)`` gives the same rows for the same arguments. Nothing
depends on the wall clock except ``today`` (``timezone.localdate()`` when not given); creation
timestamps are set from it too.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from omkijken.accounts.audit import audit_purge
from omkijken.accounts.demo import demo_organisation_names, plan_accounts, write_accounts
from omkijken.accounts.models import AccessEvent, Membership, Organisation, User, WriteEvent
from omkijken.demo.personas import CORPORATION, EXTRA_STAFF, PERSONAS
from omkijken.demo.plan import DEFAULT_SEED, DemoPlan
from omkijken.exchange.models import ImportBatch
from omkijken.portfolio.demo import plan_portfolio, write_portfolio
from omkijken.portfolio.demo_data import DEMO_NEIGHBOURHOOD_CODES
from omkijken.portfolio.models import Complex, Neighbourhood, Unit
from omkijken.projects.demo import plan_projects, write_projects
from omkijken.projects.models import CarePartnerAgreement, Project
from omkijken.quotas.demo import plan_quotas, write_quotas
from omkijken.quotas.models import Quota
from omkijken.residents.demo import plan_residents, write_residents
from omkijken.residents.models import Household, Lease, TargetGroupStatus


@dataclass(frozen=True)
class WorldStep:
    """One context's part of the world: ``plan`` draws into the shared plan, ``write`` inserts it."""

    name: str
    plan: Callable[[DemoPlan], None]
    write: Callable[[DemoPlan], None]


@dataclass(frozen=True)
class Layer:
    """A context's demo built on the written world, called as ``build(seed=...)``."""

    name: str
    build: str  # dotted path, imported when it runs


# The order is part of the data: the steps draw from one random stream in this order.
WORLD_STEPS: tuple[WorldStep, ...] = (
    WorldStep("accounts", plan_accounts, write_accounts),
    WorldStep("portfolio", plan_portfolio, write_portfolio),
    WorldStep("residents", plan_residents, write_residents),
    WorldStep("projects", plan_projects, write_projects),
    WorldStep("quotas", plan_quotas, write_quotas),
)
LAYERS: tuple[Layer, ...] = (
    # The neighbour network: profiles, buddies, help, activities, fund.
    Layer("community", "omkijken.community.demo.build_community_demo"),
    # Signals: a week of worries in Vliethof and De Brug, one escalated.
    Layer("signals", "omkijken.signals.demo.build_signals_demo"),
    # The intake side of letting: questionnaire, applicant persona, applications, nominations.
    Layer("letting intake", "omkijken.letting.demo.build_intake_demo"),
    # Letting: adverts, home seekers and rounds.
    Layer("letting", "omkijken.letting.demo.build_letting_demo"),
    # The projects' work: location plan, evaluations, announcements (no random draws).
    Layer("project work", "omkijken.projects.demo_work.build_project_work_demo"),
    # The building manager's week: visits to new residents, contact moments, key handovers.
    Layer("beheer", "omkijken.beheer.demo.build_beheer_demo"),
    # Three years of former tenancies behind today's leases (turnover, realisation, forecast).
    Layer("lease history", "omkijken.residents.demo_history.build_lease_history"),
    # Monitoring: the 3-in-10 target, 36 monthly mix snapshots, surveys, Leefbaarometer, Nieuwe Buren.
    Layer("monitoring", "omkijken.monitoring.demo.build_monitoring_demo"),
    # Privacy: the resident's request for his data, for the privacy officer to answer.
    Layer("privacy", "omkijken.privacy.demo.build_privacy_demo"),
)
# The apps whose rows the demo loads, counted for the summary.
DEMO_APPS = (
    "accounts",
    "portfolio",
    "residents",
    "projects",
    "quotas",
    "community",
    "letting",
    "beheer",
    "monitoring",
)


@dataclass(frozen=True)
class DemoSummary:
    size: str
    seed: int
    today: dt.date
    counts: dict[str, int]  # rows per model label (``app_label.ModelName``)
    elapsed: float  # seconds

    @property
    def occupancy(self) -> float:
        units = self.counts.get("portfolio.Unit", 0)
        return self.counts.get("residents.Lease", 0) / units if units else 0.0


def plan_demo(*, size: str = "full", seed: int = DEFAULT_SEED, today: dt.date | None = None) -> DemoPlan:
    """Draw the demo world into unsaved model instances (no database access)."""
    plan = DemoPlan(today=today or timezone.localdate(), size=size, seed=seed)
    for step in WORLD_STEPS:
        step.plan(plan)
    return plan


def demo_exists() -> bool:
    return Organisation.objects.filter(name=CORPORATION).exists()


def build_demo(*, size: str = "full", seed: int = DEFAULT_SEED, today: dt.date | None = None) -> DemoSummary:
    """Build the demo world (without the layers) in one transaction and return what was created.

    Fails (IntegrityError, nothing written) if the demo organisations already exist: call
    :func:`delete_demo` first.
    """
    started = time.perf_counter()
    plan = plan_demo(size=size, seed=seed, today=today)
    with transaction.atomic():
        for step in WORLD_STEPS:
            step.write(plan)
    return DemoSummary(
        size=size, seed=seed, today=plan.today, counts=plan.counts(), elapsed=time.perf_counter() - started
    )


def build_everything(*, size: str = "full", seed: int = DEFAULT_SEED) -> DemoSummary:
    """Every step in order: the world, then each layer. The counts are the world's plan plus the
    rows each layer added, counted from the models of the demo's apps."""
    started = time.perf_counter()
    world = build_demo(size=size, seed=seed)
    before = _row_counts()
    for layer in LAYERS:
        import_string(layer.build)(seed=seed)
    counts = dict(world.counts)
    for label, rows in _row_counts().items():
        added = rows - before.get(label, 0)
        if added > 0:
            counts[label] = counts.get(label, 0) + added
    return DemoSummary(
        size=size, seed=seed, today=world.today, counts=counts, elapsed=time.perf_counter() - started
    )


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for label in DEMO_APPS
        for model in apps.get_app_config(label).get_models()
    }


def delete_demo() -> dict[str, int]:
    """Delete the demo world in dependency order: everything of the demo organisations and the demo
    users. Returns rows deleted per model label. Raises ProtectedError if rows outside the demo
    (in tables this module does not know) still point at demo data; then flush the database."""
    deleted: dict[str, int] = {}

    def tally(result: tuple[int, dict[str, int]]) -> None:
        for label, count in result[1].items():
            deleted[label] = deleted.get(label, 0) + count

    with transaction.atomic():
        # Letting rows (adverts, intake, nominations, rounds, offers) point at demo units and
        # households with protected keys: they go first.
        from omkijken.letting.demo import delete_letting_demo

        delete_letting_demo()
        orgs = list(Organisation.objects.filter(name__in=demo_organisation_names()))
        corporations = [o for o in orgs if o.kind == Organisation.Kind.CORPORATION]
        # Receipts of imports into the demo corporations (the exchange app's).
        tally(ImportBatch.objects.filter(corporation__in=corporations).delete())
        # The neighbour network hangs on the demo complexes. Its rows go before the households:
        # deleting a helper's household would first null the helper of a claimed help request,
        # which its check constraint forbids.
        # Signals too (their routings and correction requests go with them).
        for model in [
            *apps.get_app_config("community").get_models(),
            *apps.get_app_config("signals").get_models(),
        ]:
            for key in model._meta.concrete_fields:
                if key.is_relation and key.related_model is Complex:
                    tally(
                        model._default_manager.filter(
                            **{f"{key.name}__corporation__in": corporations}
                        ).delete()
                    )
        usernames = [*PERSONAS, *(s.username for s in EXTRA_STAFF)]
        users = User.objects.filter(
            Q(username__in=usernames)
            | Q(pk__in=Membership.objects.filter(organisation__in=orgs).values("user_id"))
        )
        # The audit trail is append-only; the demo reset is the owner's sanctioned purge.
        with audit_purge("owner"):
            for event_model in (AccessEvent, WriteEvent):
                tally(
                    event_model.objects.filter(
                        Q(corporation__in=corporations)
                        | Q(household__corporation__in=corporations)
                        | Q(actor__in=users)
                    ).delete()
                )
        from omkijken.privacy.demo import delete_privacy_demo

        tally(delete_privacy_demo(corporations))
        tally(Quota.objects.filter(Q(municipality__in=orgs) | Q(corporation__in=orgs)).delete())
        tally(
            CarePartnerAgreement.objects.filter(
                Q(care_partner__in=orgs) | Q(complex__corporation__in=corporations)
            ).delete()
        )
        from omkijken.projects.demo_work import delete_project_work_demo

        tally(delete_project_work_demo(corporations))
        tally(Project.objects.filter(corporation__in=corporations).delete())
        tally(
            Lease.objects.filter(
                Q(household__corporation__in=corporations)
                | Q(unit__complex__corporation__in=corporations)
                | Q(care_partner__in=orgs)
            ).delete()
        )
        tally(
            TargetGroupStatus.objects.filter(
                Q(household__corporation__in=corporations) | Q(care_partner__in=orgs)
            ).delete()
        )
        tally(Household.objects.filter(corporation__in=corporations).delete())
        tally(Unit.objects.filter(complex__corporation__in=corporations).delete())
        tally(Complex.objects.filter(corporation__in=corporations).delete())
        tally(
            Neighbourhood.objects.filter(code__in=DEMO_NEIGHBOURHOOD_CODES, complexes__isnull=True).delete()
        )
        tally(users.delete())
        tally(
            Organisation.objects.filter(pk__in=[o.pk for o in orgs if o.corporation_id is not None]).delete()
        )
        tally(Organisation.objects.filter(pk__in=[o.pk for o in orgs]).delete())
    return deleted
