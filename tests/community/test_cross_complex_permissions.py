"""A resident sees only their own complex's network: other complexes' records answer 404, by page or
by guessing URLs; staff pages answer 403 to residents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omkijken.community.models import (
    Activity,
    ActivitySignup,
    BuddyPair,
    FundApplication,
    HelpRequest,
    Receipt,
)
from omkijken.community.scope import place_of_person
from omkijken.portfolio.models import Complex

pytestmark = pytest.mark.django_db


def other_complex_records(own: Complex) -> dict[str, list[str]]:
    return {
        "help": [
            reverse("community_help_detail", args=[h.pk]) for h in HelpRequest.objects.exclude(complex=own)
        ],
        "activities": [
            reverse("community_activity_detail", args=[a.pk]) for a in Activity.objects.exclude(complex=own)
        ],
        "fund": [
            reverse("community_fund_detail", args=[f.pk])
            for f in FundApplication.objects.exclude(complex=own)
        ],
    }


@pytest.mark.parametrize("persona", ["buur", "bewoner"])
def test_a_resident_gets_404_for_every_record_of_another_complex(persona, network, login, person_of) -> None:  # type: ignore[no-untyped-def]
    # given a resident and the records of every other complex
    own = place_of_person(person_of(persona).pk).complex
    urls = [u for group in other_complex_records(own).values() for u in group]
    assert len(urls) >= 3
    client = login(persona)
    # when they guess each URL, then each answers 404
    for url in urls:
        assert client.get(url).status_code == 404, url


def test_a_resident_cannot_post_to_another_complexs_records(network, login, person_of) -> None:  # type: ignore[no-untyped-def]
    # given the bewoner (De Brug) and an open help request and an activity in Vliethof
    vliethof = place_of_person(person_of("buur").pk).complex
    request = HelpRequest.objects.filter(complex=vliethof, status="open").first()
    activity = Activity.objects.filter(complex=vliethof).first()
    client = login("bewoner")
    # when they try to claim or sign up
    claimed = client.post(reverse("community_help_claim", args=[request.pk]))
    signed = client.post(reverse("community_activity_signup", args=[activity.pk]))
    # then both answer 404 and nothing changed
    assert claimed.status_code == 404 and signed.status_code == 404
    request.refresh_from_db()
    assert request.status == "open"
    assert not ActivitySignup.objects.filter(activity=activity).exists()


def test_a_resident_gets_403_on_staff_pages_and_404_on_other_coordination_pages(network, login) -> None:  # type: ignore[no-untyped-def]
    client = login("buur")
    for complex_ in Complex.objects.all()[:5]:
        assert client.get(reverse("community_coordination", args=[complex_.pk])).status_code == 403
    assert (
        client.get(
            reverse("community_fund_report") + f"?complex={Complex.objects.first().pk}&year=2026"
        ).status_code
        == 403
    )


def test_the_network_home_lists_only_neighbours_of_the_own_complex(network, login, person_of) -> None:  # type: ignore[no-untyped-def]
    from omkijken.community.models import NeighbourProfile

    # given profiles in Vliethof and De Brug
    de_brug = place_of_person(person_of("bewoner").pk).complex
    others = [
        p.person
        for p in NeighbourProfile.objects.select_related("person")
        if place_of_person(p.person_id).complex == de_brug
    ]
    assert others
    # when buur (Vliethof) opens the network home
    body = login("buur").get(reverse("community_home")).content.decode()
    # then no De Brug neighbour's phone number appears
    assert all(not p.phone or p.phone not in body for p in others)


def test_the_calendar_feed_needs_the_complexs_secret_token(network, client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(reverse("community_calendar", args=["guessed-token"])).status_code == 404


def test_receipts_of_another_complex_answer_404(
    network, login, persona, person_of, tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from django.core.files.uploadedfile import SimpleUploadedFile

    from omkijken.community.fund import services as fund_services

    settings.MEDIA_ROOT = tmp_path
    # given a receipt on buur's approved Vliethof application
    application = FundApplication.objects.get(status="approved", applicant=person_of("buur"))
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    receipt = fund_services.receipt_upload(
        actor=persona("buur"),
        application=application,
        upload=SimpleUploadedFile("bon.png", png),
        amount=Decimal("12.50"),
    )
    # then buur may open it, the bewoner (De Brug) gets 404
    assert login("buur").get(reverse("community_receipt", args=[receipt.pk])).status_code == 200
    assert login("bewoner").get(reverse("community_receipt", args=[receipt.pk])).status_code == 404
    assert Receipt.objects.count() == 1


def test_a_buddy_pair_cannot_be_ended_by_a_stranger(network, login, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    pair = BuddyPair.objects.filter(status="active").first()
    response = login("bewoner").post(reverse("community_buddy_end", args=[pair.pk]))
    assert response.status_code == 404
    pair.refresh_from_db()
    assert pair.status == "active"
