"""Explanations of buddy proposals and of residents left without one, in Dutch and English."""

from __future__ import annotations

import pytest

from omkijken.engine.buddies import Reason, ReasonCode, explain, language_name, normalise_language


@pytest.mark.parametrize(
    ("reason", "dutch", "english"),
    [
        (
            Reason(ReasonCode.SAME_SECTION, ("galerij",)),
            "Jullie wonen aan dezelfde galerij",
            "You live on the same gallery",
        ),
        (
            Reason(ReasonCode.SAME_SECTION, ("portiek",)),
            "Jullie wonen in hetzelfde portiek",
            "You share a stairwell (portiek)",
        ),
        (
            Reason(ReasonCode.SAME_COMPLEX),
            "Jullie wonen in hetzelfde complex",
            "You live in the same complex",
        ),
        (
            Reason(ReasonCode.SHARED_LANGUAGE, ("ar", "ti")),
            "Jullie spreken allebei Arabisch en Tigrinya",
            "You both speak Arabic and Tigrinya",
        ),
        (
            Reason(ReasonCode.SHARED_INTERESTS, ("cooking", "gardening", "knitting")),
            "Gedeelde interesses: koken, tuinieren en knitting",
            "Shared interests: cooking, gardening and knitting",
        ),
        (
            Reason(ReasonCode.SHARED_AVAILABILITY, ("weekend", "wed", "fri_evening", "after 8")),
            "Allebei beschikbaar: het weekend, woensdag, vrijdagavond, after 8",
            "Both available: the weekend, Wednesday, Friday evening, after 8",
        ),
        (
            Reason(ReasonCode.NO_SHARED_LANGUAGE, ("so",)),
            "Geen goede buur in dit complex spreekt Somalisch",
            "No good neighbour in this complex speaks Somali",
        ),
        (
            Reason(ReasonCode.ALL_NEIGHBOURS_FULL),
            "De goede buren die passen hebben al zoveel maatjes als ze kunnen begeleiden",
            "The good neighbours who fit already have as many buddies as they can take",
        ),
    ],
)
def test_it_explains_a_reason_in_dutch_and_english(reason: Reason, dutch: str, english: str) -> None:
    assert explain(reason) == dutch
    assert explain(reason, "en") == english


def test_every_reason_code_has_a_text_in_both_languages() -> None:
    for code in ReasonCode:
        for lang in ("nl", "en"):
            assert explain(Reason(code, ("x",)), lang)


def test_it_shows_an_unknown_language_code_as_the_code() -> None:
    assert language_name("tzm") == "tzm"
    assert explain(Reason(ReasonCode.SHARED_LANGUAGE, ("tzm",)), "en") == "You both speak tzm"


def test_it_names_common_languages_from_two_and_three_letter_codes() -> None:
    assert [language_name(c) for c in ("ti", "tir", "fa", "per", "uk", "nld")] == [
        "Tigrinya",
        "Tigrinya",
        "Perzisch (Farsi)",
        "Perzisch (Farsi)",
        "Oekraïens",
        "Nederlands",
    ]
    assert language_name("ar-SY", "en") == "Arabic"
    assert normalise_language(" PL_pl ") == "pl"


def test_it_refuses_a_language_it_has_no_texts_for() -> None:
    with pytest.raises(ValueError, match="'de'"):
        explain(Reason(ReasonCode.SAME_COMPLEX), "de")  # type: ignore[arg-type]
