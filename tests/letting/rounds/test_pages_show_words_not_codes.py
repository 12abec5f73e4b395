"""The pages where an officer reads a round (the proposal, the ranking of a vacancy, the offers)
and the letters a household reads show words, never a raw code (``DAK``, ``NVT``, ``HUU``,
``GOOD_NEIGHBOUR``): rendered on the demo world, in Dutch and in English."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import User
from omkijken.demo.personas import CORPORATION
from omkijken.letting.channels import Channel
from omkijken.letting.models import Advert, Letter, Offer, Registration, Response, Round
from omkijken.letting.offers.models import DeclineReason
from omkijken.letting.rounds.services import round_run
from omkijken.residents.models import TargetGroup
from tests.codes import codes_in, page_text
from tests.letting.rounds.conftest import seeker

pytestmark = pytest.mark.django_db


def _pages(officer: User) -> list[str]:
    """Every round, ranking, offer and letter page of the demo's corporation, plus the proposal of
    a round over all its open vacancies (so that every channel, target group and passendheid is on
    some page)."""
    open_adverts = list(
        Advert.objects.filter(corporation__name=CORPORATION, status__in=["published", "closed"])
    )
    round_run(actor=officer, adverts=open_adverts, name="Ronde over alles", on=timezone.localdate())
    rounds = Round.objects.filter(corporation__name=CORPORATION)
    urls = [
        reverse("letting_round_list"),
        reverse("letting_round_new"),
        reverse("letting_offer_list"),
        reverse("letting_key_handovers"),
    ]
    for rnd in rounds:
        if rnd.status == Round.Status.PROPOSED:
            urls.append(reverse("letting_round_change", args=[rnd.pk]))
        urls.append(reverse("letting_round_detail", args=[rnd.pk]))
        urls.append(reverse("letting_round_letters", args=[rnd.pk]))
        urls += [
            reverse("letting_rank_vacancy", args=[pk]) for pk in rnd.adverts.values_list("pk", flat=True)
        ]
    urls += [
        reverse("letting_offer_detail", args=[pk])
        for pk in Offer.objects.filter(corporation__name=CORPORATION).values_list("pk", flat=True)
    ]
    urls += [
        reverse("letting_letter_detail", args=[pk])
        for pk in Letter.objects.filter(round__corporation__name=CORPORATION).values_list("pk", flat=True)
    ]
    return urls


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_round_ranking_offer_or_letter_page_shows_a_code(login, language: str) -> None:  # type: ignore[no-untyped-def]
    # given the demo's letting officer, reading in one language
    officer = User.objects.get(username="verhuur")
    client: Client = login("verhuur")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    urls = _pages(officer)
    assert len(urls) > 20
    # when every page is opened, then none shows a code
    found: dict[str, list[str]] = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        codes = codes_in(page_text(response.content.decode()))
        if codes:
            found[url] = sorted(set(codes))
    assert found == {}


def test_the_officer_reads_passendheid_target_groups_channels_and_reasons_as_words(login) -> None:  # type: ignore[no-untyped-def]
    # given the demo's letting officer reading in English (the source texts)
    officer = User.objects.get(username="verhuur")
    client: Client = login("verhuur")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = " ".join(page_text(client.get(url).content.decode()) for url in _pages(officer))
    # then each allocation states its passendheid in words
    assert re.search(r"\(passendheid: (passend|not passend \(exception\)|not applicable)\)", text)
    # the quota table names its target groups as the residents app does
    assert str(TargetGroup.DAK.label) in text
    # the new-round form names each vacancy's channels
    assert str(Channel.REGULAR.label) in text
    # and a declined offer says why in words
    declined = Offer.objects.filter(corporation__name=CORPORATION, status=Offer.Status.DECLINED).first()
    assert declined is not None
    assert str(DeclineReason(declined.reason_code).label) in text


def test_the_ranking_page_tells_a_household_what_it_needs_in_words(world, login) -> None:  # type: ignore[no-untyped-def]
    # given a one-person household that needs a ground floor and a lift, responding to v2 (first
    # floor, no lift)
    needy = seeker(world.corporation, "Zorg", registered=6000)
    Registration.objects.filter(household=needy).update(needs=["GROUND_FLOOR", "LIFT"])
    Response.objects.create(advert=world.adverts["v2"], household=needy, preference=1)
    client: Client = login("verhuur")
    names = sorted((h.name for h in world.households.values()), key=len, reverse=True)  # "Huishouden BIG"

    def ranking() -> str:
        url = reverse("letting_rank_vacancy", args=[world.adverts["v2"].pk])
        body = page_text(client.get(url).content.decode())
        for name in names:
            body = body.replace(name, "")
        return body

    # when the officer opens the ranking of v2, then the household's row says what is missing in words
    body = ranking()
    assert "Deze woning mist voorzieningen die u nodig heeft: gelijkvloers en lift." in body
    assert codes_in(body) == []
    # and in English too
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = ranking()
    assert "This home lacks features you need: ground floor and lift." in body
    assert codes_in(body) == []
