"""Every page of the neighbour network renders for the roles that use it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omkijken.community.models import Activity, FundApplication, HelpRequest
from omkijken.community.scope import place_of_person

pytestmark = pytest.mark.django_db

RESIDENT_PAGES = [
    "community_home",
    "community_profile",
    "community_buddy",
    "community_help",
    "community_help_new",
    "community_offer_new",
    "community_activities",
    "community_activity_new",
    "community_fund",
    "community_fund_apply",
]


@pytest.mark.parametrize("persona", ["buur", "bewoner"])
def test_every_resident_page_renders(persona, network, login) -> None:  # type: ignore[no-untyped-def]
    client = login(persona)
    for name in RESIDENT_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name


def test_resident_detail_pages_render(network, login, person_of) -> None:  # type: ignore[no-untyped-def]
    client = login("buur")
    own = place_of_person(person_of("buur").pk).complex
    for help_request in HelpRequest.objects.filter(complex=own):
        assert client.get(reverse("community_help_detail", args=[help_request.pk])).status_code == 200
    for activity in Activity.objects.filter(complex=own):
        assert client.get(reverse("community_activity_detail", args=[activity.pk])).status_code == 200
    for application in FundApplication.objects.filter(applicant=person_of("buur")):
        assert client.get(reverse("community_fund_detail", args=[application.pk])).status_code == 200


@pytest.mark.parametrize("persona", ["beheerder", "zorgpartner", "projectleider", "admin"])
def test_staff_pages_render(persona, network, login, person_of) -> None:  # type: ignore[no-untyped-def]
    client = login(persona)
    assert client.get(reverse("community_home")).status_code == 200
    vliethof = place_of_person(person_of("buur").pk).complex
    de_brug = place_of_person(person_of("bewoner").pk).complex
    target = de_brug if persona == "zorgpartner" else vliethof
    assert client.get(reverse("community_coordination", args=[target.pk])).status_code == 200
    if persona != "zorgpartner":
        assert client.get(reverse("community_fund")).status_code == 200
        for application in FundApplication.objects.filter(complex=vliethof):
            assert client.get(reverse("community_fund_detail", args=[application.pk])).status_code == 200
        report = client.get(reverse("community_fund_report") + f"?complex={vliethof.pk}&year=2026")
        assert report.status_code == 200
        for activity in Activity.objects.filter(complex=vliethof):
            assert client.get(reverse("community_activity_detail", args=[activity.pk])).status_code == 200


def test_municipal_officer_has_no_network_pages(network, login) -> None:  # type: ignore[no-untyped-def]
    client = login("gemeente")
    assert client.get(reverse("community_home")).status_code == 403
    assert client.get(reverse("community_fund")).status_code == 403
