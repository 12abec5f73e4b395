"""Every sentence the engine writes into a result, in Dutch (default) and English, keyed by code.

A result carries the ``code`` and the rendered sentences; the letting application can render its own
letters from the code and parameters. Texts for passed-over households address the household
("U ..."), name only its own data and never another household's: a competitor is always "een
huishouden met meer voorrang" or similar. Texts for empty units address the letting officer.

A household or officer never reads a code: every code a parameter may carry (a unit feature or
household need, a channel, a target group, a passendheid, a justification) is put into words
from :data:`VOCABULARY` when a text is filled. The engine has no gettext, so a text that depends
on a number carries both forms: ``{size|persoon|personen}`` is "persoon" when the parameter
``size`` is 1 and "personen" otherwise (for a list parameter such as ``missing``: its number of
items).
"""

from __future__ import annotations

import re
from functools import lru_cache

# code -> (Dutch, English): every code of the round format that a text may mention.
VOCABULARY: dict[str, tuple[str, str]] = {
    # unit features and household needs (units[].features, candidates[].needs)
    "LIFT": ("lift", "lift"),
    "GROUND_FLOOR": ("gelijkvloers", "ground floor"),
    "WHEELCHAIR": ("rolstoeltoegankelijk", "wheelchair accessible"),
    # channels (units[].channels)
    "REGULAR": ("reguliere woningzoekenden", "regular home seekers"),
    "GOOD_NEIGHBOUR": ("goede buren", "good neighbours"),
    "DIRECT": ("directe bemiddeling", "direct mediation"),
    # target groups of nominees (candidates[].target_group, quotas[].target_group)
    "DAK": ("dak- en thuislozen", "formerly homeless"),
    "STH": ("statushouders", "refugee status holders"),
    "UIT": ("uitstroom uit een instelling", "outflow from an institution"),
    "GGZ": ("cliënten van de geestelijke gezondheidszorg", "mental-health care clients"),
    # passendheid of an assignment (assignments[].passendheid)
    "PAS": ("passend", "passend"),
    "NIE": ("niet passend (uitzondering)", "not passend (exception)"),
    "NVT": ("niet van toepassing", "not applicable"),
    # VERA justification of a non-passende allocation (assignments[].justification)
    "BIJ": ("bijzondere gezinssituatie", "special family circumstances"),
    "HER": ("herstructurering", "urban renewal (herstructurering)"),
    "HHV": ("herhuisvesting", "rehousing (herhuisvesting)"),
}

# parameters that carry codes (one, or a list joined by ", ") rather than the household's own data
CODE_PARAMS = frozenset({"missing", "channel", "channels"})


def term(code: str, language: str = "nl") -> str:
    """The words for a code in ``language`` ("nl" or "en"); an unknown code in lower case, spaced."""
    words = VOCABULARY.get(code)
    if words is None:
        return code.replace("_", " ").lower()
    return words[1] if language == "en" else words[0]


def terms(codes: str, language: str = "nl") -> str:
    """A list of codes joined by ", " as words: "lift, gelijkvloers en rolstoeltoegankelijk"."""
    items = [term(c.strip(), language) for c in codes.split(",") if c.strip()]
    if len(items) < 2:
        return "".join(items)
    last = " en " if language != "en" else " and "
    return ", ".join(items[:-1]) + last + items[-1]


