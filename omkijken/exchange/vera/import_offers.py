"""Import of VERA aanbiedingen (offers, with their status events) and toewijzingen (allocations,
in their round or in one round made for the file).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.exchange.common import ImportResult, RowError, parse_datetime
from omkijken.exchange.vera.codes import (
    HOUSEHOLD_ROLES,
    X_ADVERT,
    X_ALLOCATION,
    X_CHANNEL,
    X_DECIDED,
    X_OUR_STATUS,
    X_RESPOND_BY,
    X_ROUND,
    X_UNIT,
    X_VIEWING,
)
from omkijken.exchange.vera.reading import Item, advert_from, find_household, find_unit, save_row
from omkijken.letting.channels import Channel
from omkijken.letting.models import Allocation, Offer, Round
from omkijken.letting.offers.services import offer_import_upsert
from omkijken.letting.rounds.services import allocation_import_upsert, round_create_imported
from omkijken.residents.models import Lease


def _offer_status(item: Item) -> str:
    vera = item.get("status", "code")
    ours = item.extras.get(X_OUR_STATUS)
    if ours is not None and ours in Offer.VERA_STATUS and Offer.VERA_STATUS[ours] == vera:
        return str(ours)
    if vera == "AAN":
        return "viewing" if item.extras.get(X_VIEWING) else "offered"
    if vera == "TOE":
        return "accepted"
    if vera == "GEW":
        return "declined"
    if vera == "ING":
        return "withdrawn" if item.get("detailStatus", "code") else "no_response"
    item.error(".status.code", _("unknown offer status %(code)s") % {"code": vera})
    return ""


def import_offers(
    actor: User,
    corporation: Organisation,
    items: list[dict[str, Any]],
    errors: list[RowError],
    result: ImportResult,
    filename: str,
) -> None:
    for index, data in enumerate(items):
        item = Item(data, index, errors)
        unit = find_unit(item, corporation, item.extras.get(X_UNIT), ".extra-attributen." + X_UNIT)
        roles = item.get("relatie", "rollen") or []
        reference = next(
            (r.get("code") for r in roles if (r.get("soort") or {}).get("code") in HOUSEHOLD_ROLES), None
        )
        household = find_household(item, corporation, reference, ".relatie.rollen")
        status = _offer_status(item)
        respond_by = item.extras.get(X_RESPOND_BY)
        if not respond_by:
            item.error(".extra-attributen." + X_RESPOND_BY, _("is missing"))
        advert = None
        if item.get("publicatie"):
            advert = advert_from(
                item,
                corporation,
                item.get("publicatie", "idExtern"),
                item.get("publicatie", "id"),
                ".publicatie",
            )
        if unit is None or household is None or not status or not respond_by:
            continue
        if advert is not None and advert.unit_id != unit.pk:
            item.error(".publicatie", _("the advert is for another unit"))
            continue
        offer = None
        if item.get("idExtern"):
            offer = Offer.objects.filter(corporation=corporation, external_id=item.get("idExtern")).first()
        if offer is None and str(item.get("id") or "").isdigit():
            offer = Offer.objects.filter(
                corporation=corporation, pk=int(item.get("id")), unit=unit, household=household
            ).first()
        allocation = None
        allocation_id = item.extras.get(X_ALLOCATION)
        if allocation_id and allocation_id.isdigit():
            allocation = Allocation.objects.filter(
                pk=int(allocation_id), round__corporation=corporation, unit=unit, household=household
            ).first()
        lease = offer.lease if offer is not None else None
        if status == "accepted" and lease is None:
            lease = (
                Lease.objects.filter(unit=unit, household=household, offer__isnull=True)
                .order_by("-start_date")
                .first()
            )
            if lease is None:
                item.error(
                    ".status",
                    _("an accepted offer needs the lease of this unit and household; none was found"),
                )
                continue
        viewing = item.extras.get(X_VIEWING)
        decided = item.extras.get(X_DECIDED)
        values = {
            "corporation": corporation,
            "unit": unit,
            "household": household,
            "advert": advert,
            "allocation": allocation,
            "status": status,
            "reason_code": item.get("detailStatus", "code") or "",
            "respond_by": dt.date.fromisoformat(respond_by),
            "viewing_at": parse_datetime(viewing) if viewing else None,
            "decided_at": parse_datetime(decided) if decided else None,
            "lease": lease,
            "external_id": item.get("idExtern") or (offer.external_id if offer else ""),
        }
        save_row(
            item, "", functools.partial(offer_import_upsert, actor=actor, offer=offer, values=values), result
        )


def import_allocations(
    actor: User,
    corporation: Organisation,
    items: list[dict[str, Any]],
    errors: list[RowError],
    result: ImportResult,
    filename: str,
) -> None:
    imported_round: Round | None = None
    seen: set[tuple[int, int]] = set()
    for index, data in enumerate(items):
        item = Item(data, index, errors)
        unit = find_unit(item, corporation, item.get("eenheid", "idExtern"), ".eenheid.idExtern")
        household = find_household(item, corporation, item.get("kandidaat", "code"), ".kandidaat.code")
        advert = advert_from(
            item, corporation, None, item.extras.get(X_ADVERT), ".extra-attributen." + X_ADVERT
        )
        passendheid = item.need(".passendheidsoort.code", "passendheidsoort", "code")
        when = item.need(".datum", "datum")
        if None in (unit, household, advert, passendheid, when):
            continue
        assert unit is not None and household is not None and advert is not None
        if advert.unit_id != unit.pk:
            item.error(".extra-attributen." + X_ADVERT, _("the advert is for another unit"))
            continue
        round_id = item.extras.get(X_ROUND)
        found_round = (
            Round.objects.filter(corporation=corporation, pk=int(round_id)).first()
            if round_id and round_id.isdigit()
            else None
        )
        if found_round is None:
            if imported_round is None:
                imported_round = round_create_imported(
                    actor=actor,
                    corporation=corporation,
                    name=_("Imported from %(file)s") % {"file": filename[:80]},
                )
            found_round = imported_round
        if (found_round.pk, unit.pk) in seen:
            item.error(".eenheid", _("this unit is allocated twice in the same round"))
            continue
        seen.add((found_round.pk, unit.pk))
        existing = Allocation.objects.filter(round=found_round, unit=unit).first()
        channel = item.extras.get(X_CHANNEL)
        if channel not in Channel.values:
            if item.get("doelgroep", "code") == "ZDR":
                channel = Channel.GOOD_NEIGHBOUR.value
            elif existing is not None:
                channel = existing.channel  # the file does not say: keep what we know
            else:
                channel = Channel.REGULAR.value
        values = {
            "round": found_round,
            "advert": advert,
            "unit": unit,
            "household": household,
            "channel": channel,
            "passendheid": passendheid,
            "justification": item.get("passendheiddetailsoort", "code") or "",
        }
        save_row(
            item,
            "",
            functools.partial(
                allocation_import_upsert, allocation=existing, values=values, made_at=parse_datetime(when)
            ),
            result,
        )
