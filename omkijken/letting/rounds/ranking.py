"""The single-vacancy ranking: every household that responded to one vacancy, ranked in the
vacancy's channels, with why it is or is not eligible, and what the engine would do with it.

The ranking logic here (``channel_of``, ``eligibility_reason``, ``_rank_key``) is to be replaced by
an engine API; it is kept exactly as it was.
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
from omkijken.engine.rules import MissingRule, assess_financial, household_limits, resolve_rules
from omkijken.engine.texts import euro, passed_over_text
from omkijken.letting.adverts.models import Advert
from omkijken.letting.channels import Channel
from omkijken.letting.rounds.builder import build_round, pk_of
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


def channel_of(c: dict[str, Any], unit: dict[str, Any]) -> str | None:
    """The channel in which a candidate competes for a unit (None: in none of its channels)."""
    channels = unit["channels"]
    if c.get("target_group"):
        return Channel.DIRECT if Channel.DIRECT in channels else None
    if Channel.GOOD_NEIGHBOUR in channels and unit["complex"] in c.get("good_neighbour", []):
        return Channel.GOOD_NEIGHBOUR
    if Channel.REGULAR in channels:
        return Channel.REGULAR
    return None


def eligibility_reason(
    snapshot: dict[str, Any], c: dict[str, Any], unit: dict[str, Any]
) -> tuple[str | None, str]:
    """(code, text) why a candidate is not eligible for a unit, or (None, '') when it is (rule 2);
    the texts are the engine's, in the user's language."""
    en = bool(translation.get_language() and translation.get_language().startswith("en"))

    def text(code: str, params: tuple[tuple[str, str], ...]) -> str:
        _rule, nl_text, en_text = passed_over_text(code, params)
        return en_text if en else nl_text

    size = c["household"]["size"]
    lo, hi = unit["household_size"]["min"], unit["household_size"]["max"]
    if not lo <= size <= hi:
        return "SIZE", text("SIZE", (("min", str(lo)), ("max", str(hi)), ("size", str(size))))
    missing = sorted(set(c.get("needs", [])) - set(unit.get("features", [])))
    if missing:
        return "NEEDS", text("NEEDS", (("missing", ", ".join(missing)),))
    year = dt.date.fromisoformat(snapshot["date"]).year
    rules = resolve_rules(year, snapshot.get("rules"))
    income = float(c["household"]["income"])
    try:
        limits = household_limits(rules, size, bool(c["household"].get("senior")), income)
        _pas, exc = assess_financial(income, float(unit["rent"]), limits, rules.get("daeb_rent_limit"))
    except MissingRule:
        return None, ""
    if exc.value == "PASSEND":
        return "PASSEND", text(
            "PASSEND", (("limit", euro(limits.aftopping)), ("rent", euro(float(unit["rent"]))))
        )
    if exc.value == "DAEB":
        return "DAEB", text("DAEB", (("limit", euro(limits.daeb_limit)),))
    return None, ""


def passendheid_of(snapshot: dict[str, Any], c: dict[str, Any], unit: dict[str, Any]) -> str:
    year = dt.date.fromisoformat(snapshot["date"]).year
    rules = resolve_rules(year, snapshot.get("rules"))
    income = float(c["household"]["income"])
    limits = household_limits(rules, c["household"]["size"], bool(c["household"].get("senior")), income)
    pas, _exc = assess_financial(income, float(unit["rent"]), limits, rules.get("daeb_rent_limit"))
    return pas.value


def _rank_key(c: dict[str, Any], channel: str, on: str) -> tuple[Any, ...]:
    if channel == Channel.DIRECT:
        return (c.get("nominated_on") or "9999-12-31", c["id"])
    if channel == Channel.GOOD_NEIGHBOUR:
        return (c.get("registration_date") or "9999-12-31", c["id"])
    urgency = c.get("urgency")
    urgent = bool(urgency and urgency["valid_until"] >= on)
    return (0 if urgent else 1, c.get("registration_date") or "9999-12-31", c["id"])


CHANNEL_ORDER: dict[str, int] = {Channel.DIRECT: 0, Channel.GOOD_NEIGHBOUR: 1, Channel.REGULAR: 2}


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
        keyed = []
        for c in snapshot["candidates"]:
            channel = channel_of(c, unit)
            code, reason = (None, "")
            if channel is None:
                code = "CHANNEL"
                reason = _("Does not compete in this home's channels (%(channels)s).") % {
                    "channels": ", ".join(str(Channel(ch).label) for ch in unit["channels"])
                }
                channel = Channel.DIRECT if c.get("target_group") else Channel.REGULAR
            else:
                code, reason = eligibility_reason(snapshot, c, unit)
            keyed.append((code is None, channel, c, reason))
        keyed.sort(key=lambda k: (not k[0], CHANNEL_ORDER[k[1]], _rank_key(k[2], k[1], snapshot["date"])))
        position = 0
        for eligible, channel, c, reason in keyed:
            household = households.get(pk_of(c["id"]))
            if household is None:
                continue
            if eligible:
                position += 1
            rows.append(
                RankRow(
                    household=household,
                    position=position if eligible else None,
                    channel=channel,
                    eligible=eligible,
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
        key = f"h{row.household.pk}"
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
