"""Writes of signals: report, raise (neighbour network, ERP), triage, route, handle, escalate, and
the correction requests of residents and their answers.

Keyword-only, atomic, checked against the actor. Bad input raises ``ValidationError`` with a
message in the user's language and writes nothing; an actor outside the scope gets
``PermissionDenied``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.mail import Recipient, language_or_default, send_templated
from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.accounts.policy import can, require
from omkijken.portfolio.models import Complex, Unit
from omkijken.projects.models import CarePartnerAgreement
from omkijken.residents.models import CarePartnerContact, Person, TargetGroupStatus
from omkijken.residents.selectors import household_recipient, open_status_filter
from omkijken.signals import kinds as k
from omkijken.signals import selectors
from omkijken.signals.kinds import kind_label
from omkijken.signals.models import ArrearsRule, CorrectionRequest, Route, Signal, SignalKind
from omkijken.signals.scope import household_in_unit, reportable_complexes, resident_home, unit_of_person

CORPORATION_TARGETS = {Route.Target.NUISANCE, Route.Target.DAMAGE}


@transaction.atomic
def kinds_seed() -> None:
    """The kinds of signal and the arrears rule as migration 0002 seeds them, where they are missing
    (a database emptied by a test flush, or made without that migration). Existing rows, with the
    response times the corporation set, are left as they are."""
    for order, (code, vera_list, vera_code, process, hours, reportable) in enumerate(k.SEED):
        SignalKind.objects.get_or_create(
            code=code,
            defaults={
                "vera_list": vera_list,
                "vera_code": vera_code,
                "process": process,
                "response_hours": hours,
                "reportable": reportable,
                "order": order,
            },
        )
    if not ArrearsRule.objects.exists():
        ArrearsRule.objects.create(
            valid_from=dt.date(2021, 1, 1),
            min_months=Decimal("1.00"),
            legal_reference="Wet gemeentelijke schuldhulpverlening art. 4a; "
            "Besluit gemeentelijke schuldhulpverlening art. 2",
        )


def team_lead_of(complex_: Complex) -> User | None:
    """The team lead a signal escalates to: the corporation's project leader (the first one)."""
    membership = (
        Membership.objects.filter(organisation_id=complex_.corporation_id, role=Role.PROJECT_LEADER)
        .select_related("user")
        .order_by("user_id")
        .first()
    )
    return membership.user if membership else None


