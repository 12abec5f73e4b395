"""The letting demo fills the round, offer, key-handover and letter screens, through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from omkijken.demo.personas import CORPORATION
from omkijken.engine.allocation import verify
from omkijken.letting.models import Allocation, KeyHandover, Letter, Offer, OfferEvent, Round

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_accepted_round_and_a_proposed_round() -> None:
    rounds = Round.objects.filter(corporation__name=CORPORATION)
    accepted = rounds.filter(status=Round.Status.ACCEPTED)
    assert accepted.exists()
    assert rounds.filter(status=Round.Status.PROPOSED).exists()
    for rnd in rounds:
        assert verify(rnd.snapshot, rnd.result) == []
    assert Allocation.objects.filter(round__in=accepted).exists()


def test_the_accepted_round_has_offers_in_several_states_with_their_history() -> None:
    offers = Offer.objects.filter(corporation__name=CORPORATION, allocation__isnull=False)
    statuses = set(offers.values_list("status", flat=True))
    assert {Offer.Status.ACCEPTED, Offer.Status.DECLINED} <= statuses
    assert statuses & {Offer.Status.OFFERED, Offer.Status.VIEWING}
    assert not offers.filter(status=Offer.Status.DECLINED, reason_code="").exists()
    assert not offers.filter(status=Offer.Status.ACCEPTED, lease__isnull=True).exists()
    assert OfferEvent.objects.filter(offer__in=offers).count() >= offers.count()


def test_accepted_offers_have_key_handovers_this_week_and_next() -> None:
    handovers = KeyHandover.objects.filter(offer__corporation__name=CORPORATION)
    assert handovers.exists()
    assert (
        handovers.count()
        == Offer.objects.filter(corporation__name=CORPORATION, status=Offer.Status.ACCEPTED).count()
    )
    today = timezone.localdate()
    days = {timezone.localtime(h.at).date() for h in handovers}
    assert all(today < day <= today + dt.timedelta(days=14) for day in days)


def test_the_accepted_round_has_its_letters_sent() -> None:
    rnd = Round.objects.filter(corporation__name=CORPORATION, status=Round.Status.ACCEPTED).first()
    assert rnd is not None
    letters = Letter.objects.filter(round=rnd)
    assert letters.exists()
    assert not letters.filter(sent_at__isnull=True).exists()


def test_the_letting_officer_sees_the_demo_rounds_offers_and_key_handovers(login) -> None:  # type: ignore[no-untyped-def]
    client = login("verhuur")
    rnd = Round.objects.filter(corporation__name=CORPORATION, status=Round.Status.ACCEPTED).first()
    assert rnd is not None
    for url in (
        reverse("letting_round_list"),
        reverse("letting_round_detail", args=[rnd.pk]),
        reverse("letting_round_letters", args=[rnd.pk]),
        reverse("letting_offer_list"),
        reverse("letting_key_handovers"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    handovers = client.get(reverse("letting_key_handovers")).content.decode()
    offer = Offer.objects.filter(corporation__name=CORPORATION, status=Offer.Status.ACCEPTED).first()
    assert offer is not None and offer.unit.address in handovers
