"""Every household that responded gets a letter that explains its own outcome, in its language."""

from __future__ import annotations

import pytest
from django.utils import translation

from omkijken.letting.letters.services import letters_for_round
from omkijken.letting.models import Letter
from tests.letting.letters.helpers import letter_texts

pytestmark = pytest.mark.django_db


def letters_by_key(letter_round) -> dict[str, Letter]:  # type: ignore[no-untyped-def]
    letters = letters_for_round(actor=letter_round.officer, round=letter_round.round)
    by_household = {letter.household_id: letter for letter in letters}
    return {key: by_household[h.pk] for key, h in letter_round.households.items() if h.pk in by_household}


def test_every_household_that_responded_gets_one_letter_and_a_silent_one_none(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given an accepted round with seven responding households
    # when the officer composes the round's letters
    letters = letters_by_key(letter_round)
    # then each responding household has exactly one letter of the right kind
    assert {key: letter.kind for key, letter in letters.items()} == {
        "nominee": Letter.Kind.ALLOCATED,
        "channel": Letter.Kind.PASSED_OVER,
        "winner_b": Letter.Kind.ALLOCATED,
        "later": Letter.Kind.PASSED_OVER,
        "large": Letter.Kind.INELIGIBLE,
        "passend": Letter.Kind.INELIGIBLE,
        "winner_c": Letter.Kind.ALLOCATED,
    }
    assert Letter.objects.filter(round=letter_round.round).count() == 7
    # and the household that did not respond gets none
    assert not Letter.objects.filter(household=letter_round.silent).exists()


def test_letters_are_dutch_unless_the_household_prefers_english(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given households without a login, with a Dutch login and with an English login
    letters = letters_by_key(letter_round)
    # then the languages follow the main person's preference, Dutch by default
    assert letters["large"].language == "nl"
    assert letters["channel"].language == "nl"
    assert letters["later"].language == "en"
    # and the texts are in that language
    assert "Beste Familie Grootgezin-Markeer," in letters["large"].body_text
    assert "Wat u kunt doen" in letters["large"].body_text
    assert "Dear Family Laterdate-Marker," in letters["later"].body_text
    assert "What you can do" in letters["later"].body_text
    assert "Beste" not in letters["later"].body_text


def test_an_income_under_the_passend_limit_is_explained_with_the_households_own_figures(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given a one-person household with € 20,000 a year that responded to a home of € 850
    letter = letters_by_key(letter_round)["passend"]
    # when its letter is read in every form
    for form, text in letter_texts(letter).items():
        if form == "subject":
            continue
        # then it names its own income, the passend limit, the aftoppingsgrens and the rent
        assert "€ 20.000,00 per jaar" in text, form
        assert "€ 28.375,00" in text, form
        assert "€ 682,96" in text, form
        assert "€ 850,00" in text, form
        assert "passend toewijzen" in text, form


def test_a_household_that_ranked_lower_reads_its_own_registration_date_and_place(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given a household registered on 14 March 2018 that lost a home to an earlier registration
    letter = letters_by_key(letter_round)["later"]
    texts = letter_texts(letter)
    # then its (English) letter says a household with more priority got it, and gives its own date
    for form in ("html", "text", "pdf"):
        assert "a household with more priority" in texts[form], form
        assert "March 14, 2018" in texts[form], form
        assert "number 4 of the 4 households" in texts[form], form


def test_a_household_that_is_too_large_is_told_the_homes_size_range(letter_round) -> None:  # type: ignore[no-untyped-def]
    letter = letters_by_key(letter_round)["large"]
    with translation.override("nl"):
        assert "1 tot en met 4 personen" in letter.body_text
        assert "uw huishouden telt 5 personen" in letter.body_text.lower()


def test_a_household_passed_over_for_a_home_let_by_another_channel_is_told_so_neutrally(letter_round) -> None:  # type: ignore[no-untyped-def]
    letter = letters_by_key(letter_round)["channel"]
    assert "via een ander toewijzingskanaal" in letter.body_text
    assert "Brievenlaan 1, Vechtstad" in letter.body_text


def test_an_allocated_household_is_told_which_home_it_got(letter_round) -> None:  # type: ignore[no-untyped-def]
    letter = letters_by_key(letter_round)["winner_b"]
    assert letter.unit == letter_round.units["B"]
    assert "Brievenlaan 2, Vechtstad" in letter.body_text
    assert "toegewezen" in letter.subject


def test_composing_again_keeps_sent_letters_and_renews_the_others(letter_round) -> None:  # type: ignore[no-untyped-def]
    from omkijken.letting.letters.services import letter_send

    # given composed letters of which one was sent
    first = letters_by_key(letter_round)
    sent = letter_send(actor=letter_round.officer, letter=first["channel"])
    # when the letters are composed again
    second = letters_by_key(letter_round)
    # then the sent letter is the same row, unchanged, and the others are new rows
    assert second["channel"].pk == sent.pk
    assert second["later"].pk != first["later"].pk
    assert Letter.objects.filter(round=letter_round.round).count() == 7
