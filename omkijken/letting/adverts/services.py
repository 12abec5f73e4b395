"""Writes of adverts (VERA *publicaties*) and responses (*reacties*).

When a lease ends in a mixed project, ``propose_channels`` proposes the vacancy's channels from the
project's current mix; the officer confirms or overrides them with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import require as _require
from omkijken.engine.allocation import mix as mix_rule
from omkijken.letting.adverts.models import Advert, Registration, Response
from omkijken.letting.channels import CHANNEL_VALUES, Channel
from omkijken.portfolio.models import Unit
from omkijken.portfolio.selectors import occupancy_by_complex
from omkijken.projects.models import Project
from omkijken.records import BulkUpsert, Outcome, bulk_upsert, upsert
from omkijken.residents.models import Household, Lease, Person

PUBLIC_CHANNELS = (Channel.REGULAR, Channel.GOOD_NEIGHBOUR)
DEFAULT_PERIOD_DAYS = 14
PUBLISHED_LANGUAGE = "nl"  # criteria and reasons are stored as published: in Dutch


def _percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('1'))}%"


def mixed_project_for(unit: Unit) -> Project | None:
    """The mixed-living project the unit's complex belongs to (the oldest, if several)."""
    return (
        Project.objects.filter(complexes=unit.complex_id, target_vulnerable_share__gt=0)
        .order_by("pk")
        .first()
    )


def propose_channels(*, unit: Unit, on: dt.date) -> tuple[list[str], str]:
    """The channels proposed for a vacancy, and why (in Dutch, as stored with the advert).

    Outside a mixed project: regular letting. In a mixed project, from the complex's vulnerable share
    on ``on`` against the project's band: below it, direct mediation (a nominee); above it, good
    neighbour or regular; inside it, direct or good neighbour and the round decides."""
    project = mixed_project_for(unit)
    with translation.override(PUBLISHED_LANGUAGE):
        if project is None:
            return [Channel.REGULAR.value], _("Not part of a mixed-living project: regular letting.")
        occupancy = occupancy_by_complex([unit.complex_id], on=on)[unit.complex_id].total
        share = occupancy.share if occupancy.share is not None else Decimal(0)
        # hard rule 4's count (the engine's one definition): vulnerable households among the
        # households living there, an empty home in neither part
        target = mix_rule.as_fraction(str(project.target_vulnerable_share))
        tolerance = mix_rule.as_fraction(str(project.tolerance))
        below = occupancy.vulnerable < mix_rule.vulnerable_floor(target, tolerance, occupancy.occupied)
        above = occupancy.vulnerable > mix_rule.vulnerable_cap(target, tolerance, occupancy.occupied)
        values = {
            "complex": unit.complex.name,
            "share": _percent(share),
            "target": _percent(project.target_vulnerable_share),
            "tolerance": _percent(project.tolerance),
            "project": project.name,
        }
        if below:
            return [Channel.DIRECT.value], _(
                "%(complex)s has %(share)s vulnerable households, below the target of %(target)s ± %(tolerance)s "
                "of %(project)s: let to a nominated household (direct mediation)."
            ) % values
        if above:
            return [Channel.GOOD_NEIGHBOUR.value, Channel.REGULAR.value], _(
                "%(complex)s has %(share)s vulnerable households, above the target of %(target)s ± %(tolerance)s "
                "of %(project)s: let to a good neighbour, otherwise regular."
            ) % values
        return [Channel.DIRECT.value, Channel.GOOD_NEIGHBOUR.value], _(
            "%(complex)s has %(share)s vulnerable households, within the target of %(target)s ± %(tolerance)s "
            "of %(project)s: direct mediation or good neighbour; the round decides."
        ) % values


