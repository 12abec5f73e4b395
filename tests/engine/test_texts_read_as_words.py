"""Every reason the engine writes for a household or an officer reads as words: no raw code
(``GROUND_FLOOR``, ``DIRECT``), and the right number ("1 persoon", "3 personen")."""

from __future__ import annotations

import itertools
import re

import pytest

from omkijken.engine.allocation import allocate
from omkijken.engine.generate import generate_round
from omkijken.engine.texts import PASSED_OVER, UNASSIGNED, VOCABULARY, passed_over_text, unassigned_text
from tests.codes import codes_in

FEATURES = ("LIFT", "GROUND_FLOOR", "WHEELCHAIR")
CHANNELS = ("REGULAR", "GOOD_NEIGHBOUR", "DIRECT")

# representative values of every parameter a text takes: codes one at a time and together,
# numbers one and more than one
VALUES: dict[str, tuple[str, ...]] = {
    "missing": (*FEATURES, "GROUND_FLOOR, LIFT", ", ".join(FEATURES)),
    "channel": CHANNELS,
    "channels": (*CHANNELS, "REGULAR, GOOD_NEIGHBOUR", ", ".join(CHANNELS)),
    "min": ("1", "2"),
    "max": ("1", "4"),
    "size": ("1", "5"),
    "n": ("1", "3"),
    "limit": ("713,44",),
    "rent": ("900,00",),
}


def _params(template: str) -> list[tuple[tuple[str, str], ...]]:
    names = sorted(set(re.findall(r"\{(\w+)[}|]", template)))
    return [tuple(zip(names, combo, strict=True)) for combo in itertools.product(*(VALUES[n] for n in names))]


def every_text() -> list[tuple[str, tuple[tuple[str, str], ...], str, str]]:
    out = []
    for code, (_rule, nl, en) in PASSED_OVER.items():
        for params in _params(nl + en):
            _r, text_nl, text_en = passed_over_text(code, params)
            out.append((code, params, text_nl, text_en))
    for code, (nl, en) in UNASSIGNED.items():
        for params in _params(nl + en):
            text_nl, text_en = unassigned_text(code, params)
            out.append((code, params, text_nl, text_en))
    return out


def test_no_reason_the_engine_can_write_shows_a_code_in_dutch_or_english() -> None:
    # given every reason code with representative parameters
    texts = every_text()
    assert {t[0] for t in texts} == set(PASSED_OVER) | set(UNASSIGNED)
    # then neither the Dutch nor the English sentence contains a raw code
    found = {(code, params, c) for code, params, nl, en in texts for c in codes_in(nl) + codes_in(en)}
    assert found == set()


def test_the_reasons_of_an_allocated_round_show_no_code() -> None:
    # given a synthetic round of 200 vacancies and 2,000 households, allocated
    result = allocate(generate_round("S", seed=3))
    reasons = [
        text
        for e in result["explanations"]
        for p in e["passed_over"]
        for text in (p["reason"], p["reason_en"])
    ] + [text for u in result["unassigned_units"] for text in (u["reason"], u["reason_en"])]
    assert len(reasons) > 100
    # then no household or officer reads a code in any of them
    assert {c for text in reasons for c in codes_in(text)} == set()


def test_a_missing_need_is_named_in_words() -> None:
    # when a home lacks a ground floor and a lift
    _rule, nl, en = passed_over_text("NEEDS", (("missing", "GROUND_FLOOR, LIFT"),))
    # then the household reads what is missing, in its language
    assert "gelijkvloers en lift" in nl
    assert "ground floor and lift" in en


@pytest.mark.parametrize(
    ("size", "nl", "en"),
    [
        ("1", "uw huishouden telt 1 persoon.", "your household has 1 person."),
        ("3", "uw huishouden telt 3 personen.", "your household has 3 persons."),
    ],
)
def test_a_household_size_takes_the_singular_for_one_person(size: str, nl: str, en: str) -> None:
    _rule, text_nl, text_en = passed_over_text("SIZE", (("min", "2"), ("max", "4"), ("size", size)))
    assert text_nl.endswith(nl)
    assert text_en.endswith(en)


def test_one_responding_household_is_not_called_none_of_the_one() -> None:
    one_nl, one_en = unassigned_text("NO_ELIGIBLE", (("n", "1"),))
    three_nl, three_en = unassigned_text("NO_ELIGIBLE", (("n", "3"),))
    assert "Geen van de 1" not in one_nl and "None of the 1" not in one_en
    assert one_nl.startswith("Het enige reagerende huishouden komt niet in aanmerking")
    assert three_nl.startswith("Geen van de 3 reagerende huishoudens komt in aanmerking")
    assert three_en.startswith("None of the 3 responding households is eligible")


def test_the_vocabulary_names_every_code_of_the_round_format_in_both_languages() -> None:
    for code in (*FEATURES, *CHANNELS, "DAK", "STH", "UIT", "GGZ", "PAS", "NIE", "NVT", "BIJ", "HER", "HHV"):
        nl, en = VOCABULARY[code]
        assert nl and en and not codes_in(nl) and not codes_in(en), code
