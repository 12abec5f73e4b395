"""Offers (VERA *aanbiedingen*) and their lifecycle, the lease they lead to and the key handover.

Lifecycle::

    offered ──► viewing ──► accepted (lease + key handover)
       │           │  ▲
       │           └──┘ (viewing moved)
       └──────────►├──► declined (VERA reason, DeclineReason)
                   ├──► no_response
                   └──► withdrawn (VERA reason, WithdrawReason)

Every transition writes an OfferEvent. Two officers acting on one home at once: every write that
touches a home locks rows in ONE order, **the unit first, then the household, then the offer**
(``select_for_update``), so the second officer waits, then sees the first one's result and gets a
clear message. The database constraints (``one_live_offer_per_unit``, ``one_open_lease_per_unit``
and, on PostgreSQL, the exclusion constraint on overlapping leases) back this up; an
IntegrityError is turned into the same kind of message.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.audit import record_write, snapshot
from omkijken.accounts.models import Organisation, User, WriteEvent
from omkijken.accounts.policy import can
from omkijken.letting.adverts.models import Advert, Response
from omkijken.letting.mail import Recipient, send_templated
from omkijken.letting.nominations.models import Nomination
from omkijken.letting.nominations.services import NOMINATION_FIELDS
from omkijken.letting.offers.checks import early_handover_warning
from omkijken.letting.offers.models import DeclineReason, KeyHandover, Offer, OfferEvent, WithdrawReason
from omkijken.letting.rounds.models import Allocation
from omkijken.portfolio.models import Unit
from omkijken.records import Outcome, upsert
from omkijken.residents.models import Household, Lease, LeaseType, TargetGroupStatus
from omkijken.residents.selectors import household_recipient, valid_on
from omkijken.residents.services import TARGET_GROUP_FIELDS

LIVE = (Offer.Status.OFFERED, Offer.Status.VIEWING)
ALLOWED: dict[str, frozenset[str]] = {
    Offer.Status.OFFERED: frozenset({"viewing", "accepted", "declined", "no_response", "withdrawn"}),
    Offer.Status.VIEWING: frozenset({"viewing", "accepted", "declined", "no_response", "withdrawn"}),
}


def _require(actor: User, offer_or_unit_corporation_id: int | None) -> None:
    if not can(actor, "manage_offers"):
        raise PermissionDenied
    if offer_or_unit_corporation_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied


def _lock(unit_id: int, household_id: int, offer_id: int | None = None) -> Offer | None:
    """Lock in the documented order: unit, household, offer."""
    Unit.objects.select_for_update().only("pk").get(pk=unit_id)
    Household.objects.select_for_update().only("pk").get(pk=household_id)
    if offer_id is None:
        return None
    return Offer.objects.select_for_update().get(pk=offer_id)


def _check_transition(offer: Offer, to: str) -> None:
    if to not in ALLOWED.get(offer.status, frozenset()):
        raise ValidationError(
            _("This offer is already %(status)s; it cannot be changed to %(to)s.")
            % {"status": offer.get_status_display().lower(), "to": Offer.Status(to).label.lower()}
        )


def _event(
    offer: Offer, from_status: str, actor: User | None, reason_code: str = "", warning_reason: str = ""
) -> None:
    OfferEvent.objects.create(
        offer=offer,
        from_status=from_status,
        to_status=offer.status,
        reason_code=reason_code,
        warning_reason=warning_reason,
        by=actor,
    )


def _recipient_of(household_id: int) -> list[Recipient]:
    """The household's main person, in their own language (none when nobody has an e-mail)."""
    recipient = household_recipient(Household.objects.get(pk=household_id))
    return [recipient] if recipient.address else []


def _mail_after_commit(offer: Offer, template: str, extra: dict[str, Any] | None = None) -> None:
    offer_id = offer.pk

    def send() -> None:
        fresh = Offer.objects.select_related("unit", "unit__complex", "household", "corporation").get(
            pk=offer_id
        )
        context: dict[str, Any] = {"offer": fresh, "unit": fresh.unit, "household": fresh.household}
        context.update(extra or {})
        handover = KeyHandover.objects.filter(offer=fresh).first()
        if handover:
            context["handover"] = handover
        send_templated(to=_recipient_of(fresh.household_id), template_base=template, context=context)

    transaction.on_commit(send)


def _conflict(exc: IntegrityError) -> ValidationError:
    return ValidationError(
        _(
            "Another letting officer changed this home at the same moment; reload the page and check its offers."
        )
    )


