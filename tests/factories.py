"""Record builders the test areas share. Each creates exactly the rows its name says (a household
builder also creates its main tenant, and a registration only when given a registration date);
everything not passed is a plain default, so a test that depends on a value passes it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.letting.models import Advert, Nomination, Registration
from omkijken.portfolio.models import Complex, Neighbourhood, Section, Unit
from omkijken.residents.models import Household, Lease, Person, TargetGroupStatus


def persona_user(username: str) -> User:
    """The demo world's login of a persona (see omkijken.demo.personas). A plain function, so that
    fixtures may use it even where a test parametrizes an argument named ``persona``."""
    return User.objects.get(username=username)


def persona_person(username: str) -> Person:
    """The person (in a household) behind a persona's login."""
    return Person.objects.get(user__username=username)


def make_login(
    *,
    username: str,
    organisation: Organisation,
    role: str = Role.APPLICANT,
    email: str = "",
    first_name: str = "",
    **extra: Any,
) -> User:
    """A login with one membership (by default an applicant's) of the organisation."""
    user = User.objects.create_user(username=username, email=email, first_name=first_name, **extra)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def make_complex(
    *,
    corporation: Organisation,
    code: str,
    name: str,
    neighbourhood: Neighbourhood | None = None,
    street: str = "Proefstraat",
    building_type: str = "gallery_flat",
    storeys: int = 4,
    year_built: int = 2020,
) -> Complex:
    return Complex.objects.create(
        corporation=corporation,
        neighbourhood=neighbourhood,
        code=code,
        name=name,
        street=street,
        building_type=building_type,
        storeys=storeys,
        year_built=year_built,
    )


def make_section(
    *, complex: Complex, name: str = "Galerij 1", kind: str = "gallery", max_vulnerable: int | None = None
) -> Section:
    return Section.objects.create(complex=complex, name=name, kind=kind, max_vulnerable=max_vulnerable)


def make_unit(
    *,
    complex: Complex,
    code: str,
    house_number: int,
    section: Section | None = None,
    street: str = "Proefstraat",
    postcode: str = "9999ZZ",
    city: str = "Vechtstad",
    floor: int = 1,
    rooms: int = 2,
    net_rent: Decimal | str = "600.00",
    min_household_size: int = 1,
    max_household_size: int = 6,
    **extra: Any,
) -> Unit:
    """A home (no lease, no advert); ``extra`` takes the other unit fields (floor_area, has_lift, ...)."""
    return Unit.objects.create(
        complex=complex,
        section=section,
        code=code,
        street=street,
        house_number=house_number,
        postcode=postcode,
        city=city,
        floor=floor,
        rooms=rooms,
        net_rent=Decimal(net_rent),
        min_household_size=min_household_size,
        max_household_size=max_household_size,
        **extra,
    )


def make_person(
    *,
    household: Household,
    first_name: str,
    last_name: str = "Test",
    birth_date: dt.date = dt.date(1980, 1, 1),
    email: str = "",
    is_main_tenant: bool = False,
    user: User | None = None,
    **extra: Any,
) -> Person:
    return Person.objects.create(
        household=household,
        first_name=first_name,
        last_name=last_name,
        birth_date=birth_date,
        email=email,
        is_main_tenant=is_main_tenant,
        user=user,
        **extra,
    )


def make_registration(
    *,
    household: Household,
    registration_date: dt.date,
    household_size: int = 1,
    yearly_income: Decimal | str = "25000",
    **extra: Any,
) -> Registration:
    """A registration as a home seeker; ``extra`` takes urgency, needs, status, external_id, ..."""
    return Registration.objects.create(
        household=household,
        registration_date=registration_date,
        household_size=household_size,
        yearly_income=Decimal(yearly_income),
        **extra,
    )


def make_household(
    *,
    corporation: Organisation,
    reference: str,
    name: str,
    first_name: str = "Test",
    name_prefix: str = "",
    last_name: str = "Test",
    birth_date: dt.date = dt.date(1980, 1, 1),
    email: str = "",
    phone: str = "",
    user: User | None = None,
    registered_on: dt.date | None = None,
    household_size: int = 1,
    yearly_income: Decimal | str = "25000",
    **registration: Any,
) -> Household:
    """A household with its main tenant; and a registration if ``registered_on`` is given
    (``registration`` then takes its other fields: urgency_category, needs, ...)."""
    household = Household.objects.create(corporation=corporation, reference=reference, name=name)
    make_person(
        household=household,
        first_name=first_name,
        name_prefix=name_prefix,
        last_name=last_name,
        birth_date=birth_date,
        email=email,
        phone=phone,
        is_main_tenant=True,
        user=user,
    )
    if registered_on is not None:
        make_registration(
            household=household,
            registration_date=registered_on,
            household_size=household_size,
            yearly_income=yearly_income,
            **registration,
        )
    elif registration:
        raise TypeError(f"registration fields without registered_on: {sorted(registration)}")
    return household


def make_lease(
    *,
    unit: Unit,
    household: Household,
    start_date: dt.date,
    net_rent: Decimal | None = None,
    **extra: Any,
) -> Lease:
    """A lease at the unit's rent unless told otherwise; ``extra``: lease_type, end_date, care_partner, ..."""
    return Lease.objects.create(
        unit=unit,
        household=household,
        start_date=start_date,
        net_rent=unit.net_rent if net_rent is None else net_rent,
        **extra,
    )


def make_target_group_status(
    *,
    household: Household,
    start_date: dt.date,
    target_group: str = "DAK",
    care_partner: Organisation | None = None,
    **extra: Any,
) -> TargetGroupStatus:
    return TargetGroupStatus.objects.create(
        household=household,
        target_group=target_group,
        care_partner=care_partner,
        start_date=start_date,
        **extra,
    )


def make_advert(
    *,
    unit: Unit,
    starts_on: dt.date,
    ends_on: dt.date,
    channels: list[str] | None = None,
    criteria: str = "Proef.",
    status: str = "published",
    **extra: Any,
) -> Advert:
    """An advert of the unit's corporation (REGULAR unless told otherwise); ``extra``: created_by, ..."""
    return Advert.objects.create(
        corporation=unit.complex.corporation,
        unit=unit,
        channels=["REGULAR"] if channels is None else channels,
        criteria=criteria,
        starts_on=starts_on,
        ends_on=ends_on,
        status=status,
        **extra,
    )


def make_nomination(
    *,
    nominator: Organisation,
    corporation: Organisation,
    household: Household,
    nominated_on: dt.date,
    consent_reference: str,
    target_group: str = "DAK",
    household_size: int = 1,
    income_class: str = "passend",
    **extra: Any,
) -> Nomination:
    """A nomination in the model's default status unless told otherwise; ``extra``: complexes, ..."""
    return Nomination.objects.create(
        nominator=nominator,
        corporation=corporation,
        household=household,
        target_group=target_group,
        household_size=household_size,
        income_class=income_class,
        nominated_on=nominated_on,
        consent_reference=consent_reference,
        **extra,
    )


def clear_access_events() -> None:
    """Start a test from an empty access log: the append-only trigger lets only the tables' owner
    (the test database's role) delete events, through the sanctioned purge."""
    from omkijken.accounts.audit import audit_purge
    from omkijken.accounts.models import AccessEvent

    with audit_purge("owner"):
        AccessEvent.objects.all().delete()
