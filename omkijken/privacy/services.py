"""Writes of the privacy room: retention policies, legal holds, and the requests of the people in
it (access, rectification, erasure). Every step on a request leaves a ``PrivacyRequestEvent``;
every export of a household's data, which includes its special-category data, an ``AccessEvent``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import AccessEvent, Organisation, User
from omkijken.accounts.policy import can
from omkijken.privacy.export import subject_relations
from omkijken.privacy.holds import erasure_holds, months_after
from omkijken.privacy.models import (
    ACCESS_LOG_MINIMUM_MONTHS,
    LegalHold,
    PrivacyRequest,
    PrivacyRequestEvent,
    RetentionPolicy,
)
from omkijken.residents.models import Household, Person

# Kept by an erasure, with the reason (docs/security.md, "Retention"): the access log has its own
# retention; the request and hold records are the proof that the request was handled; ended leases
# are the rent administration (seven years, art. 52 AWR); offers and allocations are a round's
# outcome that other households' objections rely on.
KEPT_ON_ERASURE = {
    "accounts.AccessEvent",
    "privacy.PrivacyRequest",
    "privacy.LegalHold",
    "residents.Lease",
    "letting.Offer",
    "letting.Allocation",
}
ERASED_NAME = "—"


def _corporation_of(actor: User) -> Organisation:
    org = actor.organisation
    if org is None or org.kind != Organisation.Kind.CORPORATION:
        raise PermissionDenied
    return org


def _require_officer(actor: User, household: Household | None = None) -> Organisation:
    if not can(actor, "handle_privacy"):
        raise PermissionDenied
    corporation = _corporation_of(actor)
    if household is not None and household.corporation_id != corporation.pk:
        raise PermissionDenied
    return corporation


def _event(request: PrivacyRequest, actor: User | None, action: str, **detail: Any) -> PrivacyRequestEvent:
    return PrivacyRequestEvent.objects.create(request=request, actor=actor, action=action, detail=detail)


@transaction.atomic
def retention_policy_set(*, actor: User, valid_from: dt.date, months: dict[str, int]) -> RetentionPolicy:
    """A new version of the actor's corporation's retention periods, from ``valid_from`` on."""
    corporation = _require_officer(actor)
    errors: dict[str, list[str]] = {}
    if months.get("access_log_months", ACCESS_LOG_MINIMUM_MONTHS) < ACCESS_LOG_MINIMUM_MONTHS:
        errors["access_log_months"] = [_("The access log is kept at least five years (60 months).")]
    for name, value in months.items():
        if value < 1 and name not in errors:
            errors[name] = [_("A retention period is at least one month.")]
    if valid_from < timezone.localdate():
        errors["valid_from"] = [_("A new policy cannot start in the past.")]
    if errors:
        raise ValidationError(errors)
    RetentionPolicy.objects.filter(corporation=corporation, valid_from=valid_from).delete()
    return RetentionPolicy.objects.create(
        corporation=corporation, valid_from=valid_from, set_by=actor, **months
    )


@transaction.atomic
def legal_hold_set(*, actor: User, household: Household, reason: str) -> LegalHold:
    corporation = _require_officer(actor, household)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the data must be kept.")]})
    try:
        with transaction.atomic():
            return LegalHold.objects.create(
                corporation=corporation, household=household, reason=reason[:300], set_by=actor
            )
    except IntegrityError as exc:
        raise ValidationError(_("This household already has a running legal hold.")) from exc


@transaction.atomic
def legal_hold_lift(*, actor: User, hold: LegalHold, reason: str) -> LegalHold:
    _require_officer(actor, hold.household)
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.lifted_at is not None:
        raise ValidationError(_("This legal hold has already been lifted."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the hold can be lifted.")]})
    hold.lifted_at, hold.lifted_by, hold.lift_reason = timezone.now(), actor, reason[:300]
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    return hold


def _check_rectification(kind: str, field: str, new_value: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if kind != PrivacyRequest.Kind.RECTIFICATION:
        return errors
    if field not in PrivacyRequest.Field.values:
        errors["field"] = [_("Choose what is wrong.")]
    elif field == PrivacyRequest.Field.BIRTH_DATE:
        try:
            day = dt.date.fromisoformat(new_value.strip())
        except ValueError:
            errors["new_value"] = [_("Write the date of birth as yyyy-mm-dd, e.g. 1980-04-23.")]
        else:
            if day < dt.date(1900, 1, 1) or day > timezone.localdate():
                errors["new_value"] = [_("This date of birth cannot be right.")]
    elif field in {"first_name", "last_name"} and not new_value.strip():
        errors["new_value"] = [_("Write what it should be.")]
    return errors


@transaction.atomic
def privacy_request_create(
    *,
    actor: User,
    household: Household,
    kind: str,
    person: Person | None = None,
    field: str = "",
    new_value: str = "",
    explanation: str = "",
    received_on: dt.date | None = None,
) -> PrivacyRequest:
    """A request, asked by the person on their own page or registered by the privacy officer (a
    letter, a phone call). The deadline is one month after receipt (AVG art. 12(3))."""
    own = can(actor, "request_own_privacy")
    if own:
        mine = Person.objects.filter(user=actor).first()
        if mine is None or mine.household_id != household.pk:
            raise PermissionDenied
        person = person or mine
        received_on = timezone.localdate()
    else:
        _require_officer(actor, household)
        received_on = received_on or timezone.localdate()
    if person is not None and person.household_id != household.pk:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if kind not in PrivacyRequest.Kind.values:
        errors["kind"] = [_("Choose what you ask for.")]
    errors |= _check_rectification(kind, field, new_value)
    if received_on > timezone.localdate():
        errors["received_on"] = [_("A request cannot be received in the future.")]
    if errors:
        raise ValidationError(errors)
    request = PrivacyRequest.objects.create(
        corporation_id=household.corporation_id,
        household=household,
        person=person,
        kind=kind,
        received_on=received_on,
        deadline=months_after(received_on, 1),
        field=field if kind == PrivacyRequest.Kind.RECTIFICATION else "",
        new_value=new_value.strip()[:200] if kind == PrivacyRequest.Kind.RECTIFICATION else "",
        explanation=explanation.strip()[:500],
        requested_by=actor,
    )
    _event(request, actor, PrivacyRequestEvent.Action.RECEIVED, kind=kind)
    return request


def _open(actor: User, request: PrivacyRequest) -> PrivacyRequest:
    _require_officer(actor, request.household)
    request = PrivacyRequest.objects.select_for_update().get(pk=request.pk)
    if request.status not in PrivacyRequest.OPEN_STATUSES:
        raise ValidationError(_("This request has already been decided."))
    return request


@transaction.atomic
def privacy_export_logged(*, actor: User, request: PrivacyRequest, fmt: str) -> None:
    """Record that the officer exported the subject's data: a request step and an access event
    (the export includes the household's special-category data)."""
    _require_officer(actor, request.household)
    if request.kind != PrivacyRequest.Kind.ACCESS:
        raise ValidationError(_("Only an access request is answered with an export."))
    action = (
        PrivacyRequestEvent.Action.EXPORTED_PDF if fmt == "pdf" else PrivacyRequestEvent.Action.EXPORTED_JSON
    )
    _event(request, actor, action)
    AccessEvent.objects.create(
        actor=actor,
        actor_role=actor.role or "",
        household=request.household,
        corporation_id=request.household.corporation_id,
        record="privacy_export",
        view=f"privacy_request_{fmt}",
        purpose=AccessEvent.Purpose.AUDIT,
    )


@transaction.atomic
def privacy_request_refuse(*, actor: User, request: PrivacyRequest, reason: str) -> PrivacyRequest:
    request = _open(actor, request)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the request is refused; the person reads it.")]})
    request.status, request.decision_reason = PrivacyRequest.Status.REFUSED, reason[:500]
    request.decided_by, request.decided_at = actor, timezone.now()
    request.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    _event(request, actor, PrivacyRequestEvent.Action.REFUSED)
    return request


@transaction.atomic
def privacy_request_complete(*, actor: User, request: PrivacyRequest, reason: str = "") -> PrivacyRequest:
    """Complete an access request after its export, or a rectification by making the correction."""
    request = _open(actor, request)
    if request.kind == PrivacyRequest.Kind.ACCESS:
        if not request.events.filter(
            action__in=[PrivacyRequestEvent.Action.EXPORTED_JSON, PrivacyRequestEvent.Action.EXPORTED_PDF]
        ).exists():
            raise ValidationError(_("Export the data first: that is the answer to an access request."))
    elif request.kind == PrivacyRequest.Kind.RECTIFICATION:
        _rectify(actor, request)
    else:
        raise ValidationError(_("An erasure request is completed by erasing."))
    return _completed(actor, request, reason)


def _completed(actor: User, request: PrivacyRequest, reason: str) -> PrivacyRequest:
    request.status, request.decision_reason = PrivacyRequest.Status.COMPLETED, reason.strip()[:500]
    request.decided_by, request.decided_at = actor, timezone.now()
    request.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
    _event(request, actor, PrivacyRequestEvent.Action.COMPLETED)
    return request


def _rectify(actor: User, request: PrivacyRequest) -> None:
    person = request.person
    if person is None:
        raise ValidationError(_("The request names no person to correct."))
    errors = _check_rectification(request.kind, request.field, request.new_value)
    if errors:
        raise ValidationError(errors)
    person = Person.objects.select_for_update().get(pk=person.pk)
    value: Any = request.new_value
    if request.field == PrivacyRequest.Field.BIRTH_DATE:
        value = dt.date.fromisoformat(value)
    setattr(person, request.field, value)
    try:
        person.full_clean(exclude=["household", "user"])
    except ValidationError as exc:
        raise ValidationError({"new_value": exc.messages}) from exc
    person.save(update_fields=[request.field])
    _event(request, actor, PrivacyRequestEvent.Action.RECTIFIED, field=request.field)


@transaction.atomic
def privacy_request_erase(*, actor: User, request: PrivacyRequest) -> list[str]:
    """Erase the household of an erasure request and complete it; or, when a legal hold stops it
    (a running lease, an open objection, a hold set by the officer), erase nothing, log that the
    hold stopped it, and return the reasons (the request stays open)."""
    request = _open(actor, request)
    if request.kind != PrivacyRequest.Kind.ERASURE:
        raise ValidationError(_("Only an erasure request is answered by erasing."))
    household = Household.objects.select_for_update().get(pk=request.household_id)
    reasons = erasure_holds(household.pk, timezone.localdate())
    if reasons:
        _event(request, actor, PrivacyRequestEvent.Action.ERASURE_HELD, holds=len(reasons))
        return reasons
    _erase(actor, request, household)
    _completed(actor, request, "")
    return []


def _erase(actor: User, request: PrivacyRequest, household: Household) -> None:
    deleted: dict[str, int] = {}
    kept: dict[str, int] = {}
    persons = list(household.members.all())
    for relation in subject_relations():
        label = relation.model._meta.label
        if label in KEPT_ON_ERASURE:
            count = _related(relation, household, persons).count()
            if count:
                kept[label] = kept.get(label, 0) + count
            continue
        for row in _related(relation, household, persons):
            try:
                with transaction.atomic():
                    _n, per_model = row.delete()
            except (ProtectedError, RestrictedError):
                kept[label] = kept.get(label, 0) + 1
                continue
            for model_label, n in per_model.items():
                deleted[model_label] = deleted.get(model_label, 0) + n
    for person in persons:
        user = person.user
        person.delete()
        deleted["residents.Person"] = deleted.get("residents.Person", 0) + 1
        if user is not None:
            user.username = f"gewist-{user.pk}"
            user.first_name = user.last_name = user.email = ""
            user.is_active = False
            user.set_unusable_password()
            user.save()
    household.name = ERASED_NAME
    household.save(update_fields=["name"])
    PrivacyRequest.objects.filter(household=household).update(new_value="", explanation="", person=None)
    _event(request, actor, PrivacyRequestEvent.Action.ERASED, deleted=deleted, kept=kept)


def _related(relation: Any, household: Household, persons: list[Person]) -> models.QuerySet[Any]:
    ids = [household.pk] if relation.parent is Household else [p.pk for p in persons]
    return relation.model._default_manager.filter(**{f"{relation.field}__in": ids}).distinct()
