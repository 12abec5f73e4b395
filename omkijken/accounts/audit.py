"""The tamper-evident audit trail: recording writes of special-category data, verifying the hash
chains, and the two sanctioned ways to delete events (see migration ``0007``).

Reads are logged by the selectors (``AccessEvent``); writes by the services (``record_write``).
Both tables are append-only on PostgreSQL and each is its own hash chain (``ChainedEvent``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts import chain
from omkijken.accounts.models import AccessEvent, ChainedEvent, User, WriteEvent

# The floor the append-only trigger enforces; a corporation's configured retention may only be longer.
RETENTION_FLOOR_YEARS = 5


def snapshot(obj: Model | None, fields: list[str]) -> dict[str, Any] | None:
    """The named fields of a record as JSON-native values (what ``WriteEvent.before/after`` hold)."""
    if obj is None:
        return None
    values = {name: getattr(obj, obj._meta.get_field(name).attname) for name in fields}  # type: ignore[union-attr]
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def record_write(
    *,
    actor: User,
    household: Any,
    record: Model,
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> WriteEvent:
    """One write of special-category data, on the write chain. Call inside the service's transaction."""
    return WriteEvent.objects.create(
        actor=actor,
        actor_role=actor.role or "",
        household_id=household.pk,
        corporation_id=household.corporation_id,
        record=f"{record._meta.model_name}:{record.pk}"[:60],
        action=action,
        before=before,
        after=after,
    )


@dataclass
class ChainReport:
    """The outcome of recomputing one chain: problems are (position, message) pairs."""

    label: str
    count: int = 0
    first_seq: int | None = None
    head_seq: int | None = None
    head_digest: str = chain.GENESIS
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(
    model: type[ChainedEvent], *, now: dt.datetime | None = None, last: int | None = None
) -> ChainReport:
    """Recompute ``model``'s chain in position order. Finds a changed row (its digest no longer
    matches), a removed row (a gap, and the next digest no longer matches) and a reordered row
    (positions swapped: digests no longer match). A chain may begin after position 1 only where the
    sanctioned retention purge removed its start, i.e. its first event is close to the floor.
    ``last``: only the newest ``last`` events, anchored at the first one's stored predecessor (the
    access-log page's bounded check; the console command checks everything)."""
    report = ChainReport(label=str(model._meta.verbose_name_plural))
    events = model._default_manager.order_by("seq")
    if last is not None:
        head = model._default_manager.order_by("-seq").values_list("seq", flat=True).first() or 0
        events = events.filter(seq__gt=head - last)
    prev_seq: int | None = None
    prev = chain.GENESIS
    now = now or timezone.now()
    for event in events.iterator(chunk_size=2000):
        report.count += 1
        if prev_seq is None:
            report.first_seq = event.seq
            if event.seq != 1 and last is None:
                floor = now - dt.timedelta(days=365 * RETENTION_FLOOR_YEARS - 31)
                if event.at > floor:
                    report.problems.append(
                        (
                            event.seq,
                            _("The chain's first events are missing (it begins at #%(seq)d).")
                            % {"seq": event.seq},
                        )
                    )
            if event.seq != 1:
                prev = event.prev_digest  # a purged start (or the window's) cannot be recomputed
        elif event.seq != prev_seq + 1:
            report.problems.append(
                (
                    event.seq,
                    _("Events #%(first)d to #%(last)d are missing.")
                    % {"first": prev_seq + 1, "last": event.seq - 1},
                )
            )
        expected = chain.digest(prev, chain.content_of(event, model.CHAIN_FIELDS))
        if event.prev_digest != prev or event.digest != expected:
            report.problems.append(
                (
                    event.seq,
                    _("Event #%(seq)d was changed, moved or follows a removed event.") % {"seq": event.seq},
                )
            )
        prev_seq, prev = event.seq, event.digest
    report.head_seq = prev_seq
    report.head_digest = prev
    return report


def verify_all() -> list[ChainReport]:
    return [verify_chain(AccessEvent), verify_chain(WriteEvent)]


@contextmanager
def audit_purge(mode: str) -> Iterator[None]:
    """Inside: the append-only trigger lets this transaction delete events. ``retention``: only
    events older than the 5-year floor; ``owner``: any event, only for the tables' owning role
    (the demo reset). Nothing to do on SQLite, which has no trigger."""
    if mode not in {"retention", "owner"}:
        raise ValueError(mode)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('omkijken.audit_purge', %s, true)", [mode])
        yield  # on an error the savepoint's rollback also undoes the setting
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('omkijken.audit_purge', '', true)")


def purge_expired_access_events(*, before: dt.datetime) -> int:
    """Delete access events recorded before ``before`` (which must respect the 5-year floor; the
    trigger refuses younger rows). Returns how many were deleted. For the retention job."""
    with audit_purge("retention"):
        deleted, _per_model = AccessEvent.objects.filter(at__lt=before).delete()
    return deleted
