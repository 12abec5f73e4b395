"""End to end with the round builder: the demo's open adverts, built into a round from the
database, run, accepted; every responding household gets a letter that speaks of its own homes."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CORPORATION
from omkijken.letting.letters.services import letters_for_round
from omkijken.letting.models import Advert, Letter, Offer, Response
from omkijken.letting.rounds.services import round_accept, round_run
from omkijken.residents.models import TargetGroup

pytestmark = pytest.mark.django_db


def test_a_round_built_from_the_demo_gets_one_letter_per_responding_household() -> None:
    # given the demo's open adverts with their responses
    officer = User.objects.get(username="verhuur")
    adverts = list(Advert.objects.filter(corporation__name=CORPORATION, status__in=["published", "closed"]))
    if not adverts:
        pytest.skip("the demo has no open adverts")
    # (a household with a live offer, such as the demo's open offers, is not a candidate: it is
    # already being helped)
    busy = Offer.objects.filter(status__in=[Offer.Status.OFFERED, Offer.Status.VIEWING]).values(
        "household_id"
    )
    responders = set(
        Response.objects.filter(advert__in=adverts, withdrawn=False)
        .exclude(household_id__in=busy)
        .values_list("household_id", flat=True)
    )
    # when the officer runs and accepts a round and composes its letters
    rnd = round_run(actor=officer, adverts=adverts, name="Brieven uit de demo", on=timezone.localdate())
    round_accept(actor=officer, round=rnd)
    rnd.refresh_from_db()
    letters = letters_for_round(actor=officer, round=rnd)
    # then every household that responded has exactly one letter, and allocated ones say so
    assert {letter.household_id for letter in letters} >= responders
    assert len({letter.household_id for letter in letters}) == len(letters)
    allocated = set(rnd.allocations.values_list("household_id", flat=True))
    assert {letter.household_id for letter in letters if letter.kind == Letter.Kind.ALLOCATED} == allocated
    for letter in letters:
        assert letter.body_text.startswith(f"Beste {letter.household.name},") or letter.language == "en"
    # and no letter of the demo round mentions a target group or a care partner
    partners = Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER).values_list("name", flat=True)
    for letter in letters:
        for code in TargetGroup.values:
            assert not re.search(rf"\b{code}\b", letter.body_text), (letter.household.name, code)
        for partner in partners:
            assert partner not in letter.body_text
