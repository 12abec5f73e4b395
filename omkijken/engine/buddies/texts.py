"""Texts of buddy matching in Dutch and English: why a pair was proposed or a resident was not."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from omkijken.engine.buddies.model import Lang, Proposal, Reason, ReasonCode, SectionKind
from omkijken.engine.buddies.vocab import _DAY_NAMES, _INTEREST_NAMES, _PART_NAMES, _lang_index, language_name

# --------------------------------------------------------------------------------------------------
# Texts


def _join(items: Sequence[str], lang: Lang, last: tuple[str, str] = ("en", "and")) -> str:
    if len(items) <= 1:
        return "".join(items)
    word = last[_lang_index(lang)]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _interest_name(interest: str, lang: Lang) -> str:
    names = _INTEREST_NAMES.get(interest)
    return interest if names is None else names[_lang_index(lang)]


def _slot_name(value: str, lang: Lang) -> str:
    i = _lang_index(lang)
    if value == "weekend":
        return ("het weekend", "the weekend")[i]
    if value in _DAY_NAMES:
        return _DAY_NAMES[value][i]
    day, _, part = value.partition("_")
    if day in _DAY_NAMES and part in _PART_NAMES:
        return f"{_DAY_NAMES[day][0]}{_PART_NAMES[part][0]}" if i == 0 else f"{_DAY_NAMES[day][1]} {part}"
    return value


_SECTION_TEXTS: Mapping[str, tuple[str, str]] = {
    SectionKind.PORTIEK: ("Jullie wonen in hetzelfde portiek", "You share a stairwell (portiek)"),
    SectionKind.GALERIJ: ("Jullie wonen aan dezelfde galerij", "You live on the same gallery"),
    SectionKind.FLOOR: ("Jullie wonen op dezelfde verdieping", "You live on the same floor"),
    SectionKind.SECTION: ("Jullie wonen in hetzelfde bouwdeel", "You live in the same part of the building"),
}

_FIXED_TEXTS: Mapping[ReasonCode, tuple[str, str]] = {
    ReasonCode.SAME_COMPLEX: ("Jullie wonen in hetzelfde complex", "You live in the same complex"),
    ReasonCode.NO_NEIGHBOUR_IN_COMPLEX: (
        "Er is (nog) geen goede buur in dit complex",
        "There is no good neighbour in this complex (yet)",
    ),
    ReasonCode.ALL_NEIGHBOURS_EXCLUDED: (
        "Met alle goede buren in dit complex is een eerdere koppeling beëindigd of afgewezen",
        "An earlier pairing with every good neighbour in this complex ended or was declined",
    ),
    ReasonCode.ALL_NEIGHBOURS_FULL: (
        "De goede buren die passen hebben al zoveel maatjes als ze kunnen begeleiden",
        "The good neighbours who fit already have as many buddies as they can take",
    ),
    ReasonCode.NEIGHBOURS_TAKEN: (
        "De goede buren die passen zijn in deze ronde aan andere bewoners voorgesteld",
        "The good neighbours who fit were proposed to other residents in this round",
    ),
}


def explain(reason: Reason, lang: Lang = "nl") -> str:
    """One reason as a sentence in Dutch (default) or English."""
    i = _lang_index(lang)
    code, values = reason.code, reason.values
    if code in _FIXED_TEXTS:
        return _FIXED_TEXTS[code][i]
    if code is ReasonCode.SAME_SECTION:
        kind = values[0] if values else SectionKind.SECTION.value
        return _SECTION_TEXTS.get(kind, _SECTION_TEXTS[SectionKind.SECTION])[i]
    if code is ReasonCode.SHARED_LANGUAGE:
        names = _join([language_name(v, lang) for v in values], lang, ("en", "and"))
        return (f"Jullie spreken allebei {names}", f"You both speak {names}")[i]
    if code is ReasonCode.SHARED_INTERESTS:
        names = _join([_interest_name(v, lang) for v in values], lang, ("en", "and"))
        if len(values) == 1:
            return (f"Gedeelde interesse: {names}", f"Shared interest: {names}")[i]
        return (f"Gedeelde interesses: {names}", f"Shared interests: {names}")[i]
    if code is ReasonCode.SHARED_AVAILABILITY:
        names = ", ".join(_slot_name(v, lang) for v in values)
        return (f"Allebei beschikbaar: {names}", f"Both available: {names}")[i]
    if code is ReasonCode.NO_SHARED_LANGUAGE:
        if not values:
            return (
                "Er is geen taal bekend die deze bewoner met een goede buur in dit complex deelt",
                "No language is known that this resident shares with a good neighbour in this complex",
            )[i]
        names = _join([language_name(v, lang) for v in values], lang, ("of", "or"))
        return (
            f"Geen goede buur in dit complex spreekt {names}",
            f"No good neighbour in this complex speaks {names}",
        )[i]
    raise ValueError(f"no text for reason {code!r}")  # pragma: no cover


def describe(proposal: Proposal, lang: Lang = "nl") -> str:
    """All reasons of a proposal in one line, e.g. "same gallery; both speak Tigrinya"."""
    return "; ".join(explain(r, lang) for r in proposal.reasons)
