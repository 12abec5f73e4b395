"""Vocabularies of buddy matching: languages, interests and time slots, and their normalisation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from omkijken.engine.buddies.model import Lang

# --------------------------------------------------------------------------------------------------
# Vocabularies: languages, interests, time slots

_LANGUAGE_NAMES: Mapping[str, tuple[str, str]] = {
    "nl": ("Nederlands", "Dutch"),
    "en": ("Engels", "English"),
    "ar": ("Arabisch", "Arabic"),
    "ary": ("Marokkaans-Arabisch", "Moroccan Arabic"),
    "ti": ("Tigrinya", "Tigrinya"),
    "tig": ("Tigre", "Tigre"),
    "am": ("Amhaars", "Amharic"),
    "om": ("Oromo", "Oromo"),
    "so": ("Somalisch", "Somali"),
    "sw": ("Swahili", "Swahili"),
    "tr": ("Turks", "Turkish"),
    "ku": ("Koerdisch", "Kurdish"),
    "ckb": ("Sorani (Koerdisch)", "Sorani Kurdish"),
    "kmr": ("Kurmanji (Koerdisch)", "Kurmanji Kurdish"),
    "fa": ("Perzisch (Farsi)", "Persian (Farsi)"),
    "prs": ("Dari", "Dari"),
    "ps": ("Pasjtoe", "Pashto"),
    "ur": ("Urdu", "Urdu"),
    "hi": ("Hindi", "Hindi"),
    "zh": ("Chinees", "Chinese"),
    "pl": ("Pools", "Polish"),
    "uk": ("Oekraïens", "Ukrainian"),
    "ru": ("Russisch", "Russian"),
    "ro": ("Roemeens", "Romanian"),
    "bg": ("Bulgaars", "Bulgarian"),
    "hu": ("Hongaars", "Hungarian"),
    "cs": ("Tsjechisch", "Czech"),
    "sk": ("Slowaaks", "Slovak"),
    "lt": ("Litouws", "Lithuanian"),
    "lv": ("Lets", "Latvian"),
    "el": ("Grieks", "Greek"),
    "sq": ("Albanees", "Albanian"),
    "bs": ("Bosnisch", "Bosnian"),
    "hr": ("Kroatisch", "Croatian"),
    "sr": ("Servisch", "Serbian"),
    "hy": ("Armeens", "Armenian"),
    "es": ("Spaans", "Spanish"),
    "pt": ("Portugees", "Portuguese"),
    "fr": ("Frans", "French"),
    "it": ("Italiaans", "Italian"),
    "de": ("Duits", "German"),
    "fy": ("Fries", "West Frisian"),
    "pap": ("Papiaments", "Papiamento"),
    "srn": ("Sranantongo", "Sranan Tongo"),
    "rif": ("Tarifit (Riffijns)", "Tarifit (Riffian)"),
    "zgh": ("Tamazight", "Tamazight"),
    "dse": ("Nederlandse Gebarentaal", "Sign Language of the Netherlands"),
}

# ISO 639-2 (B and T) and 639-3 codes of languages that also have a two-letter ISO 639-1 code.
_TO_TWO_LETTER: Mapping[str, str] = {
    "nld": "nl", "dut": "nl", "eng": "en", "ara": "ar", "tir": "ti", "amh": "am", "orm": "om",
    "som": "so", "swa": "sw", "tur": "tr", "kur": "ku", "fas": "fa", "per": "fa", "pus": "ps",
    "urd": "ur", "hin": "hi", "zho": "zh", "chi": "zh", "pol": "pl", "ukr": "uk", "rus": "ru",
    "ron": "ro", "rum": "ro", "bul": "bg", "hun": "hu", "ces": "cs", "cze": "cs", "slk": "sk",
    "slo": "sk", "lit": "lt", "lav": "lv", "ell": "el", "gre": "el", "sqi": "sq", "alb": "sq",
    "bos": "bs", "hrv": "hr", "srp": "sr", "hye": "hy", "arm": "hy", "spa": "es", "por": "pt",
    "fra": "fr", "fre": "fr", "ita": "it", "deu": "de", "ger": "de", "fry": "fy",
}  # fmt: skip

_INTEREST_NAMES: Mapping[str, tuple[str, str]] = {
    "cooking": ("koken", "cooking"),
    "walking": ("wandelen", "walking"),
    "gardening": ("tuinieren", "gardening"),
    "music": ("muziek", "music"),
    "sports": ("sporten", "sports"),
    "football": ("voetbal", "football"),
    "cycling": ("fietsen", "cycling"),
    "reading": ("lezen", "reading"),
    "board_games": ("spelletjes", "board games"),
    "chess": ("schaken", "chess"),
    "crafts": ("handwerken", "crafts"),
    "art": ("kunst", "art"),
    "films": ("films", "films"),
    "computers": ("computers", "computers"),
    "animals": ("dieren", "animals"),
    "coffee": ("koffie drinken", "having coffee"),
    "language_practice": ("taal oefenen", "practising Dutch"),
    "odd_jobs": ("klussen", "odd jobs"),
    "dancing": ("dansen", "dancing"),
    "fishing": ("vissen", "fishing"),
}

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS: tuple[str, ...] = ("morning", "afternoon", "evening")
_DAY_NAMES: Mapping[str, tuple[str, str]] = {
    "mon": ("maandag", "Monday"),
    "tue": ("dinsdag", "Tuesday"),
    "wed": ("woensdag", "Wednesday"),
    "thu": ("donderdag", "Thursday"),
    "fri": ("vrijdag", "Friday"),
    "sat": ("zaterdag", "Saturday"),
    "sun": ("zondag", "Sunday"),
}
_PART_NAMES: Mapping[str, tuple[str, str]] = {
    "morning": ("ochtend", "morning"),
    "afternoon": ("middag", "afternoon"),
    "evening": ("avond", "evening"),
}
_SLOT_BIT: Mapping[str, int] = {
    f"{day}_{part}": d * len(PARTS) + p for d, day in enumerate(DAYS) for p, part in enumerate(PARTS)
}
_N_SLOTS = len(_SLOT_BIT)
_DAY_MASK: Mapping[str, int] = {day: sum(1 << _SLOT_BIT[f"{day}_{part}"] for part in PARTS) for day in DAYS}
_SLOT_ALIASES: Mapping[str, int] = {
    **_DAY_MASK,
    "weekend": _DAY_MASK["sat"] | _DAY_MASK["sun"],
    "weekdays": sum(_DAY_MASK[day] for day in DAYS[:5]),
    **{part: sum(1 << _SLOT_BIT[f"{day}_{part}"] for day in DAYS) for part in PARTS},
}


@lru_cache(maxsize=4096)
def normalise_language(code: str) -> str:
    """``"TI"``, ``"tir"`` and ``"ti-ER"`` all become ``"ti"``; unknown codes are kept, lower-cased."""
    primary = code.strip().lower().replace("_", "-").split("-", 1)[0]
    return _TO_TWO_LETTER.get(primary, primary)


def _lang_index(lang: str) -> int:
    if lang == "nl":
        return 0
    if lang == "en":
        return 1
    raise ValueError(f"no texts for language {lang!r}; use 'nl' or 'en'")


def language_name(code: str, lang: Lang = "nl") -> str:
    """The language's name in Dutch or English; an unknown code is shown as the code."""
    names = _LANGUAGE_NAMES.get(normalise_language(code))
    return code if names is None else names[_lang_index(lang)]