def default_criteria(*, unit: Unit, channels: list[str]) -> str:
    """A plain-Dutch text of the selection criteria for the channels, for the officer to edit."""
    with translation.override(PUBLISHED_LANGUAGE):
        lines = [
            _("Household size: %(min)d to %(max)d persons.")
            % {"min": unit.min_household_size, "max": unit.max_household_size},
            _("Net rent: € %(rent)s per month.") % {"rent": unit.net_rent},
        ]
        if unit.daeb_label == Unit.DaebLabel.DAEB:
            lines.append(
                _(
                    "Social rent: your household income must be at or below the DAEB income limit. If your "
                    "income is at or below the passend-toewijzen limit, the rent must suit your household "
                    "(passend toewijzen)."
                )
            )
        if Channel.REGULAR in channels:
            lines.append(
                _("Regular: households with a valid urgency go first, then the earliest registration date.")
            )
        if Channel.GOOD_NEIGHBOUR in channels:
            lines.append(
                _(
                    "Good neighbour: for households approved in the motivation intake for %(complex)s. Two "
                    "assessors score your motivation on the published rubric; then the earliest registration "
                    "date goes first."
                )
                % {"complex": unit.complex.name}
            )
        if Channel.DIRECT in channels:
            lines.append(
                _(
                    "Direct mediation: this home can go to a household nominated by a care partner or the "
                    "municipality; for that part you cannot respond yourself."
                )
            )
        if unit.features:
            labels = {
                "LIFT": _("a lift"),
                "GROUND_FLOOR": _("a ground-floor home"),
                "WHEELCHAIR": _("a wheelchair-accessible home"),
            }
            lines.append(
                _("Households who need %(features)s go first among equals.")
                % {"features": ", ".join(str(labels[f]) for f in unit.features)}
            )
    return "\n".join(str(line) for line in lines)


# --- checks --------------------------------------------------------------------------------------


def _require_own_corporation(actor: User, corporation_id: int) -> None:
    if getattr(actor.organisation, "pk", None) != corporation_id:
        raise PermissionDenied


def unit_is_vacant(unit: Unit, *, on: dt.date) -> bool:
    """Vacant or becoming vacant: no open-ended lease and no lease starting after ``on``."""
    return (
        not Lease.objects.filter(unit=unit).filter(Q(end_date__isnull=True) | Q(start_date__gt=on)).exists()
    )


def _clean_channels(channels: list[str]) -> list[str]:
    cleaned = [c for c in dict.fromkeys(channels) if c in CHANNEL_VALUES]  # order kept, no duplicates
    if not cleaned or set(channels) - set(CHANNEL_VALUES):
        raise ValidationError({"channels": _("Choose at least one channel.")})
    return cleaned