def _due(kind: SignalKind, now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(hours=kind.response_hours)


@transaction.atomic
def signal_report(
    *,
    actor: User,
    kind: SignalKind,
    unit: Unit | None = None,
    about_self: bool = False,
    description: str = "",
    now: dt.datetime | None = None,
) -> Signal:
    """Someone reports a worry about a home (or, a resident, about themselves)."""
    require(actor, "report_signals")
    now = now or timezone.now()
    if not kind.reportable:
        raise ValidationError({"kind": _("Choose what you noticed.")})
    home = resident_home(actor)
    person: Person | None = None
    if about_self:
        if home is None:
            raise ValidationError({"unit": _("Only a resident can report about themselves.")})
        unit, person = home.unit, home.person
        reported_as = Signal.ReportedAs.RESIDENT_SELF
    else:
        if unit is None:
            raise ValidationError({"unit": _("Choose the home the signal is about.")})
        if not reportable_complexes(actor).filter(pk=unit.complex_id).exists():
            raise ValidationError({"unit": _("This home is not in a building where you can report signals.")})
        if actor.role == Role.BUILDING_MANAGER:
            reported_as = Signal.ReportedAs.BUILDING_MANAGER
        elif actor.role == Role.CARE_COORDINATOR:
            reported_as = Signal.ReportedAs.CARE_PARTNER
        else:
            reported_as = Signal.ReportedAs.RESIDENT_NEIGHBOUR
    household = person.household if person else household_in_unit(unit)
    return Signal.objects.create(
        complex_id=unit.complex_id,
        unit=unit,
        person=person,
        household=household,
        kind=kind,
        reporter=actor,
        reported_as=reported_as,
        description=description.strip()[:500],
        created_at=now,
        due_at=_due(kind, now),
    )


@transaction.atomic
def signal_raise(
    *,
    actor: User | None,
    kind_code: str,
    complex_: Complex,
    source_key: str,
    person: Person | None = None,
    unit: Unit | None = None,
    reported_as: str = Signal.ReportedAs.NETWORK,
    description: str = "",
    now: dt.datetime,
) -> tuple[Signal, bool]:
    """A signal raised by the system (the neighbour network, an ERP import), once per source."""
    existing = Signal.objects.filter(source_key=source_key).first()
    if existing is not None:
        return existing, False
    kind = SignalKind.objects.get(code=kind_code)
    if unit is None and person is not None:
        unit = unit_of_person(person)
    household = person.household if person else (household_in_unit(unit) if unit else None)
    signal = Signal.objects.create(
        complex=complex_,
        unit=unit,
        person=person,
        household=household,
        kind=kind,
        reporter=actor,
        reported_as=reported_as,
        description=description,
        created_at=now,
        due_at=_due(kind, now),
        source_key=source_key,
    )
    return signal, True


@transaction.atomic
def signals_resolve(*, source_prefix: str, now: dt.datetime) -> int:
    """Close the open system signals of one source (a call made, a help request taken)."""
    return (
        Signal.objects.filter(source_key__startswith=source_prefix)
        .exclude(status=Signal.Status.HANDLED)
        .update(status=Signal.Status.HANDLED, handled_at=now)
    )


def _staff_signal(actor: User, signal: Signal) -> Signal:
    require(actor, "handle_signals")
    locked = selectors.signals_for(actor).select_for_update(of=("self",)).filter(pk=signal.pk).first()
    if locked is None:
        raise PermissionDenied
    return locked


@transaction.atomic
def signal_triage(
    *, actor: User, signal: Signal, urgency: str, owner: User | None, now: dt.datetime | None = None
) -> Signal:
    """The building manager sets urgency and owner; the signal is now in progress."""
    now = now or timezone.now()
    signal = _staff_signal(actor, signal)
    if urgency not in Signal.Urgency.values:
        raise ValidationError({"urgency": _("Choose an urgency.")})
    if owner is not None and not can(owner, "handle_signals"):
        raise ValidationError({"owner": _("Choose a colleague who handles signals.")})
    if owner is not None and owner.organisation != actor.organisation:
        raise ValidationError({"owner": _("Choose a colleague who handles signals.")})
    if signal.status == Signal.Status.HANDLED:
        raise ValidationError(_("This signal is already handled."))
    signal.urgency = urgency
    signal.owner = owner
    signal.triaged_at = signal.triaged_at or now
    signal.status = Signal.Status.IN_PROGRESS
    signal.save(update_fields=["urgency", "owner", "triaged_at", "status"])
    return signal


def _care_partner_of(signal: Signal) -> tuple[Organisation | None, CarePartnerContact | None]:
    """The care partner of the signal's household (its open target-group status, else the contact
    the resident named), and the resident's care-partner contact while their consent is given."""
    if signal.household_id is None:
        return None, None
    contact = (
        CarePartnerContact.objects.filter(
            household_id=signal.household_id,
            consent_given_at__isnull=False,
            consent_withdrawn_at__isnull=True,
        )
        .select_related("care_partner")
        .first()
    )
    status = (
        TargetGroupStatus.objects.filter(
            open_status_filter(timezone.localdate()),
            household_id=signal.household_id,
            care_partner__isnull=False,
        )
        .select_related("care_partner")
        .first()
    )
    partner = status.care_partner if status else (contact.care_partner if contact else None)
    return partner, contact


def municipality_of(complex_: Complex) -> Organisation | None:
    code = complex_.neighbourhood.municipality_code
    return Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY, municipality_code=code).first()