def _normalise_interest(interest: str) -> str:
    return interest.strip().lower()


def _languages(codes: Iterable[str]) -> set[str]:
    return {code for code in map(normalise_language, codes) if code}


def _interests(interests: Iterable[str]) -> set[str]:
    return {interest for interest in map(_normalise_interest, interests) if interest}


@lru_cache(maxsize=4096)
def _slot_mask(token: str) -> int:
    """Bits of the 21 day parts a known slot token covers (0 for a token we do not know)."""
    token = token.strip().lower()
    if token in _SLOT_BIT:
        return 1 << _SLOT_BIT[token]
    return _SLOT_ALIASES.get(token, 0)


def _availability(tokens: Iterable[str]) -> tuple[int, frozenset[str]]:
    """The day parts as a bit mask, and the tokens we do not know (compared as they are)."""
    mask = 0
    other: set[str] = set()
    for token in tokens:
        bits = _slot_mask(token)
        if bits:
            mask |= bits
        elif token.strip():
            other.add(token.strip().lower())
    return mask, frozenset(other)


def _slot_values(mask: int) -> tuple[str, ...]:
    """Day parts as compact values: ``weekend``, whole days (``sat``), then single parts."""
    values: list[str] = []
    weekend = _SLOT_ALIASES["weekend"]
    if mask & weekend == weekend:
        values.append("weekend")
        mask &= ~weekend
    for day in DAYS:
        if mask & _DAY_MASK[day] == _DAY_MASK[day]:
            values.append(day)
        else:
            values.extend(f"{day}_{part}" for part in PARTS if mask >> _SLOT_BIT[f"{day}_{part}"] & 1)
    return tuple(values)
