"""The single-vacancy ranking: every household that responded to one vacancy, ranked in the
vacancy's channels, with why it is or is not eligible, and what the engine would do with it.

The order, channels, eligibility and reasons are the engine's (``rank_responders``): this module
only adds the households, the texts in the user's language and what the engine would do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.engine.allocation import RankedResponder, rank_responders
from omkijken.letting.adverts.models import Advert
from omkijken.letting.channels import Channel
from omkijken.letting.rounds.builder import build_round
from omkijken.letting.rounds.ids import household_id, pk_of
from omkijken.letting.rounds.selectors import log_nominee_reads, reason_in_language
from omkijken.residents.models import Household


@dataclass
class RankRow:
    household: Household
    position: int | None  # rank in the unit's channels among eligible households (1 = first)
    channel: str
    eligible: bool
    reason: str
    outcome: str = ""

    @property
    def channel_label(self) -> str:
        return str(Channel(self.channel).label)


@dataclass
class RankView:
    advert: Advert
    rows: list[RankRow]
    winner: Household | None
    winner_channel: str
    unassigned_reason: str
    snapshot: dict[str, Any]

    @property
    def winner_channel_label(self) -> str:
        return str(Channel(self.winner_channel).label) if self.winner_channel else ""


def _in_language(nl: str, en: str) -> str:
    language = translation.get_language()
    return en if language and language.startswith("en") else nl


def ranked_rows(snapshot: dict[str, Any], unit_id: str) -> list[tuple[RankedResponder, str, str]]:
    """The rows of the ranking page for one unit of a round document, in the engine's order
    (:func:`omkijken.engine.allocation.rank_responders`): each with the channel the page shows and
    the reason in the user's language. A household that competes in none of the unit's channels
    is shown in its own side's channel (direct mediation for a nominee, regular otherwise)."""
    candidates = {c["id"]: c for c in snapshot["candidates"]}
    unit = next(u for u in snapshot["units"] if u["id"] == unit_id)
    out: list[tuple[RankedResponder, str, str]] = []
    for r in rank_responders(snapshot, unit_id):
        if r.channel is None:
            channel = Channel.DIRECT if candidates[r.candidate].get("target_group") else Channel.REGULAR
            reason = _("Does not compete in this home's channels (%(channels)s).") % {
                "channels": ", ".join(str(Channel(ch).label) for ch in unit["channels"])
            }
        else:
            channel = Channel(r.channel)
            reason = _in_language(r.reason, r.reason_en)
        out.append((r, str(channel), reason))
    return out


def rank_vacancy(*, actor: User, advert: Advert, on: dt.date) -> RankView:
    """Every household that responded to one vacancy, ranked in the vacancy's channels, each with
    whether it is eligible and why not; and what the engine would do with this vacancy alone."""
    from omkijken.engine.allocation import allocate

    if not can(actor, "view_letting"):
        raise PermissionDenied
    if advert.corporation_id != getattr(actor.organisation, "pk", None):
        raise Http404
    snapshot = build_round(
        corporation=advert.corporation, adverts=[advert], on=on, name=f"advert-{advert.pk}"
    )
    result = (
        allocate(snapshot)
        if snapshot["units"]
        else {"assignments": [], "unassigned_units": [], "explanations": []}
    )
    unit = snapshot["units"][0] if snapshot["units"] else None
    households = Household.objects.in_bulk([pk_of(c["id"]) for c in snapshot["candidates"]])
    rows: list[RankRow] = []
    if unit is not None:
        for r, channel, reason in ranked_rows(snapshot, unit["id"]):
            household = households.get(pk_of(r.candidate))
            if household is None:
                continue
            rows.append(
                RankRow(
                    household=household,
                    position=r.position,
                    channel=channel,
                    eligible=r.eligible,
                    reason=reason,
                )
            )
    winner = None
    winner_channel = ""
    for a in result.get("assignments", []):
        winner = households.get(pk_of(a["candidate"]))
        winner_channel = a["channel"]
    passed = {
        p["candidate"]: reason_in_language(p)
        for e in result.get("explanations", [])
        for p in e["passed_over"]
    }
    for row in rows:
        key = household_id(row.household.pk)
        if winner is not None and row.household.pk == winner.pk:
            row.outcome = _("Would get this home.")
        elif key in passed:
            row.outcome = passed[key]
    unassigned_reason = next((reason_in_language(u) for u in result.get("unassigned_units", [])), "")
    nominees = [
        households[pk_of(c["id"])]
        for c in snapshot["candidates"]
        if c.get("target_group") and pk_of(c["id"]) in households
    ]
    log_nominee_reads(actor, nominees, view="rank_vacancy")
    return RankView(
        advert=advert,
        rows=rows,
        winner=winner,
        winner_channel=winner_channel,
        unassigned_reason=unassigned_reason,
        snapshot=snapshot,
    )