@transaction.atomic
def signal_route(
    *,
    actor: User,
    signal: Signal,
    target: str,
    consent_reference: str = "",
    use_covenant: bool = False,
    now: dt.datetime | None = None,
) -> Route:
    """Send a signal on, recording the basis. A care partner only with the resident's consent or
    under a recorded covenant, the buurtteam only with consent, debt help on the legal duty."""
    now = now or timezone.now()
    signal = _staff_signal(actor, signal)
    consent_reference = consent_reference.strip()
    if signal.status == Signal.Status.HANDLED:
        raise ValidationError(_("This signal is already handled."))
    agreement = None
    organisation = None
    if target in CORPORATION_TARGETS:
        basis, reference = Route.Basis.OWN_PROCESS, ""
    elif target == Route.Target.CARE_PARTNER:
        organisation, contact = _care_partner_of(signal)
        if organisation is None:
            raise ValidationError(
                {"target": _("This signal cannot be sent to a care partner. Choose another route.")}
            )
        if consent_reference:
            basis, reference = Route.Basis.CONSENT, consent_reference
        elif contact is not None and contact.consent_given_at is not None:
            # The resident named this contact and agreed that the building manager may use it.
            given = timezone.localtime(contact.consent_given_at)
            basis = Route.Basis.CONSENT
            reference = _("Consent recorded by the resident on %(date)s") % {"date": f"{given:%d-%m-%Y}"}
        elif use_covenant:
            today = timezone.localdate()
            agreement = (
                CarePartnerAgreement.objects.filter(complex_id=signal.complex_id, care_partner=organisation)
                .filter(start_date__lte=today)
                .exclude(end_date__lt=today)
                .first()
            )
            if agreement is None:
                raise ValidationError(
                    {"consent_reference": _("There is no covenant with this care partner for this building.")}
                )
            basis, reference = Route.Basis.COVENANT, f"{agreement}"
        else:
            raise ValidationError(
                {
                    "consent_reference": _(
                        "Record the resident's consent (when and how it was given) before you send this on."
                    )
                }
            )
        selectors.log_care_reads(actor, [signal], view="signals.route")
    elif target == Route.Target.BUURTTEAM:
        if not consent_reference:
            raise ValidationError(
                {
                    "consent_reference": _(
                        "Record the resident's consent (when and how it was given) before you send this on."
                    )
                }
            )
        basis, reference = Route.Basis.CONSENT, consent_reference
        organisation = municipality_of(signal.complex)
    elif target == Route.Target.DEBT_HELP:
        rule = selectors.arrears_rule_on(timezone.localdate())
        organisation = municipality_of(signal.complex)
        if signal.kind_id != k.RENT_ARREARS or rule is None or organisation is None:
            raise ValidationError(
                {"target": _("Only rent arrears go to the municipality's debt help without consent.")}
            )
        basis, reference = Route.Basis.LEGAL_DUTY, rule.legal_reference
    else:
        raise ValidationError({"target": _("Choose where to send the signal.")})
    route = Route.objects.create(
        signal=signal,
        target=target,
        organisation=organisation,
        basis=basis,
        basis_reference=reference[:200],
        agreement=agreement,
        routed_by=actor,
        routed_at=now,
    )
    if signal.status == Signal.Status.RECEIVED:
        signal.status = Signal.Status.IN_PROGRESS
        signal.triaged_at = signal.triaged_at or now
        signal.save(update_fields=["status", "triaged_at"])
    return route


@transaction.atomic
def signal_handle(*, actor: User, signal: Signal, now: dt.datetime | None = None) -> Signal:
    """Staff of the complex, or the care partner it was routed to, mark the signal handled."""
    now = now or timezone.now()
    if not can(actor, "view_signals"):
        raise PermissionDenied
    locked = selectors.signals_for(actor).select_for_update(of=("self",)).filter(pk=signal.pk).first()
    if locked is None:
        raise PermissionDenied
    if locked.status == Signal.Status.HANDLED:
        raise ValidationError(_("This signal is already handled."))
    locked.status = Signal.Status.HANDLED
    locked.handled_at = now
    locked.handled_by = actor
    locked.save(update_fields=["status", "handled_at", "handled_by"])
    return locked


@transaction.atomic
def escalate_overdue(*, now: dt.datetime) -> int:
    """Every open signal past its response time, not escalated yet, goes to the team lead."""
    overdue = list(
        Signal.objects.select_for_update(of=("self",))
        .filter(due_at__lte=now, escalated_at__isnull=True)
        .exclude(status=Signal.Status.HANDLED)
        .select_related("complex")
    )
    leads: dict[int, User | None] = {}
    for signal in overdue:
        if signal.complex.corporation_id not in leads:
            leads[signal.complex.corporation_id] = team_lead_of(signal.complex)
        signal.escalated_at = now
        signal.escalated_to = leads[signal.complex.corporation_id]
    Signal.objects.bulk_update(overdue, ["escalated_at", "escalated_to"])
    return len(overdue)


@transaction.atomic
def signal_escalate(*, signal: Signal, now: dt.datetime) -> Signal:
    """Escalate one signal now (a second call in a row that reached nobody)."""
    if signal.escalated_at is None:
        signal.escalated_at = now
        signal.escalated_to = team_lead_of(signal.complex)
        signal.urgency = Signal.Urgency.HIGH
        signal.save(update_fields=["escalated_at", "escalated_to", "urgency"])
    return signal