@transaction.atomic
def offer_make(
    *,
    actor: User,
    unit: Unit,
    household: Household,
    respond_by: dt.date,
    allocation: Allocation | None = None,
    advert: Advert | None = None,
) -> Offer:
    """Offer a home to a household: from an accepted allocation, or by hand to a household that
    responded to the home's advert. At most one live offer per home and per household."""
    corporation_id = Unit.objects.filter(pk=unit.pk).values_list("complex__corporation_id", flat=True).first()
    _require(actor, corporation_id)
    if household.corporation_id != corporation_id:
        raise PermissionDenied
    today = timezone.localdate()
    if respond_by < today:
        raise ValidationError({"respond_by": _("The respond-by date cannot be in the past.")})
    if allocation is not None:
        if allocation.unit_id != unit.pk or allocation.household_id != household.pk:
            raise ValidationError(_("This allocation is for another home or household."))
        advert = allocation.advert
    elif advert is not None:
        if advert.unit_id != unit.pk:
            raise ValidationError(_("This advert is for another home."))
        if not Response.objects.filter(advert=advert, household=household, withdrawn=False).exists():
            raise ValidationError(_("This household did not respond to the advert for this home."))
    else:
        raise ValidationError(_("An offer needs an allocation or the advert the household responded to."))
    if advert.status == Advert.Status.WITHDRAWN:
        raise ValidationError(_("The advert for this home has been withdrawn."))

    _lock(unit.pk, household.pk)
    live = Offer.objects.filter(unit=unit, status__in=LIVE).select_related("household").first()
    if live is not None:
        raise ValidationError(
            _("This home already has a live offer (made %(when)s); a second offer is not possible.")
            % {"when": timezone.localtime(live.created_at).strftime("%d-%m-%Y %H:%M")}
        )
    if Lease.objects.filter(unit=unit).filter(Q(end_date__isnull=True) | Q(end_date__gte=today)).exists():
        raise ValidationError(_("This home is let; it cannot be offered."))
    if Offer.objects.filter(household=household, status__in=LIVE).exists():
        raise ValidationError(_("This household already has a live offer for another home."))
    try:
        with transaction.atomic():
            offer = Offer.objects.create(
                corporation_id=corporation_id,
                unit=unit,
                household=household,
                advert=advert,
                allocation=allocation,
                respond_by=respond_by,
                created_by=actor,
            )
    except IntegrityError as exc:
        raise _conflict(exc) from exc
    _event(offer, "", actor)
    _mail_after_commit(offer, "letting/email/offer_made")
    return offer


def _locked_offer(actor: User, offer: Offer) -> Offer:
    _require(actor, offer.corporation_id)
    locked = _lock(offer.unit_id, offer.household_id, offer.pk)
    assert locked is not None
    return locked


@transaction.atomic
def offer_plan_viewing(*, actor: User, offer: Offer, at: dt.datetime) -> Offer:
    locked = _locked_offer(actor, offer)
    _check_transition(locked, Offer.Status.VIEWING)
    if at < timezone.now():
        raise ValidationError({"at": _("The viewing cannot be in the past.")})
    before = locked.status
    locked.status = Offer.Status.VIEWING
    locked.viewing_at = at
    locked.save(update_fields=["status", "viewing_at"])
    _event(locked, before, actor)
    _mail_after_commit(locked, "letting/email/offer_viewing")
    return locked


def _close(offer: Offer, to: str, actor: User, reason_code: str) -> Offer:
    before = offer.status
    offer.status = to
    offer.reason_code = reason_code
    offer.decided_at = timezone.now()
    offer.save(update_fields=["status", "reason_code", "decided_at"])
    _event(offer, before, actor, reason_code)
    return offer


@transaction.atomic
def offer_decline(*, actor: User, offer: Offer, reason_code: str) -> Offer:
    locked = _locked_offer(actor, offer)
    if reason_code not in DeclineReason.values:
        raise ValidationError({"reason_code": _("Choose a reason for declining.")})
    _check_transition(locked, Offer.Status.DECLINED)
    return _close(locked, Offer.Status.DECLINED, actor, reason_code)


@transaction.atomic
def offer_no_response(*, actor: User, offer: Offer) -> Offer:
    locked = _locked_offer(actor, offer)
    _check_transition(locked, Offer.Status.NO_RESPONSE)
    return _close(locked, Offer.Status.NO_RESPONSE, actor, WithdrawReason.REA)


@transaction.atomic
def offer_withdraw(*, actor: User, offer: Offer, reason_code: str) -> Offer:
    locked = _locked_offer(actor, offer)
    if reason_code not in WithdrawReason.values:
        raise ValidationError({"reason_code": _("Choose a reason for withdrawing.")})
    _check_transition(locked, Offer.Status.WITHDRAWN)
    return _close(locked, Offer.Status.WITHDRAWN, actor, reason_code)