# code -> (rule of the exchange format that the reason rests on, Dutch, English)
PASSED_OVER: dict[str, tuple[int, str, str]] = {
    "PREFERRED_OTHER": (
        5,
        "U heeft een andere woning gekregen die u hoger op uw lijst had gezet.",
        "You were offered another home that you had ranked higher on your list.",
    ),
    "SIZE": (
        2,
        "Deze woning is bedoeld voor een huishouden van {min} tot en met {max} {max|persoon|personen}; "
        "uw huishouden telt {size} {size|persoon|personen}.",
        "This home is meant for a household of {min} to {max} {max|person|persons}; your household has "
        "{size} {size|person|persons}.",
    ),
    "NEEDS": (
        2,
        "Deze woning mist {missing|een voorziening|voorzieningen} die u nodig heeft: {missing}.",
        "This home lacks {missing|a feature|features} you need: {missing}.",
    ),
    "PASSEND": (
        2,
        "Met uw inkomen mogen wij u volgens de regels voor passend toewijzen een woning aanbieden met "
        "een kale huur tot en met € {limit}; de huur van deze woning is € {rent}.",
        "Under the passend toewijzen rules we may offer you a home with a net rent up to € {limit}; "
        "this home's rent is € {rent}.",
    ),
    "DAEB": (
        2,
        "Uw inkomen is hoger dan de inkomensgrens van € {limit} voor een sociale huurwoning, en de "
        "ruimte voor uitzonderingen in deze ronde was op.",
        "Your income is above the € {limit} limit for social housing, and this round had no room left "
        "for exceptions.",
    ),
    "MIX": (
        4,
        "In dit complex wonen al zoveel huishoudens die extra ondersteuning krijgen als afgesproken; "
        "daarom kunnen wij u hier nu geen woning geven.",
        "This complex already houses as many supported households as agreed, so we cannot house you "
        "here now.",
    ),
    "SECTION": (
        4,
        "In dit deel van het gebouw wonen al zoveel huishoudens die extra ondersteuning krijgen als "
        "afgesproken; daarom kunnen wij u hier nu geen woning geven.",
        "This part of the building already houses as many supported households as agreed, so we "
        "cannot house you here now.",
    ),
    "PARTNER": (
        4,
        "Uw begeleidende organisatie kan in dit complex niet meer huishoudens begeleiden dan nu al; "
        "daarom kunnen wij u hier nu geen woning geven.",
        "Your support organisation cannot support more households in this complex, so we cannot house "
        "you here now.",
    ),
    "CHANNEL": (
        3,
        "Deze woning is toegewezen via {channel}; daarvoor komt u niet in aanmerking.",
        "This home was let through another channel ({channel}), in which you do not compete.",
    ),
    "ASSIGNED_EARLIER": (
        0,
        "U had al een andere woning gekregen, die eerder aan de beurt was, al stond deze woning hoger "
        "op uw lijst.",
        "You had already been given another home that was handled earlier, although you ranked this "
        "one higher.",
    ),
    "UNJUSTIFIED": (
        0,
        "Een huishouden met minder voorrang heeft deze woning gekregen zonder dat een regel dat "
        "vereiste. Neem contact met ons op.",
        "A household with less priority got this home without a rule requiring it. Please contact us.",
    ),
}

