"""API clients that authenticate with a persona's personal token."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api():  # type: ignore[no-untyped-def]
    """``api("verhuur")``: a DRF test client sending that persona's token (made on first use)."""
    from omkijken.api.services import token_issue
    from tests.factories import persona_user

    def make(username: str, **headers: Any) -> APIClient:
        token = token_issue(user=persona_user(username))
        client = APIClient(**headers)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@dataclass
class LettingWorld:
    vacant_unit: Any  # a vacant home of the corporation, without an advert
    published: Any  # an advert open for responses today (REGULAR)
    draft: Any
    other_advert: Any  # the other corporation's published advert
    buur_household: Any
    own_nomination: Any  # the care partner's nomination of its client (bewoner)
    foreign_nomination: Any  # another care partner's nomination to the same corporation
    other_corp_nomination: Any  # a nomination to the other corporation
    seeker: Any  # a home seeker without a home, who responded to ``published``


def _vacant_unit(complex_: Any, code: str) -> Any:
    from omkijken.portfolio.models import Unit
    from tests.factories import make_unit

    return make_unit(
        complex=complex_,
        section=complex_.sections.first(),
        code=code,
        house_number=Unit.objects.count() + 1,
        postcode="3999AA",
        rooms=3,
        net_rent="650.00",
    )


def _advert(unit: Any, status: str, today: dt.date) -> Any:
    from tests.factories import make_advert

    return make_advert(
        unit=unit,
        proposed_channels=["REGULAR"],
        criteria="Huishoudens van 1 tot 3 personen.",
        starts_on=today - dt.timedelta(days=3),
        ends_on=today + dt.timedelta(days=10),
        status=status,
    )


def _nomination(household: Any, nominator: Any, corporation: Any, today: dt.date) -> Any:
    from tests.factories import make_nomination

    return make_nomination(
        nominator=nominator,
        corporation=corporation,
        household=household,
        nominated_on=today - dt.timedelta(days=5),
        consent_reference="TOE-2025-001",
    )


@pytest.fixture
def world(db) -> LettingWorld:  # type: ignore[no-untyped-def]
    """Adverts, a registration and nominations on top of the small demo (rolled back per test)."""
    from django.utils import timezone

    from omkijken.accounts.models import Organisation
    from omkijken.demo.personas import CARE_PARTNER, CORPORATION, OTHER_CARE_PARTNERS, OTHER_CORPORATION
    from omkijken.letting.models import Registration, Response
    from omkijken.portfolio.models import Complex
    from omkijken.residents.models import Household, TargetGroupStatus
    from tests.factories import make_household, persona_person

    today = timezone.localdate()
    corp = Organisation.objects.get(name=CORPORATION)
    other_corp = Organisation.objects.get(name=OTHER_CORPORATION)
    partner = Organisation.objects.get(name=CARE_PARTNER)
    other_partner = Organisation.objects.get(name=OTHER_CARE_PARTNERS[0])
    brug = Complex.objects.get(name="De Brug")
    other_complex = Complex.objects.filter(corporation=other_corp).first()

    buur = persona_person("buur").household
    Registration.objects.update_or_create(
        household=buur,
        defaults={
            "registration_date": dt.date(2019, 3, 1),
            "household_size": 2,
            "yearly_income": Decimal("28000"),
        },
    )
    bewoner = persona_person("bewoner").household
    foreign_client = (
        Household.objects.filter(
            corporation=corp,
            pk__in=TargetGroupStatus.objects.filter(care_partner=other_partner).values("household_id"),
        )
        .exclude(pk=bewoner.pk)
        .first()
    )
    other_corp_client = Household.objects.filter(corporation=other_corp).first()
    assert foreign_client is not None and other_corp_client is not None
    assert TargetGroupStatus.objects.filter(household=bewoner, care_partner=partner).exists()
    seeker = make_household(
        corporation=corp,
        reference="API-SEEKER",
        name="Huishouden Zoeker",
        first_name="Sem",
        last_name="Zoeker",
        birth_date=dt.date(1990, 5, 1),
        registered_on=dt.date(2018, 1, 1),
    )
    published = _advert(_vacant_unit(brug, "API-PUB-1"), "published", today)
    Response.objects.create(advert=published, household=seeker)
    return LettingWorld(
        vacant_unit=_vacant_unit(brug, "API-VAC-1"),
        published=published,
        draft=_advert(_vacant_unit(brug, "API-DRAFT-1"), "draft", today),
        other_advert=_advert(_vacant_unit(other_complex, "API-OTHER-1"), "published", today),
        buur_household=buur,
        own_nomination=_nomination(bewoner, partner, corp, today),
        foreign_nomination=_nomination(foreign_client, other_partner, corp, today),
        other_corp_nomination=_nomination(other_corp_client, other_partner, other_corp, today),
        seeker=seeker,
    )