def _support_period(start: dt.date, end: dt.date) -> dt.timedelta:
    return max(end - start, dt.timedelta(days=1))


@transaction.atomic
def offer_accept(
    *,
    actor: User,
    offer: Offer,
    start_date: dt.date,
    key_handover_at: dt.datetime,
    lease_type: str | None = None,
    care_partner: Organisation | None = None,
    flip_date: dt.date | None = None,
    key_handover_with: User | None = None,
    warning_reason: str = "",
) -> Offer:
    """The household accepts: the lease starts, other live offers of the household close, the
    nomination (if any) is housed, and the key handover is planned (by default with the complex's
    building manager). For a care partner's nominee the lease is an omklap lease by default: the
    partner is first lessee until the flip date (start + the nomination's support period, or one
    year).

    A key handover dated before the lease starts is refused unless the officer confirms it with
    ``warning_reason``, which the acceptance's offer event keeps."""
    locked = _locked_offer(actor, offer)
    _check_transition(locked, Offer.Status.ACCEPTED)
    unit = Unit.objects.select_related("complex").get(pk=locked.unit_id)
    if key_handover_at < timezone.now():
        raise ValidationError({"key_handover_at": _("The key handover cannot be in the past.")})
    warning = early_handover_warning(start_date=start_date, key_handover_at=key_handover_at)
    warning_reason = warning_reason.strip() if warning else ""
    if warning and not warning_reason:
        raise ValidationError({"key_handover_at": warning})
    nomination = (
        Nomination.objects.select_for_update()
        .filter(
            household_id=locked.household_id,
            corporation_id=locked.corporation_id,
            status__in=Nomination.OPEN_STATUSES,
        )
        .select_related("nominator")
        .first()
    )
    partner_of_nomination = (
        nomination.nominator
        if nomination and nomination.nominator.kind == Organisation.Kind.CARE_PARTNER
        else None
    )
    if lease_type is None:
        lease_type = LeaseType.OMKLAP if partner_of_nomination else LeaseType.REGULAR
    if lease_type not in (LeaseType.REGULAR, LeaseType.OMKLAP, LeaseType.DRIEHOEK):
        raise ValidationError({"lease_type": _("Choose a regular, omklap or driehoek lease.")})
    if lease_type in (LeaseType.OMKLAP, LeaseType.DRIEHOEK):
        care_partner = care_partner or partner_of_nomination
        if care_partner is None or care_partner.kind != Organisation.Kind.CARE_PARTNER:
            raise ValidationError({"care_partner": _("An omklap or driehoek lease needs the care partner.")})
    else:
        care_partner = None
        flip_date = None
    if lease_type == LeaseType.OMKLAP:
        if flip_date is None:
            period = (
                _support_period(nomination.nominated_on, nomination.support_until)
                if nomination and nomination.support_until
                else dt.timedelta(days=365)
            )
            flip_date = start_date + period
        if flip_date <= start_date:
            raise ValidationError({"flip_date": _("The flip date must be after the start of the lease.")})
    elif lease_type == LeaseType.DRIEHOEK:
        flip_date = None

    if (
        Lease.objects.filter(unit_id=unit.pk)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
        .exists()
    ):
        raise ValidationError(_("This home already has a lease from that date; it cannot be let twice."))
    # A household that moves within the corporation (a tenant moving on, a care partner's client
    # leaving a training home): its current lease ends the day before the new one starts, and the
    # vacated home gets a draft advert with the channel its project's mix calls for.
    moving_from = (
        Lease.objects.select_for_update()
        .filter(household_id=locked.household_id, end_date__isnull=True)
        .exclude(unit_id=unit.pk)
        .first()
    )
    if moving_from is not None:
        last_day = start_date - dt.timedelta(days=1)
        if last_day < moving_from.start_date:
            raise ValidationError(
                {
                    "start_date": _(
                        "The household's current lease started on %(date)s; the new lease must start after it."
                    )
                    % {"date": moving_from.start_date.strftime("%d-%m-%Y")}
                }
            )
        moving_from.end_date = last_day
        moving_from.save(update_fields=["end_date"])
    try:
        with transaction.atomic():
            lease = Lease.objects.create(
                unit=unit,
                household_id=locked.household_id,
                lease_type=lease_type,
                care_partner=care_partner,
                start_date=start_date,
                flip_date=flip_date,
                net_rent=unit.net_rent,
            )
            before = locked.status
            locked.status = Offer.Status.ACCEPTED
            locked.lease = lease
            locked.reason_code = ""
            locked.decided_at = timezone.now()
            locked.save(update_fields=["status", "lease", "reason_code", "decided_at"])
    except IntegrityError as exc:
        raise _conflict(exc) from exc
    _event(locked, before, actor, warning_reason=warning_reason)

    for other in (
        Offer.objects.select_for_update()
        .filter(household_id=locked.household_id, status__in=LIVE)
        .exclude(pk=locked.pk)
    ):
        _close(other, Offer.Status.DECLINED, actor, DeclineReason.AND)

    if nomination is not None:
        nomination_before = snapshot(nomination, NOMINATION_FIELDS)
        nomination.status = Nomination.Status.HOUSED
        nomination.closed_on = timezone.localdate()
        nomination.save(update_fields=["status", "closed_on"])
        record_write(
            actor=actor,
            household=nomination.household,
            record=nomination,
            action=WriteEvent.Action.UPDATE,
            before=nomination_before,
            after=snapshot(nomination, NOMINATION_FIELDS),
        )
        if not TargetGroupStatus.objects.filter(
            valid_on(start_date), household_id=locked.household_id
        ).exists():
            status = TargetGroupStatus.objects.create(
                household_id=locked.household_id,
                target_group=nomination.target_group,
                care_partner=partner_of_nomination,
                start_date=start_date,
                consent_reference=nomination.consent_reference,
                recorded_by=actor,
            )
            record_write(
                actor=actor,
                household=nomination.household,
                record=status,
                action=WriteEvent.Action.CREATE,
                before=None,
                after=snapshot(status, TARGET_GROUP_FIELDS),
            )
    if locked.advert_id:
        Advert.objects.filter(pk=locked.advert_id, status__in=Advert.OPEN_STATUSES).update(
            status=Advert.Status.ALLOCATED
        )

    if (
        moving_from is not None
        and not Advert.objects.filter(unit_id=moving_from.unit_id, status__in=Advert.OPEN_STATUSES).exists()
    ):
        from omkijken.letting.adverts.services import on_lease_ended

        on_lease_ended(actor=actor, lease=moving_from)

    with_user = key_handover_with or unit.complex.managers.order_by("pk").first()
    KeyHandover.objects.create(offer=locked, at=key_handover_at, with_user=with_user, place=unit.address)
    _mail_after_commit(locked, "letting/email/offer_accepted")
    return locked


