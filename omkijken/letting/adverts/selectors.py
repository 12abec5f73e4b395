"""Reads of adverts and responses, filtered to what an actor may see.

Staff see their corporation's adverts and who responded with what ranks them (registration date,
urgency), never a target group. Applicants see published adverts of their corporation that are
open to responses, and their own responses.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.letting.adverts.models import Advert, Registration, Response
from omkijken.portfolio.models import Unit
from omkijken.residents.models import Household, Lease, Person

PUBLIC = ["REGULAR", "GOOD_NEIGHBOUR"]


def _org_id(actor: User) -> int | None:
    return getattr(actor.organisation, "pk", None)


def adverts_for(actor: User) -> QuerySet[Advert]:
    if not can(actor, "view_letting") and not can(actor, "manage_adverts"):
        return Advert.objects.none()
    return Advert.objects.filter(corporation_id=_org_id(actor))


def advert_list(actor: User, *, statuses: tuple[str, ...] = Advert.OPEN_STATUSES) -> QuerySet[Advert]:
    return (
        adverts_for(actor)
        .filter(status__in=statuses)
        .select_related("unit", "unit__complex")
        .annotate(response_count=Count("responses", filter=Q(responses__withdrawn=False)))
        .order_by("ends_on", "pk")
    )


def advert_detail(actor: User, pk: int) -> Advert:
    advert = (
        adverts_for(actor)
        .select_related("unit", "unit__complex", "unit__section", "created_by")
        .filter(pk=pk)
        .first()
    )
    if advert is None:
        raise Http404
    return advert


def advert_responses(advert: Advert) -> list[Response]:
    """Responders with what ranks them: registration date and urgency. No target group."""
    registrations = Registration.objects.filter(household_id=OuterRef("household_id"))
    return list(
        advert.responses.filter(withdrawn=False)
        .select_related("household")
        .annotate(
            registration_date=Subquery(registrations.values("registration_date")[:1]),
            urgency=Subquery(registrations.values("urgency_category")[:1]),
            urgency_until=Subquery(registrations.values("urgency_valid_until")[:1]),
        )
        .order_by("registration_date", "pk")
    )


def vacancies_without_advert(actor: User, *, on: dt.date | None = None, limit: int = 50) -> list[Lease]:
    """The latest lease of each of the corporation's homes that ended or has an end date, where no
    new lease follows and no advert is open: the vacancies waiting for an advert."""
    on = on or timezone.localdate()
    org = _org_id(actor)
    later = Lease.objects.filter(unit_id=OuterRef("unit_id"), start_date__gt=OuterRef("start_date"))
    open_ended = Lease.objects.filter(unit_id=OuterRef("unit_id"), end_date__isnull=True)
    open_advert = Advert.objects.filter(unit_id=OuterRef("unit_id"), status__in=Advert.OPEN_STATUSES)
    return list(
        Lease.objects.filter(unit__complex__corporation_id=org, end_date__isnull=False)
        .filter(~Exists(later), ~Exists(open_ended), ~Exists(open_advert))
        .select_related("unit", "unit__complex")
        .order_by("end_date", "pk")[:limit]
    )


def current_leases(actor: User, *, query: str, on: dt.date | None = None, limit: int = 20) -> list[Lease]:
    """Open-ended leases of the corporation's homes, by address, to end one and propose an advert."""
    if not query:
        return []
    on = on or timezone.localdate()
    return list(
        Lease.objects.filter(unit__complex__corporation_id=_org_id(actor), end_date__isnull=True)
        .filter(
            Q(unit__street__icontains=query)
            | Q(unit__code__icontains=query)
            | Q(unit__postcode__icontains=query.replace(" ", "").upper())
        )
        .select_related("unit", "unit__complex", "household")
        .order_by("unit__street", "unit__house_number")[:limit]
    )


def unit_for_advert(actor: User, pk: int) -> Unit:
    unit = (
        Unit.objects.filter(pk=pk, complex__corporation_id=_org_id(actor)).select_related("complex").first()
    )
    if unit is None:
        raise Http404
    return unit


def lease_to_end(actor: User, pk: int) -> Lease:
    """A lease of one of the corporation's homes, to end it and propose an advert (404 otherwise)."""
    lease = Lease.objects.filter(pk=pk, unit__complex__corporation_id=_org_id(actor)).first()
    if lease is None:
        raise Http404
    return lease


def advert_responders(advert: Advert) -> list[Household]:
    """The households with a live response to an advert, by name: whom an officer may offer it to."""
    ids = Response.objects.filter(advert_id=advert.pk, withdrawn=False).values("household_id")
    return list(Household.objects.filter(pk__in=ids).order_by("name", "pk"))


# --- applicants ----------------------------------------------------------------------------------


def applicant_household(actor: User) -> Household | None:
    person = Person.objects.filter(user=actor).select_related("household").first()
    return person.household if person else None


def open_adverts_for_applicant(actor: User, *, on: dt.date | None = None) -> QuerySet[Advert]:
    """Published adverts of the applicant's corporation, open for responses today, with a channel
    one can respond to (not direct mediation only)."""
    on = on or timezone.localdate()
    if not can(actor, "apply_for_homes"):
        return Advert.objects.none()
    household = applicant_household(actor)
    if household is None:
        return Advert.objects.none()
    public = Q()
    for channel in PUBLIC:
        public |= Q(channels__icontains=f'"{channel}"')  # JSON text; works on SQLite and PostgreSQL
    return (
        Advert.objects.filter(
            corporation_id=household.corporation_id,
            status=Advert.Status.PUBLISHED,
            starts_on__lte=on,
            ends_on__gte=on,
        )
        .filter(public)
        .select_related("unit", "unit__complex")
        .annotate(
            responded=Exists(
                Response.objects.filter(advert_id=OuterRef("pk"), household=household, withdrawn=False)
            )
        )
        .order_by("ends_on", "pk")
    )


def applicant_advert(actor: User, pk: int) -> Advert:
    advert = open_adverts_for_applicant(actor).filter(pk=pk).first()
    if advert is None:
        # A response the household gave stays visible after the advert closed.
        household = applicant_household(actor)
        advert = (
            Advert.objects.filter(pk=pk, responses__household=household)
            .select_related("unit", "unit__complex")
            .annotate(
                responded=Exists(
                    Response.objects.filter(advert_id=OuterRef("pk"), household=household, withdrawn=False)
                )
            )
            .first()
            if household is not None and can(actor, "apply_for_homes")
            else None
        )
    if advert is None:
        raise Http404
    return advert


def own_responses(actor: User) -> list[Response]:
    household = applicant_household(actor)
    if household is None or not can(actor, "apply_for_homes"):
        return []
    return list(
        Response.objects.filter(household=household, withdrawn=False)
        .select_related("advert", "advert__unit", "advert__unit__complex")
        .order_by("preference", "pk")
    )


def own_response(actor: User, pk: int) -> Response:
    household = applicant_household(actor)
    response = (
        Response.objects.filter(pk=pk, household=household).select_related("advert", "household").first()
        if household is not None
        else None
    )
    if response is None:
        raise Http404
    return response


def active_registration(household: Household | None) -> Registration | None:
    if household is None:
        return None
    return Registration.objects.filter(household=household, status=Registration.Status.ACTIVE).first()
