"""Writes of nominations (direct mediation): a care coordinator nominates its own client to the
client's corporation with only what letting needs. No free text anywhere: the consent is a
*reference* in a fixed format, so there is no place for care content.

Acceptable complexes: the complexes of the corporation where the nominating partner has a current
care-partner agreement (where it supports its clients), most preferred first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.audit import record_write, snapshot
from omkijken.accounts.models import Membership, Organisation, Role, User, WriteEvent
from omkijken.accounts.policy import can
from omkijken.letting.mail import Recipient, send_templated, user_recipient
from omkijken.letting.nominations.models import ExistingHomeReason, IncomeClass, Nomination
from omkijken.portfolio.models import Complex
from omkijken.projects.models import CarePartnerAgreement
from omkijken.residents.models import CARE_LEASE_TYPES, Household, Lease, LeaseType, TargetGroup
from omkijken.residents.selectors import current_lease_filter, households_for

CONSENT_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./_-]{2,59}$")
NEEDS = ("LIFT", "GROUND_FLOOR", "WHEELCHAIR")
MAX_HOUSEHOLD_SIZE = 12


# What a write event keeps of a nomination (its own fields; the consent's reference, never its content).
NOMINATION_FIELDS = [
    "status",
    "nominator",
    "corporation",
    "target_group",
    "household_size",
    "income_class",
    "pension_age",
    "needs",
    "complexes",
    "nominated_on",
    "support_until",
    "consent_reference",
    "existing_home_reason",
]


def acceptable_complexes(
    partner: Organisation | None, corporation_id: int, on: dt.date | None = None
) -> QuerySet[Complex]:
    on = on or timezone.localdate()
    if partner is None:
        return Complex.objects.none()
    agreements = CarePartnerAgreement.objects.filter(care_partner=partner, start_date__lte=on).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on)
    )
    return (
        Complex.objects.filter(corporation_id=corporation_id, pk__in=agreements.values("complex_id"))
        .distinct()
        .order_by("name")
    )


def letting_addresses(corporation: Organisation) -> list[Recipient]:
    """Where nomination notices go: the corporation's own address if it has one (in Dutch), else its
    letting officers, each in their own preferred language."""
    if corporation.email:
        return [Recipient(corporation.email, "nl")]
    officers = (
        Membership.objects.filter(organisation=corporation, role=Role.LETTING_OFFICER)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user__username")
    )
    return [user_recipient(m.user) for m in officers]


def has_own_home(household: Household, *, on: dt.date) -> bool:
    """Does the household already have a home of its own on a date: a lease in force that is not a
    care lease (a training home under a driehoek lease, or an omklap lease before it flips to the
    client, is the care partner's; moving on from it is what a nomination is for)."""
    leases = Lease.objects.filter(current_lease_filter(on), household=household)
    own = ~Q(lease_type__in=CARE_LEASE_TYPES) | Q(lease_type=LeaseType.OMKLAP, flip_date__lte=on)
    return leases.filter(own).exists()


@transaction.atomic
def nomination_create(
    *,
    actor: User,
    household: Household,
    corporation: Organisation,
    target_group: str,
    household_size: int,
    income_class: str,
    pension_age: bool = False,
    needs: Iterable[str] = (),
    complexes: Iterable[int] = (),
    nominated_on: dt.date,
    support_until: dt.date | None = None,
    consent_reference: str,
    existing_home_reason: str = "",
) -> Nomination:
    """A care partner nominates one of its clients. A client who already has a home of its own
    (``has_own_home`` today) is a warning: refused unless the nominator confirms it with one of the reasons of
    ``ExistingHomeReason``, which the nomination keeps."""
    if not can(actor, "nominate"):
        raise PermissionDenied
    partner = actor.organisation
    if partner is None or not households_for(actor).filter(pk=household.pk).exists():
        raise PermissionDenied  # only the partner's own clients
    household = Household.objects.select_for_update().get(pk=household.pk)
    errors: dict[str, list[str]] = {}

    def error(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if corporation.kind != Organisation.Kind.CORPORATION or corporation.pk != household.corporation_id:
        error("corporation", _("A client is nominated to the corporation that knows the household."))
    if target_group not in TargetGroup.values:
        error("target_group", _("Choose a target group."))
    if not 1 <= int(household_size) <= MAX_HOUSEHOLD_SIZE:
        error(
            "household_size",
            _("The household size must be between 1 and %(max)d.") % {"max": MAX_HOUSEHOLD_SIZE},
        )
    if income_class not in IncomeClass.values:
        error("income_class", _("Choose an income class."))
    needs = list(dict.fromkeys(needs))
    if set(needs) - set(NEEDS):
        error("needs", _("Choose needs from the list."))
    complexes = [int(c) for c in dict.fromkeys(complexes)]
    allowed = set(acceptable_complexes(partner, household.corporation_id).values_list("pk", flat=True))
    if not complexes:
        error("complexes", _("Choose at least one complex where your organisation supports clients."))
    elif set(complexes) - allowed:
        error("complexes", _("Choose only complexes where your organisation has an agreement."))
    today = timezone.localdate()
    if nominated_on > today:
        error("nominated_on", _("The nomination date cannot be in the future."))
    if support_until is not None and support_until < nominated_on:
        error("support_until", _("The support period cannot end before the nomination date."))
    if not CONSENT_REFERENCE.match(consent_reference or ""):
        error(
            "consent_reference",
            _(
                "Give the reference of the consent you hold (3 to 60 letters, digits, . / _ -), not its content."
            ),
        )
    if Nomination.objects.filter(household=household, status__in=Nomination.OPEN_STATUSES).exists():
        error("__all__", _("This client already has an open nomination."))
    if not has_own_home(household, on=today):
        existing_home_reason = ""
    elif existing_home_reason not in ExistingHomeReason.values:
        error(
            "existing_home_reason",
            _(
                "This client already has a home (a current lease). Tick the confirmation and choose "
                "the reason to nominate the client anyway."
            ),
        )
    if errors:
        raise ValidationError(errors)
    nomination = Nomination.objects.create(
        nominator=partner,
        corporation=corporation,
        household=household,
        target_group=target_group,
        household_size=int(household_size),
        income_class=income_class,
        pension_age=bool(pension_age),
        needs=needs,
        complexes=complexes,
        nominated_on=nominated_on,
        support_until=support_until,
        consent_reference=consent_reference,
        existing_home_reason=existing_home_reason,
        created_by=actor,
    )
    record_write(
        actor=actor,
        household=household,
        record=nomination,
        action=WriteEvent.Action.CREATE,
        before=None,
        after=snapshot(nomination, NOMINATION_FIELDS),
    )
    # The notice names neither household nor target group: only that a nomination arrived.
    context = {
        "nominator": partner.name,
        "number": nomination.pk,
        "path": reverse("letting_nomination_detail", args=[nomination.pk]),
    }
    to = letting_addresses(corporation)
    transaction.on_commit(
        lambda: send_templated(to=to, template_base="letting/email/nomination_received", context=context)
    )
    return nomination


@transaction.atomic
def nomination_withdraw(*, actor: User, nomination: Nomination) -> Nomination:
    if not can(actor, "nominate"):
        raise PermissionDenied
    nomination = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.nominator_id != getattr(actor.organisation, "pk", None):
        raise PermissionDenied
    if nomination.status not in Nomination.OPEN_STATUSES:
        raise ValidationError(_("This nomination is no longer open."))
    before = snapshot(nomination, NOMINATION_FIELDS)
    nomination.status = Nomination.Status.WITHDRAWN
    nomination.closed_on = timezone.localdate()
    nomination.save(update_fields=["status", "closed_on"])
    record_write(
        actor=actor,
        household=nomination.household,
        record=nomination,
        action=WriteEvent.Action.UPDATE,
        before=before,
        after=snapshot(nomination, NOMINATION_FIELDS),
    )
    return nomination