def offer_import_upsert(*, actor: User, offer: Offer | None, values: dict[str, Any]) -> tuple[Offer, Outcome]:
    """Create or update an offer as another system reports it (VERA aanbiedingen); a change of
    status leaves an event row, like every other change of an offer."""
    before = offer.status if offer is not None else ""
    if offer is None:
        values = {**values, "created_by": actor}
    row, outcome = upsert(offer, Offer, values)
    if row.status != before:
        OfferEvent.objects.create(
            offer=row, from_status=before, to_status=row.status, reason_code=row.reason_code, by=actor
        )
    return row, outcome


@transaction.atomic
def key_handover_complete(
    *,
    actor: User,
    handover: KeyHandover,
    keys_handed_over: int,
    meter_electricity: Decimal,
    meter_water: Decimal,
    meter_gas: Decimal | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> KeyHandover:
    """The building manager of the home's complex marks a key handover done, with the meter
    readings and the number of keys handed over. Once done it stays done (a second completion is
    refused, so the readings on record are the ones taken at the door)."""
    if not can(actor, "complete_key_handovers"):
        raise PermissionDenied
    locked = (
        KeyHandover.objects.select_for_update()
        .select_related("offer", "offer__unit", "offer__unit__complex")
        .get(pk=handover.pk)
    )
    unit = locked.offer.unit
    if (
        locked.offer.corporation_id != getattr(actor.organisation, "pk", None)
        or not unit.complex.managers.filter(pk=actor.pk).exists()
    ):
        raise PermissionDenied
    if locked.offer.status != Offer.Status.ACCEPTED:
        raise ValidationError(_("Only the key handover of an accepted offer can be completed."))
    if locked.done:
        raise ValidationError(_("This key handover has already been completed."))
    errors: dict[str, str] = {}
    if keys_handed_over < 1:
        errors["keys_handed_over"] = _("Hand over at least one key.")
    for name, value in (
        ("meter_electricity", meter_electricity),
        ("meter_water", meter_water),
        ("meter_gas", meter_gas),
    ):
        if value is not None and value < 0:
            errors[name] = _("A meter reading cannot be negative.")
    if errors:
        raise ValidationError(errors)
    locked.done = True
    locked.completed_at = now or timezone.now()
    locked.completed_by = actor
    locked.keys_handed_over = keys_handed_over
    locked.meter_electricity = meter_electricity
    locked.meter_gas = meter_gas
    locked.meter_water = meter_water
    locked.completion_note = note.strip()[:300]
    locked.save()
    return locked