UNASSIGNED: dict[str, tuple[str, str]] = {
    "NO_RESPONSES": (
        "Niemand heeft op deze woning gereageerd.",
        "Nobody responded to this home.",
    ),
    "NO_COMPETITORS": (
        "Niemand die op deze woning reageerde, dingt mee via {channels|het kanaal|een van de kanalen} "
        "van deze woning ({channels}).",
        "Nobody who responded competes in {channels|this home's channel|one of this home's channels} "
        "({channels}).",
    ),
    "NO_ELIGIBLE": (
        "{n|Het enige reagerende huishouden komt niet|Geen van de {n} reagerende huishoudens komt} in "
        "aanmerking (huishoudgrootte, benodigde voorzieningen, inkomen of huur).",
        "{n|The one responding household is not|None of the {n} responding households is} eligible "
        "(household size, needs, income or rent).",
    ),
    "ALL_PREFERRED_OTHER": (
        "{n|Het enige huishouden dat in aanmerking kwam, heeft een woning gekregen die het hoger op "
        "zijn lijst had gezet|Alle {n} huishoudens die in aanmerking kwamen, hebben een woning "
        "gekregen die zij hoger op hun lijst hadden gezet}.",
        "{n|The one eligible household got a home it|All {n} eligible households got a home they} had "
        "ranked higher.",
    ),
    "BLOCKED_MIX": (
        "De huishoudens die nog geen woning hebben en in aanmerking komen, passen niet binnen de "
        "afgesproken verdeling (complex, portiek of capaciteit van de zorgpartner).",
        "The eligible households still without a home do not fit the agreed mix (complex, section or "
        "care partner capacity).",
    ),
    "EXCEPTION_BUDGET": (
        "De huishoudens die nog geen woning hebben, komen alleen met een uitzondering in aanmerking "
        "(op passend toewijzen of op de inkomensgrens voor sociale huur), en daarvoor was geen ruimte "
        "meer in deze ronde.",
        "The households still without a home would need an exception (to passend toewijzen or to the "
        "income limit for social housing), and the round had none left.",
    ),
    "ALL_ASSIGNED": (
        "{n|Het enige huishouden dat in aanmerking kwam, heeft|Alle {n} huishoudens die in aanmerking "
        "kwamen, hebben} al een andere woning gekregen.",
        "{n|The one eligible household was|All {n} eligible households were} already given another home.",
    ),
    "MOVE_BLOCKED": (
        "{n|Het enige huishouden dat deze woning hoger op zijn lijst had dan de woning die het kreeg, "
        "kon hier niet naartoe verhuizen|De {n} huishoudens die deze woning hoger op hun lijst hadden "
        "dan de woning die zij kregen, konden hier niet naartoe verhuizen} zonder een regel te breken: "
        "de afgesproken verdeling van het complex of de portiek, de capaciteit van de zorgpartner, de "
        "voorrang van een ander huishouden of de ruimte voor uitzonderingen.",
        "{n|The one household that ranked this home above the home it got could not move here|The {n} "
        "households that ranked this home above the home they got could not move here} without "
        "breaking a rule: the agreed mix of the complex or section, the care partner's capacity, "
        "another household's priority or the room for exceptions.",
    ),
    "NOT_FILLED": (
        "Deze woning is niet gevuld, hoewel een huishouden haar had kunnen krijgen.",
        "This home was left empty although a household could have taken it.",
    ),
}

# {name|singular|plural}; the forms may hold placeholders such as {n}
_PLURAL = re.compile(r"\{(\w+)\|((?:[^|{}]|\{\w+\})*)\|((?:[^|{}]|\{\w+\})*)\}")


def _count(value: str) -> int:
    """The number a parameter stands for: its value, or for a list of codes, its number of items."""
    value = value.strip()
    if value.lstrip("-").isdigit():
        return int(value)
    return len([item for item in value.split(",") if item.strip()])


def fill(template: str, params: dict[str, str], language: str) -> str:
    """A text with its plural forms chosen and its parameters filled, codes put into words."""
    chosen = _PLURAL.sub(lambda m: m.group(2) if _count(params[m.group(1)]) == 1 else m.group(3), template)
    words = {k: terms(v, language) if k in CODE_PARAMS else v for k, v in params.items()}
    return chosen.format(**words)


@lru_cache(maxsize=4096)
def passed_over_text(code: str, params: tuple[tuple[str, str], ...] = ()) -> tuple[int, str, str]:
    """(rule, Dutch, English) for a passed-over household; cached, so equal reasons share strings."""
    rule, nl, en = PASSED_OVER[code]
    kw = dict(params)
    return rule, fill(nl, kw, "nl"), fill(en, kw, "en")


@lru_cache(maxsize=4096)
def unassigned_text(code: str, params: tuple[tuple[str, str], ...] = ()) -> tuple[str, str]:
    nl, en = UNASSIGNED[code]
    kw = dict(params)
    return fill(nl, kw, "nl"), fill(en, kw, "en")


def euro(x: float) -> str:
    """Dutch money notation without the sign: 1234.5 -> '1.234,50'."""
    s = f"{x:,.2f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")
