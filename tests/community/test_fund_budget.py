"""The fund's deciders set a complex's yearly budget on a page of the fund."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from omkijken.community.models import FundBudget
from omkijken.community.scope import place_of_person, staff_complexes
from omkijken.portfolio.models import Complex

pytestmark = pytest.mark.django_db


def test_a_building_manager_sets_the_budget_of_his_complex(network, login, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    # given Vliethof, which the building manager manages
    vliethof = place_of_person(person_of("buur").pk).complex
    url = reverse("community_fund_budget", args=[vliethof.pk])
    client = login("beheerder")
    assert client.get(url).status_code == 200
    # when he sets its budget for 2027
    response = client.post(url, {"year": "2027", "amount": "1234.50"})
    # then it is saved and he sees the fund report of that year
    assert response.status_code == 302
    assert response["Location"] == reverse("community_fund_report") + f"?complex={vliethof.pk}&year=2027"
    assert FundBudget.objects.get(complex=vliethof, year=2027).amount == Decimal("1234.50")


def test_a_negative_budget_is_refused_in_dutch(network, login, person_of) -> None:  # type: ignore[no-untyped-def]
    vliethof = place_of_person(person_of("buur").pk).complex
    response = login("beheerder").post(
        reverse("community_fund_budget", args=[vliethof.pk]), {"year": "2027", "amount": "-5"}
    )
    assert response.status_code == 200
    assert "Het budget kan niet negatief zijn." in response.content.decode()
    assert not FundBudget.objects.filter(complex=vliethof, year=2027).exists()


def test_another_complex_answers_404(network, login, persona) -> None:  # type: ignore[no-untyped-def]
    # given a complex the building manager does not manage
    other = Complex.objects.exclude(pk__in=staff_complexes(persona("beheerder")).values("pk")).first()
    assert other is not None
    client = login("beheerder")
    url = reverse("community_fund_budget", args=[other.pk])
    # when he opens or posts its budget page, then it answers 404 and nothing is saved
    assert client.get(url).status_code == 404
    assert client.post(url, {"year": "2027", "amount": "100"}).status_code == 404
    assert not FundBudget.objects.filter(complex=other, year=2027).exists()


def test_a_resident_gets_403(network, login, person_of) -> None:  # type: ignore[no-untyped-def]
    vliethof = place_of_person(person_of("buur").pk).complex
    client = login("buur")
    url = reverse("community_fund_budget", args=[vliethof.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"year": "2027", "amount": "100"}).status_code == 403
    assert not FundBudget.objects.filter(complex=vliethof, year=2027).exists()
