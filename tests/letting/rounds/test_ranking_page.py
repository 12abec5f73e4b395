"""The single-vacancy ranking page shows the engine's ranking, not a copy of it: the same order,
channels, eligibility and reasons, in Dutch and in English, on random rounds and on the letting
world's vacancies."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings

from omkijken.engine.allocation import rank_responders
from omkijken.letting.channels import Channel
from omkijken.letting.rounds.builder import build_round
from omkijken.letting.rounds.ids import pk_of
from omkijken.letting.rounds.ranking import rank_vacancy, ranked_rows
from tests.engine.test_allocation_properties import rounds

from .conftest import TODAY


def _engine_rows(doc: dict[str, Any], uid: str, english: bool) -> list[tuple[Any, ...]]:
    """What the page must show for each row, taken from the engine's ranking alone."""
    nominees = {c["id"] for c in doc["candidates"] if c.get("target_group")}
    unit = next(u for u in doc["units"] if u["id"] == uid)
    out = []
    for r in rank_responders(doc, uid):
        if r.channel is None:
            channel = "DIRECT" if r.candidate in nominees else "REGULAR"
            labels = ", ".join(str(Channel(ch).label) for ch in unit["channels"])
            reason = (
                f"Does not compete in this home's channels ({labels})."
                if english
                else f"Dingt niet mee in de kanalen van deze woning ({labels})."
            )
        else:
            channel = r.channel
            reason = r.reason_en if english else r.reason
        out.append((r.candidate, r.position, channel, r.eligible, reason))
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds())
def test_on_random_rounds_the_page_shows_the_engines_ranking_in_dutch_and_in_english(doc):  # type: ignore[no-untyped-def]
    for language, english in (("nl", False), ("en", True)):
        with translation.override(language):
            for u in doc["units"]:
                page = [
                    (r.candidate, r.position, channel, r.eligible, reason)
                    for r, channel, reason in ranked_rows(doc, u["id"])
                ]
                assert page == _engine_rows(doc, u["id"], english)


@pytest.mark.django_db
def test_every_vacancy_of_the_letting_world_is_ranked_on_its_page_as_the_engine_ranks_it(
    world, officer
) -> None:  # type: ignore[no-untyped-def]
    for key, advert in world.adverts.items():
        # given the round the page builds for one vacancy
        snapshot = build_round(corporation=advert.corporation, adverts=[advert], on=TODAY, name="check")
        if not snapshot["units"]:
            continue
        uid = snapshot["units"][0]["id"]
        # when the officer opens its ranking
        with translation.override("nl"):
            view = rank_vacancy(actor=officer, advert=advert, on=TODAY)
        # then the rows are the engine's: same households, positions, channels and eligibility
        engine = rank_responders(snapshot, uid)
        assert [(row.household.pk, row.position, row.channel, row.eligible) for row in view.rows] == [
            (pk_of(r.candidate), r.position, r.channel or row.channel, r.eligible)
            for r, row in zip(engine, view.rows, strict=True)
        ], key
        # and the household the engine would give it to is eligible in the channel it would get it in
        if view.winner is not None:
            (mine,) = [r for r in engine if pk_of(r.candidate) == view.winner.pk]
            assert mine.channel == view.winner_channel and (mine.eligible or mine.exception), key
