"""Privacy: a letter explains the recipient's own outcome and says nothing about anyone else.

The round gives a home to a nominee (target group DAK, care partner Stichting Tussenstap) through
direct mediation, passing over a regular household, and ranks households against each other. Each
household's name and reference is a distinctive marker, so that any leak is found.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from omkijken.accounts.models import Organisation
from omkijken.letting.letters.services import letters_for_round
from omkijken.letting.models import Letter
from omkijken.residents.models import TargetGroup
from tests.letting.letters.helpers import letter_texts

pytestmark = pytest.mark.django_db

# Words that would tell a reader that a home went to a nominated, supported household.
CHANNEL_WORDS = ["bemiddeling", "mediation", "DIRECT", "nominat", "voordracht", "voorgedragen", "ondersteuning",
                 "support", "begeleid", "zorg", "care partner", "target group", "doelgroep", "kwetsba", "vulnerab",
                 "dakloos", "homeless"]  # fmt: skip


def target_group_words() -> tuple[list[str], list[str]]:
    """(codes, labels in Dutch and English) of every target group."""
    labels = []
    for language in ("nl", "en"):
        with translation.override(language):
            labels += [str(label) for label in TargetGroup.labels]
    return list(TargetGroup.values), labels


def test_no_letter_names_describes_or_identifies_another_household(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given the round's letters, composed by the officer
    letters = letters_for_round(actor=letter_round.officer, round=letter_round.round)
    assert len(letters) == 7
    everyone = [*letter_round.households.values(), letter_round.silent]
    codes, labels = target_group_words()
    partners = list(
        Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER).values_list("name", flat=True)
    )
    assert "Stichting Tussenstap" in partners
    for letter in letters:
        texts = letter_texts(letter)
        for form, text in texts.items():
            where = f"{letter.household.name} ({form})"
            # then no other household's name, reference or round id appears in any form of the letter
            for other in everyone:
                if other.pk == letter.household_id:
                    continue
                assert other.name not in text, where
                assert other.name.split()[-1].split("-")[0] not in text, where
                assert other.reference not in text, where
                assert not re.search(rf"\bh{other.pk}\b", text), where
            # and no target group (code or label), care partner, consent or channel of a nominee
            for code in codes:
                assert not re.search(rf"\b{code}\b", text), (where, code)
            for label in labels:
                assert label.lower() not in text.lower(), (where, label)
            for partner in partners:
                assert partner.lower() not in text.lower(), (where, partner)
                assert partner.split()[-1].lower() not in text.lower(), (where, partner)
            assert "TOESTEMMING" not in text, where
            for word in CHANNEL_WORDS:
                assert word.lower() not in text.lower(), (where, word)


def test_the_markers_would_be_found_if_they_leaked(letter_round) -> None:  # type: ignore[no-untyped-def]
    # given the letters, and each household's own letter
    letters = {
        letter.household_id: letter
        for letter in letters_for_round(actor=letter_round.officer, round=letter_round.round)
    }
    # then each letter does carry its own household's name and reference: the checks above can fail
    for household in letter_round.households.values():
        texts = letter_texts(letters[household.pk])
        for form in ("html", "text", "pdf"):
            assert household.name in texts[form], form
            assert household.reference in texts[form], form


def test_the_passed_over_household_reads_its_own_reason_without_learning_who_got_the_home(
    letter_round,
) -> None:  # type: ignore[no-untyped-def]
    # given the regular household that wanted the home that went to the nominee
    household = letter_round.households["channel"]
    letters_for_round(actor=letter_round.officer, round=letter_round.round)
    letter = Letter.objects.get(round=letter_round.round, household=household)
    texts = letter_texts(letter)
    # then it is told, in Dutch, that the home was let through another channel, for the right home
    for form in ("html", "text", "pdf"):
        assert "Brievenlaan 1, Vechtstad" in texts[form], form
        assert "via een ander toewijzingskanaal" in texts[form], form
    assert letter.kind == Letter.Kind.PASSED_OVER
    # and the engine's own sentence for this case (which names the channel) is not used
    assert "directe bemiddeling" not in texts["text"]


def test_the_household_that_ranked_lower_is_told_so_with_its_own_data_only(letter_round) -> None:  # type: ignore[no-untyped-def]
    letters_for_round(actor=letter_round.officer, round=letter_round.round)
    letter = Letter.objects.get(round=letter_round.round, household=letter_round.households["later"])
    texts = letter_texts(letter)
    for form in ("html", "text", "pdf"):
        assert "a household with more priority in the published order" in texts[form], form
        assert "Your registration date is March 14, 2018" in texts[form], form
        # the winner's registration date (1 January 2010) is not given
        assert "2010" not in texts[form], form


def test_the_ineligible_household_reads_its_own_income_and_the_limit(letter_round) -> None:  # type: ignore[no-untyped-def]
    letters_for_round(actor=letter_round.officer, round=letter_round.round)
    letter = Letter.objects.get(round=letter_round.round, household=letter_round.households["passend"])
    texts = letter_texts(letter)
    assert letter.kind == Letter.Kind.INELIGIBLE
    for form in ("html", "text", "pdf"):
        assert "Uw huishoudinkomen is bij ons bekend als € 20.000,00 per jaar" in texts[form], form
        assert "inkomensgrens voor passend toewijzen van € 28.375,00" in texts[form], form
        assert "ten hoogste € 682,96 per maand" in texts[form], form
        assert "De huur van deze woning is € 850,00 per maand" in texts[form], form
        # the income of the household that got the home (€ 45,000) is not given
        assert "45.000" not in texts[form], form
