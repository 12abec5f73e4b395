"""A household's letter names everything in words: no raw code (``GROUND_FLOOR``, ``DAK``, ``NVT``)
in any letter of a round built from the demo, in Dutch or in English, and counts take the right
number."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation

from omkijken.accounts.models import User
from omkijken.demo.personas import CORPORATION
from omkijken.letting.letters.compose import (
    UnitFacts,
    UnitOutcome,
    compose_letter,
    reason_paragraphs,
    round_outcomes,
)
from omkijken.letting.letters.services import letters_for_round
from omkijken.letting.models import Advert
from omkijken.letting.rounds.services import round_accept, round_run
from omkijken.portfolio.models import Unit
from tests.codes import codes_in, page_text
from tests.letting.letters.helpers import letter_texts

pytestmark = pytest.mark.django_db


def test_no_letter_of_a_round_built_from_the_demo_shows_a_code() -> None:
    # given a round over the demo's open vacancies, run, accepted and its letters composed
    officer = User.objects.get(username="verhuur")
    adverts = list(Advert.objects.filter(corporation__name=CORPORATION, status__in=["published", "closed"]))
    rnd = round_run(actor=officer, adverts=adverts, name="Brieven in woorden", on=timezone.localdate())
    round_accept(actor=officer, round=rnd)
    rnd.refresh_from_db()
    letters = letters_for_round(actor=officer, round=rnd)
    assert len(letters) > 10
    # then no letter, in the form the household gets it, shows a code
    found = {}
    for letter in letters:
        for form, text in letter_texts(letter).items():
            if codes := codes_in(text):
                found[(letter.household.name, form)] = codes
    assert found == {}
    # and the same outcomes composed in the other language show none either
    units = {
        f"u{u.pk}": UnitFacts(u.address, u.city, float(u.net_rent))
        for u in Unit.objects.filter(pk__in=[a.unit_id for a in adverts])
    }
    for cid, outcome in round_outcomes(rnd.snapshot, rnd.result).items():
        for language in ("nl", "en"):
            composed = compose_letter(
                outcome=outcome,
                household_name="Huishouden",
                household_reference="ref-1",
                corporation_name="Corporatie",
                corporation_contact="",
                round_date=rnd.round_date,
                units=units,
                language=language,
            )
            text = composed.subject + " " + composed.body_text + " " + page_text(composed.body_html)
            assert codes_in(text) == [], (cid, language)


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        (["GROUND_FLOOR"], "a ground-floor entrance is missing"),
        (["GROUND_FLOOR", "LIFT"], "a ground-floor entrance and a lift are missing"),
        (
            ["LIFT", "GROUND_FLOOR", "WHEELCHAIR"],
            "a lift, a ground-floor entrance and wheelchair access are missing",
        ),
    ],
)
def test_a_letter_names_the_missing_needs_in_words_with_the_verb_agreeing(
    missing: list[str], expected: str
) -> None:
    with translation.override("en"):
        (paragraph,) = reason_paragraphs(UnitOutcome("u1", "NEEDS", {"missing": missing}))
    assert expected in paragraph
    assert codes_in(paragraph) == []
