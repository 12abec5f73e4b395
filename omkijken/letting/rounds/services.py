"""Writes for allocation rounds: run the engine over selected vacancies, change the proposal (re-
verified against the hard rules), accept it (allocations) or discard it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.accounts.policy import require as _require
from omkijken.engine.allocation import RoundError, allocate, reassign
from omkijken.engine.rules import MissingRule
from omkijken.letting.adverts.models import Advert
from omkijken.letting.rounds.builder import ROUND_ADVERT_STATUSES, build_round
from omkijken.letting.rounds.ids import household_id, pk_of, unit_id
from omkijken.letting.rounds.models import Allocation, Round
from omkijken.portfolio.models import Unit
from omkijken.records import Outcome, upsert
from omkijken.residents.models import Household


def _own_round(actor: User, rnd: Round) -> None:
    if rnd.corporation_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied


def rule_title(rule: int) -> str:
    return {
        1: _(
            "each home goes to at most one household, each household gets at most one home, and only a home it responded to"
        ),
        2: _("the household must be eligible: household size, needs, passend toewijzen and the DAEB limit"),
        3: _("the household must compete in the channel the home goes to"),
        4: _("the agreed mix of the complex, the cap of the section and the care partner's capacity"),
        5: _("priority: no eligible household with more priority that responded may be passed over"),
        6: _("no home may stay empty while a household could take it"),
    }.get(rule, _("the result must be complete and well-formed"))


@transaction.atomic
def round_run(
    *,
    actor: User,
    adverts: Iterable[Advert],
    name: str,
    on: dt.date,
    method: str = "optimal",
    progress: Callable[[int, int, str], None] | None = None,
) -> Round:
    """Build the round from the database, run the engine and keep snapshot and result as a proposal.
    ``progress(step, steps, label)`` hears of each step (the round job shows them)."""
    _require(actor, "run_rounds")
    report = progress or (lambda _done, _total, _label: None)
    adverts = list(adverts)
    if not adverts:
        raise ValidationError({"adverts": _("Select at least one vacancy.")})
    if not name.strip():
        raise ValidationError({"name": _("Give the round a name.")})
    if method not in ("optimal", "greedy"):
        raise ValidationError({"method": _("Unknown method.")})
    corporation = actor.organisation
    for advert in adverts:
        if advert.corporation_id != getattr(corporation, "pk", None):
            raise PermissionDenied
        if advert.status not in ROUND_ADVERT_STATUSES:
            raise ValidationError(
                {"adverts": _("The advert for %(unit)s is not open for a round.") % {"unit": advert.unit}}
            )
    if corporation is None:  # (an actor without organisation has failed the loop above already)
        raise PermissionDenied
    report(1, 3, _("Building the round from the database"))
    snapshot = build_round(corporation=corporation, adverts=adverts, on=on, name=name.strip())
    report(2, 3, _("Allocating %(units)s homes") % {"units": len(snapshot.get("units", []))})
    try:
        result = allocate(snapshot, method=method)
    except (RoundError, MissingRule) as exc:
        raise ValidationError(_("The round could not be run: %(error)s") % {"error": exc}) from exc
    report(3, 3, _("Saving the proposal"))
    rnd = Round.objects.create(
        corporation=corporation,
        name=name.strip(),
        round_date=on,
        method=method,
        snapshot=snapshot,
        result=result,
        created_by=actor,
    )
    rnd.adverts.set(adverts)
    return rnd


def _messages(violations: Sequence[Any], snapshot: dict[str, Any]) -> list[str]:
    unit_ids = [pk_of(v.unit) for v in violations if v.unit]
    household_ids = [pk_of(v.candidate) for v in violations if v.candidate]
    units = Unit.objects.in_bulk(unit_ids)
    households = Household.objects.in_bulk(household_ids)
    out: list[str] = []
    for v in violations:
        unit = units.get(pk_of(v.unit)) if v.unit else None
        household = households.get(pk_of(v.candidate)) if v.candidate else None
        params = {"rule": v.rule, "title": rule_title(v.rule)}
        if unit is None and household is None:
            out.append(_("Rule %(rule)s is broken (%(title)s).") % params)
            continue
        params["unit"] = unit.address if unit else "–"
        params["household"] = household.name if household else "–"
        out.append(_("Rule %(rule)s is broken (%(title)s): %(unit)s, %(household)s.") % params)
    return list(dict.fromkeys(out))


@transaction.atomic
def round_change(*, actor: User, round: Round, assignments: list[tuple[int, int]], reason: str) -> Round:  # noqa: A002
    """Replace the proposal's assignments by ``assignments`` (unit id, household id); units not
    listed stay empty. The engine re-measures the changed allocation (``reassign``: passendheid and
    justification per assignment, explanations, why each empty home is empty, quota, mix and
    objective) and verifies it against the hard rules 1–6; a change that breaks any is refused,
    with every broken rule named, and nothing is saved."""
    _require(actor, "run_rounds")
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    _own_round(actor, rnd)
    if rnd.status != Round.Status.PROPOSED:
        raise ValidationError(
            _("Only a proposal can be changed; this round is %(status)s.")
            % {"status": rnd.get_status_display()}
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    snapshot = rnd.snapshot
    units = {u["id"] for u in snapshot["units"]}
    original = {a["unit"]: a for a in rnd.result.get("assignments", [])}
    changed: list[dict[str, Any]] = []
    for unit_pk, household_pk in assignments:
        uid, cid = unit_id(unit_pk), household_id(household_pk)
        if uid not in units:
            raise ValidationError(_("That home is not part of this round."))
        before = original.get(uid)
        # an unchanged assignment keeps the engine's channel; a new one gets the channel in which
        # the household competes for the home (the engine's reassign decides it)
        channel = before["channel"] if before and before["candidate"] == cid else None
        changed.append({"unit": uid, "candidate": cid, "channel": channel})
    metrics = rnd.result.get("metrics", {})
    try:
        measured = reassign(snapshot, changed, bound=metrics.get("bound"))
    except (RoundError, MissingRule) as exc:
        raise ValidationError(_("The round could not be run: %(error)s") % {"error": exc}) from exc
    if measured.violations:
        raise ValidationError(_messages(measured.violations, snapshot))
    result = measured.result
    for key in ("bounds", "strategy", "tried"):  # how the proposal was found
        if key in metrics:
            result["metrics"].setdefault(key, metrics[key])
    result["metrics"]["proposal_method"] = metrics.get("proposal_method", metrics.get("method"))
    result["changed_from"] = rnd.result.get("changed_from", rnd.result.get("assignments", []))
    rnd.result = result
    rnd.changed = True
    rnd.change_reason = reason if not rnd.change_reason else f"{rnd.change_reason}\n{reason}"
    rnd.save(update_fields=["result", "changed", "change_reason"])
    return rnd


@transaction.atomic
def round_accept(*, actor: User, round: Round) -> list[Allocation]:  # noqa: A002
    """Accept the proposal: one allocation per assignment, and the adverts of the allocated homes
    marked allocated. Refused when one of those adverts is no longer open (e.g. another round took
    it meanwhile)."""
    _require(actor, "run_rounds")
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    _own_round(actor, rnd)
    if rnd.status != Round.Status.PROPOSED:
        raise ValidationError(
            _("This round has already been %(status)s.") % {"status": rnd.get_status_display().lower()}
        )
    assignments = rnd.result.get("assignments", [])
    unit_pks = [pk_of(a["unit"]) for a in assignments]
    adverts = {
        a.unit_id: a for a in Advert.objects.select_for_update().filter(rounds=rnd, unit_id__in=unit_pks)
    }
    closed = [a for a in adverts.values() if a.status not in ROUND_ADVERT_STATUSES]
    if closed or len(adverts) != len(unit_pks):
        raise ValidationError(
            _("Some homes of this round are no longer open for allocation (%(units)s); run a new round.")
            % {"units": ", ".join(str(a.unit_id) for a in closed) or "–"}
        )
    allocations = Allocation.objects.bulk_create(
        [
            Allocation(
                round=rnd,
                advert=adverts[pk_of(a["unit"])],
                unit_id=pk_of(a["unit"]),
                household_id=pk_of(a["candidate"]),
                channel=a["channel"],
                passendheid=a["passendheid"],
                justification=a.get("justification") or "",
            )
            for a in assignments
        ]
    )
    Advert.objects.filter(pk__in=[a.pk for a in adverts.values()]).update(status=Advert.Status.ALLOCATED)
    rnd.status = Round.Status.ACCEPTED
    rnd.accepted_by = actor
    rnd.accepted_at = timezone.now()
    rnd.save(update_fields=["status", "accepted_by", "accepted_at"])
    return allocations


@transaction.atomic
def round_discard(*, actor: User, round: Round) -> None:  # noqa: A002
    _require(actor, "run_rounds")
    rnd = Round.objects.select_for_update().get(pk=round.pk)
    _own_round(actor, rnd)
    if rnd.status != Round.Status.PROPOSED:
        raise ValidationError(_("Only a proposal can be discarded."))
    rnd.status = Round.Status.DISCARDED
    rnd.save(update_fields=["status"])


def round_create_imported(*, actor: User, corporation: Organisation, name: str) -> Round:
    """An accepted round that holds allocations made in another system (VERA toewijzingen)."""
    return Round.objects.create(
        corporation=corporation,
        name=name,
        round_date=timezone.localdate(),
        method="import",
        status=Round.Status.ACCEPTED,
        created_by=actor,
        accepted_by=actor,
        accepted_at=timezone.now(),
    )


def allocation_import_upsert(
    *, allocation: Allocation | None, values: dict[str, Any], made_at: dt.datetime
) -> tuple[Allocation, Outcome]:
    """Create or update an imported allocation, dated when the other system made it."""
    row, outcome = upsert(allocation, Allocation, values)
    if row.created_at != made_at:
        Allocation.objects.filter(pk=row.pk).update(created_at=made_at)
        row.created_at = made_at
        if outcome == "unchanged":  # only the date differed
            outcome = "updated"
    return row, outcome