@transaction.atomic
def kind_set_response_time(*, actor: User, kind: SignalKind, hours: int) -> SignalKind:
    require(actor, "set_signal_response_times")
    if hours is None or hours <= 0:
        raise ValidationError({"response_hours": _("The response time must be at least 1 hour.")})
    kind.response_hours = hours
    kind.updated_by = actor
    kind.updated_at = timezone.now()
    kind.save(update_fields=["response_hours", "updated_by", "updated_at"])
    return kind


@transaction.atomic
def correction_request(
    *, actor: User, signal: Signal, text: str, now: dt.datetime | None = None
) -> CorrectionRequest:
    """A resident asks for a signal about them to be corrected."""
    require(actor, "my_signals")
    if not selectors.about_me(actor).filter(pk=signal.pk).exists():
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Say what is not right.")})
    if CorrectionRequest.objects.filter(signal=signal, outcome="").exists():
        raise ValidationError(_("You already asked for a correction of this signal. We will answer you."))
    home = resident_home(actor)
    assert home is not None
    return CorrectionRequest.objects.create(
        signal=signal, person=home.person, text=text[:1000], created_at=now or timezone.now()
    )


def _asker_recipient(person: Person) -> Recipient:
    """The resident who asked, in their own language: their e-mail (or their login's), else their
    household's address (``household_recipient``); empty when there is none (the answer shows on
    their page)."""
    user = person.user
    address = person.email or (user.email if user else "")
    if address:
        return Recipient(address, language_or_default(user.preferred_language if user else None))
    return household_recipient(person.household)


@transaction.atomic
def correction_answer(
    *,
    actor: User,
    correction: CorrectionRequest,
    outcome: str,
    reason: str,
    kind: SignalKind | None = None,
    description: str | None = None,
    now: dt.datetime | None = None,
) -> CorrectionRequest:
    """Staff who handle the signal answer a resident's correction request, always with a reason the
    resident reads. ``corrected``: the kind and/or the description are changed (at least one);
    ``withdrawn``: the signal was incorrect, it is closed and no longer counted; ``refused``: nothing
    changes. The resident is mailed the answer after commit, in their language."""
    now = now or timezone.now()
    signal = _staff_signal(actor, correction.signal)
    locked = (
        CorrectionRequest.objects.select_for_update(of=("self",))
        .select_related("person", "person__user", "person__household")
        .filter(pk=correction.pk, signal=signal)
        .first()
    )
    if locked is None:
        raise PermissionDenied
    if not locked.is_open:
        raise ValidationError(_("This correction request has already been answered."))
    reason = reason.strip()
    if outcome not in CorrectionRequest.Outcome.values:
        raise ValidationError({"outcome": _("Choose your answer to the request.")})
    if not reason:
        raise ValidationError({"reason": _("Write down the reason for your answer; the resident reads it.")})
    signal_fields: list[str] = []
    if outcome == CorrectionRequest.Outcome.CORRECTED:
        new_description = description.strip()[:500] if description is not None else signal.description
        kind_changed = kind is not None and kind.pk != signal.kind_id
        description_changed = new_description != signal.description
        if not kind_changed and not description_changed:
            raise ValidationError(
                {"kind": _("Change the kind or the description, or choose another answer.")}
            )
        if kind_changed:
            assert kind is not None
            locked.previous_kind_id = signal.kind_id
            signal.kind = kind
            signal_fields.append("kind")
        if description_changed:
            locked.description_corrected = True
            signal.description = new_description
            signal_fields.append("description")
    elif outcome == CorrectionRequest.Outcome.WITHDRAWN:
        signal.withdrawn_at = now
        signal_fields.append("withdrawn_at")
        if signal.status != Signal.Status.HANDLED:
            signal.status = Signal.Status.HANDLED
            signal.handled_at = now
            signal.handled_by = actor
            signal_fields += ["status", "handled_at", "handled_by"]
    if signal_fields:
        signal.save(update_fields=signal_fields)
    locked.outcome = outcome
    locked.answer_reason = reason[:1000]
    locked.answered_at = now
    locked.answered_by = actor
    locked.save(
        update_fields=[
            "outcome",
            "answer_reason",
            "answered_at",
            "answered_by",
            "previous_kind",
            "description_corrected",
        ]
    )
    recipient = _asker_recipient(locked.person)
    context = {
        "first_name": locked.person.first_name,
        "kind": kind_label(signal.kind_id),
        "reported_on": signal.created_at,
        "asked_on": locked.created_at,
        "outcome": outcome,
        "reason": locked.answer_reason,
    }
    if recipient.address:
        transaction.on_commit(
            lambda: send_templated(
                to=[recipient], template_base="signals/email/correction_answered", context=context
            )
        )
    return locked
