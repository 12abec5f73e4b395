"""Letting's part of the quota forecast: the households under way to a home.

Registered with ``omkijken.quotas.pipeline`` from the app's ``ready`` (quotas sits below letting
and may not import it). Probabilities come from the corporation's own history where it has one:

* a live offer (offered, viewing) becomes a lease with the share of decided offers of the last
  two years that were accepted (0.6 without history);
* an allocation of a round still proposed, without an offer yet: that share × 0.9 (the round
  may still be discarded);
* an open nomination without a live offer: the share of closed nominations that ended housed
  (0.5 without history) × the part of NOMINATION_WAIT_MONTHS left in the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Count, Q

from omkijken.letting.nominations.models import Nomination
from omkijken.letting.offers.models import Offer
from omkijken.letting.rounds.models import Allocation, Round
from omkijken.quotas.forecast_model import months_between
from omkijken.quotas.pipeline import PipelineEntry
from omkijken.quotas.selectors import NOMINATION_WAIT_MONTHS
from omkijken.residents.models import TargetGroupStatus
from omkijken.residents.selectors import open_status_filter


def _groups(household_ids: set[int], on: dt.date) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    for household_id, group in TargetGroupStatus.objects.filter(
        open_status_filter(on), household_id__in=household_ids
    ).values_list("household_id", "target_group"):
        groups.setdefault(household_id, []).append(group)
    return groups


def letting_pipeline(corporation_ids: Sequence[int], on: dt.date, end: dt.date) -> list[PipelineEntry]:
    since = on - dt.timedelta(days=730)
    decided = Offer.objects.filter(
        corporation_id__in=corporation_ids,
        status__in=["accepted", "declined", "no_response"],
        created_at__date__gte=since,
    ).aggregate(n=Count("id"), accepted=Count("id", filter=Q(status="accepted")))
    accept = decided["accepted"] / decided["n"] if decided["n"] else 0.6
    closed = Nomination.objects.filter(
        corporation_id__in=corporation_ids, status__in=["housed", "withdrawn"]
    ).aggregate(n=Count("id"), housed=Count("id", filter=Q(status="housed")))
    housed = closed["housed"] / closed["n"] if closed["n"] else 0.5
    within = min(1.0, months_between(on, end) / NOMINATION_WAIT_MONTHS)

    raw: list[tuple[int, int, str, float]] = []  # corporation, household, kind, probability
    offered: set[int] = set()
    for corporation_id, household_id in Offer.objects.filter(
        corporation_id__in=corporation_ids, status__in=["offered", "viewing"], lease__isnull=True
    ).values_list("corporation_id", "household_id"):
        raw.append((corporation_id or 0, household_id, "offer", accept))
        offered.add(household_id)
    for round_corporation_id, household_id in (
        Allocation.objects.filter(
            round__corporation_id__in=corporation_ids, round__status=Round.Status.PROPOSED
        )
        .exclude(household_id__in=offered)
        .values_list("round__corporation_id", "household_id")
    ):
        raw.append((round_corporation_id or 0, household_id, "allocation", accept * 0.9))
        offered.add(household_id)
    for corporation_id, household_id in (
        Nomination.objects.filter(corporation_id__in=corporation_ids, status__in=Nomination.OPEN_STATUSES)
        .exclude(household_id__in=offered)
        .values_list("corporation_id", "household_id")
    ):
        raw.append((corporation_id, household_id, "nomination", housed * within))
    groups = _groups({h for _c, h, _k, _p in raw}, on)
    return [
        PipelineEntry(corporation_id, household_id, group, kind, probability)
        for corporation_id, household_id, kind, probability in raw
        for group in groups.get(household_id, ())
    ]
