"""The health-question check of the motivation intake.

Wet goed verhuurderschap: a landlord may not ask about an applicant's physical or mental health.
``health_terms_in`` finds the words of a question that touch on health, in Dutch and English, so
that the questionnaire form and service can refuse the question and name the word.

Matching is by word, not by substring of the whole text: a *stem* matches a word that starts with
it ("gezondheid" in "gezondheidsproblemen"), a *part* matches anywhere inside a Dutch compound
("verslaving" in "drugsverslaving"), and a *word* only matches the whole word (English "ill" is not
found in "will"). Deliberately broad: a refused question can be rephrased; a health question that
slips through cannot be unasked.
"""

from __future__ import annotations

import re
import unicodedata

# Match at the start of a word (any ending: plural, adjective, compound head).
STEMS: tuple[str, ...] = (
    # Dutch
    "gezond",  # gezond, gezondheid, gezondheidsproblemen
    "ziek",  # ziek, ziekte, ziekten, ziekenhuis, ziektegeschiedenis
    "diagnos",  # diagnose, gediagnosticeerd via "gediagnos" below
    "gediagnos",
    "medicijn",
    "medicatie",
    "medisch",
    "geneesmiddel",
    "psych",  # psychisch, psychiatrisch, psychiater, psycholoog, psychose
    "verslav",  # verslaving, verslaafd (below)
    "verslaafd",
    "handicap",
    "gehandicapt",
    "beperking",
    "ggz",
    "therap",  # therapie, therapeut
    "zorgindicatie",
    "indicatiestelling",
    "depressi",  # depressie, depressief
    "angststoornis",
    "stoornis",
    "autis",  # autisme, autistisch
    "adhd",
    "burn-out",
    "burnout",
    "huisarts",
    "dokter",
    "lichamelijk",
    "geestelijk",
    "mentale",
    "invalid",
    "rolstoel",
    "zwanger",
    "arbeidsongeschikt",
    "wlz",
    "wmo-indicatie",
    # English
    "health",  # health, healthy, healthcare
    "illness",
    "sick",  # sick, sickness
    "disease",
    "diagnos",
    "medication",
    "medicine",
    "medical",
    "addict",  # addict, addiction, addicted
    "disabilit",
    "disabled",
    "therap",
    "treatment",
    "depress",
    "anxiety",
    "disorder",
    "autism",
    "autistic",
    "hospital",
    "doctor",
    "physician",
    "pregnan",
    "wheelchair",
    "mental",
)

# Match anywhere inside a word (Dutch compounds put the telling part last).
PARTS: tuple[str, ...] = (
    "verslaving",
    "verslaafd",
    "ziekte",
    "medicijn",
    "medicatie",
    "diagnose",
    "therapie",
    "behandeling",
    "zorgindicatie",
    "depressie",
    "stoornis",
    "handicap",
    "beperking",
    "psychisch",
    "psychiatr",
    "gezondheid",
    "ggz",
    "zorgbehoefte",
    "zorgvraag",
)

# Match the whole word only (short words that occur inside harmless ones).
WORDS: tuple[str, ...] = ("ill", "artsen", "hiv", "aids", "kanker", "cancer", "diabetes")

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


def _fold(text: str) -> str:
    """Lowercase and drop accents, so "diagnóse" and "Diagnose" are the same word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _hits(token: str) -> bool:
    pieces = [token, *token.split("-")] if "-" in token else [token]
    for piece in pieces:
        if piece in WORDS:
            return True
        if any(piece.startswith(stem) for stem in STEMS):
            return True
        if any(part in piece for part in PARTS):
            return True
    return False


def health_terms_in(text: str) -> list[str]:
    """The words of ``text`` that ask about health, as written, first occurrence first.

    >>> health_terms_in("Heeft u gezondheidsproblemen of gebruikt u medicatie?")
    ['gezondheidsproblemen', 'medicatie']
    >>> health_terms_in("What would you like to organise for your neighbours?")
    []
    """
    found: list[str] = []
    seen: set[str] = set()
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        key = _fold(word)
        if key not in seen and _hits(key):
            seen.add(key)
            found.append(word)
    return found