def _validate_advert(
    *,
    channels: list[str],
    proposed: list[str],
    criteria: str,
    starts_on: dt.date,
    ends_on: dt.date,
    override_reason: str,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not criteria.strip():
        errors.setdefault("criteria", []).append(_("Publish the selection criteria: they may not be empty."))
    if ends_on < starts_on:
        errors.setdefault("ends_on", []).append(_("The end of the period must be on or after its start."))
    if set(channels) != set(proposed) and not override_reason.strip():
        errors.setdefault("override_reason", []).append(
            _("You chose other channels than proposed: give the reason for the override.")
        )
    return errors


# --- adverts -------------------------------------------------------------------------------------


@transaction.atomic
def advert_create(
    *,
    actor: User,
    unit: Unit,
    channels: list[str],
    criteria: str,
    starts_on: dt.date,
    ends_on: dt.date,
    override_reason: str = "",
    publish: bool = False,
) -> Advert:
    _require(actor, "manage_adverts")
    unit = Unit.objects.select_related("complex").select_for_update(of=("self",)).get(pk=unit.pk)
    _require_own_corporation(actor, unit.complex.corporation_id)
    channels = _clean_channels(channels)
    proposed, reason = propose_channels(unit=unit, on=starts_on)
    errors = _validate_advert(
        channels=channels,
        proposed=proposed,
        criteria=criteria,
        starts_on=starts_on,
        ends_on=ends_on,
        override_reason=override_reason,
    )
    if not unit_is_vacant(unit, on=starts_on):
        errors.setdefault("__all__", []).append(_("This home is let: it has no lease that ends."))
    if Advert.objects.filter(unit=unit, status__in=Advert.OPEN_STATUSES).exists():
        errors.setdefault("__all__", []).append(_("This home already has an open advert."))
    if errors:
        raise ValidationError(errors)
    advert = Advert.objects.create(
        corporation_id=unit.complex.corporation_id,
        unit=unit,
        channels=channels,
        proposed_channels=proposed,
        proposal_reason=reason[:300],
        override_reason="" if set(channels) == set(proposed) else override_reason.strip()[:300],
        criteria=criteria.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    if publish:
        advert_publish(actor=actor, advert=advert)
    return advert


@transaction.atomic
def advert_update(
    *,
    actor: User,
    advert: Advert,
    channels: list[str],
    criteria: str,
    starts_on: dt.date,
    ends_on: dt.date,
    override_reason: str = "",
) -> Advert:
    """Change a draft advert (a published one is what applicants responded to: withdraw it instead)."""
    _require(actor, "manage_adverts")
    advert = Advert.objects.select_for_update().get(pk=advert.pk)
    _require_own_corporation(actor, advert.corporation_id)
    if advert.status != Advert.Status.DRAFT:
        raise ValidationError(_("Only a draft advert can be changed."))
    channels = _clean_channels(channels)
    errors = _validate_advert(
        channels=channels,
        proposed=advert.proposed_channels,
        criteria=criteria,
        starts_on=starts_on,
        ends_on=ends_on,
        override_reason=override_reason,
    )
    if errors:
        raise ValidationError(errors)
    advert.channels = channels
    advert.criteria = criteria.strip()
    advert.starts_on = starts_on
    advert.ends_on = ends_on
    advert.override_reason = (
        "" if set(channels) == set(advert.proposed_channels) else override_reason.strip()[:300]
    )
    advert.save(update_fields=["channels", "criteria", "starts_on", "ends_on", "override_reason"])
    return advert


def _transition(actor: User, advert: Advert, allowed_from: tuple[str, ...], to: str, message: str) -> Advert:
    _require(actor, "manage_adverts")
    locked = Advert.objects.select_for_update().get(pk=advert.pk)
    _require_own_corporation(actor, locked.corporation_id)
    if locked.status not in allowed_from:
        raise ValidationError(message)
    locked.status = to
    locked.save(update_fields=["status"])
    advert.status = to
    return locked


@transaction.atomic
def advert_publish(*, actor: User, advert: Advert) -> Advert:
    if advert.ends_on < timezone.localdate():
        raise ValidationError(_("The response period has already ended: change the dates first."))
    return _transition(actor, advert, ("draft",), "published", _("Only a draft advert can be published."))


@transaction.atomic
def advert_close(*, actor: User, advert: Advert) -> Advert:
    return _transition(
        actor, advert, ("published",), "closed", _("Only a published advert can be closed for responses.")
    )


@transaction.atomic
def advert_withdraw(*, actor: User, advert: Advert) -> Advert:
    return _transition(
        actor,
        advert,
        Advert.OPEN_STATUSES,
        "withdrawn",
        _("This advert is no longer open: it cannot be withdrawn."),
    )


@transaction.atomic
def on_lease_ended(*, actor: User, lease: Lease, on: dt.date | None = None) -> Advert:
    """The lease ends (today, unless it already has an end date): create the draft advert for the
    vacancy with the proposed channels and the default criteria."""
    _require(actor, "manage_adverts")
    lease = (
        Lease.objects.select_related("unit", "unit__complex").select_for_update(of=("self",)).get(pk=lease.pk)
    )
    _require_own_corporation(actor, lease.unit.complex.corporation_id)
    today = on or timezone.localdate()
    if lease.end_date is None:
        lease.end_date = max(today, lease.start_date)
        lease.save(update_fields=["end_date"])
    vacant_from = lease.end_date + dt.timedelta(days=1)
    starts_on = max(today, vacant_from - dt.timedelta(days=DEFAULT_PERIOD_DAYS))
    proposed, _reason = propose_channels(unit=lease.unit, on=vacant_from)
    return advert_create(
        actor=actor,
        unit=lease.unit,
        channels=proposed,
        criteria=default_criteria(unit=lease.unit, channels=proposed),
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=DEFAULT_PERIOD_DAYS),
    )


# --- responses -----------------------------------------------------------------------------------


def own_household(actor: User) -> Household | None:
    person = Person.objects.filter(user=actor).select_related("household").first()
    return person.household if person else None


def _renumber(household: Household) -> None:
    live = Response.objects.filter(household=household, withdrawn=False).order_by("preference", "pk")
    for position, response in enumerate(live, start=1):
        if response.preference != position:
            Response.objects.filter(pk=response.pk).update(preference=position)


def _require_own_household(actor: User, household: Household) -> None:
    _require(actor, "apply_for_homes")
    own = own_household(actor)
    if own is None or own.pk != household.pk:
        raise PermissionDenied


def _require_open_for_responses(advert: Advert, on: dt.date) -> None:
    if advert.status != Advert.Status.PUBLISHED or not (advert.starts_on <= on <= advert.ends_on):
        raise ValidationError(_("This advert is not open for responses."))


@transaction.atomic
def response_create(
    *, actor: User, advert: Advert, household: Household, preference: int | None = None
) -> Response:
    _require_own_household(actor, household)
    household = Household.objects.select_for_update().get(pk=household.pk)
    advert = Advert.objects.get(pk=advert.pk)
    today = timezone.localdate()
    if advert.corporation_id != household.corporation_id:
        raise ValidationError(_("This advert is not open for responses."))
    _require_open_for_responses(advert, today)
    if not any(c in advert.channels for c in PUBLIC_CHANNELS):
        raise ValidationError(
            _("This home is let by direct mediation only: a care partner nominates the household.")
        )
    if not Registration.objects.filter(household=household, status=Registration.Status.ACTIVE).exists():
        raise ValidationError(_("You need an active registration as a home seeker to respond."))
    existing = Response.objects.filter(advert=advert, household=household).first()
    if existing is not None and not existing.withdrawn:
        raise ValidationError(_("You have already responded to this home."))
    last = (
        Response.objects.filter(household=household, withdrawn=False).aggregate(m=Max("preference"))["m"] or 0
    )
    position = last + 1 if preference is None else max(1, min(preference, last + 1))
    Response.objects.filter(household=household, withdrawn=False, preference__gte=position).update(
        preference=F("preference") + 1
    )
    if existing is not None:
        existing.withdrawn = False
        existing.preference = position
        existing.save(update_fields=["withdrawn", "preference"])
        response = existing
    else:
        response = Response.objects.create(advert=advert, household=household, preference=position)
    _renumber(household)
    response.refresh_from_db()
    return response


@transaction.atomic
def response_withdraw(*, actor: User, response: Response) -> Response:
    response = Response.objects.select_related("advert", "household").get(pk=response.pk)
    _require_own_household(actor, response.household)
    Household.objects.select_for_update().get(pk=response.household_id)
    if response.withdrawn:
        raise ValidationError(_("You have already withdrawn this response."))
    if response.advert.status != Advert.Status.PUBLISHED:
        raise ValidationError(_("The advert is closed: your response can no longer be changed."))
    response.withdrawn = True
    response.save(update_fields=["withdrawn"])
    _renumber(response.household)
    return response


@transaction.atomic
def response_move(*, actor: User, response: Response, up: bool) -> Response:
    """Move a response one place up or down in the household's order of preference."""
    response = Response.objects.select_related("advert", "household").get(pk=response.pk)
    _require_own_household(actor, response.household)
    Household.objects.select_for_update().get(pk=response.household_id)
    if response.withdrawn or response.advert.status != Advert.Status.PUBLISHED:
        raise ValidationError(_("The advert is closed: your response can no longer be changed."))
    live = list(
        Response.objects.filter(household=response.household, withdrawn=False).order_by("preference", "pk")
    )
    index = next(i for i, r in enumerate(live) if r.pk == response.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(live):
        live[index], live[other] = live[other], live[index]
    for position, item in enumerate(live, start=1):
        if item.preference != position:
            Response.objects.filter(pk=item.pk).update(preference=position)
    response.refresh_from_db()
    return response


def registration_upsert(
    *, registration: Registration | None, values: dict[str, Any]
) -> tuple[Registration, Outcome]:
    """Create or update a household's registration as a home seeker from an import, fully validated."""
    return upsert(registration, Registration, values)


@transaction.atomic
def registrations_bulk_upsert(
    *, rows: Iterable[tuple[Registration | None, dict[str, Any], Any]], write: bool = True
) -> BulkUpsert[Registration]:
    """Create or update many registrations as home seekers from an import, checked before any
    is written (see ``omkijken.records.bulk_upsert``)."""
    return bulk_upsert(Registration, rows, write=write)
