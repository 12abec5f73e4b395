"""Every sentence the engine writes into a result, in Dutch (default) and English, keyed by code.

A result carries the ``code`` and the rendered sentences; the letting application can render its own
letters from the code and parameters. Texts for passed-over households address the household
("U ..."), name only its own data and never another household's: a competitor is always "een
huishouden met meer voorrang" or similar. Texts for empty units address the letting officer.
"""

from __future__ import annotations

from functools import lru_cache

# code -> (rule of the exchange format that the reason rests on, Dutch, English)
PASSED_OVER: dict[str, tuple[int, str, str]] = {
    "PREFERRED_OTHER": (
        5,
        "U heeft een andere woning gekregen die u hoger op uw lijst had gezet.",
        "You were offered another home that you had ranked higher on your list.",
    ),
    "SIZE": (
        2,
        "Deze woning is bedoeld voor een huishouden van {min} tot en met {max} personen; uw huishouden "
        "telt {size} personen.",
        "This home is meant for a household of {min} to {max} persons; your household has {size}.",
    ),
    "NEEDS": (
        2,
        "Deze woning heeft niet alles wat u nodig heeft: {missing} ontbreekt.",
        "This home lacks something you need: {missing}.",
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
        "Niemand die op deze woning reageerde, dingt mee via een van de kanalen van deze woning ({channels}).",
        "Nobody who responded competes in one of this home's channels ({channels}).",
    ),
    "NO_ELIGIBLE": (
        "Geen van de {n} reagerende huishoudens komt in aanmerking (huishoudgrootte, benodigde "
        "voorzieningen, inkomen of huur).",
        "None of the {n} responding households is eligible (household size, needs, income or rent).",
    ),
    "ALL_PREFERRED_OTHER": (
        "Alle {n} huishoudens die in aanmerking kwamen, hebben een woning gekregen die zij hoger op hun "
        "lijst hadden gezet.",
        "All {n} eligible households got a home they had ranked higher.",
    ),
    "BLOCKED_MIX": (
        "De huishoudens die nog geen woning hebben en in aanmerking komen, passen niet binnen de "
        "afgesproken verdeling (complex, portiek of capaciteit van de zorgpartner).",
        "The eligible households still without a home do not fit the agreed mix (complex, section or "
        "care partner capacity).",
    ),
    "EXCEPTION_BUDGET": (
        "De huishoudens die nog geen woning hebben, komen alleen met een uitzondering in aanmerking "
        "(passend toewijzen of DAEB), en daarvoor was geen ruimte meer in deze ronde.",
        "The households still without a home would need an exception (passend toewijzen or DAEB), and "
        "the round had none left.",
    ),
    "ALL_ASSIGNED": (
        "Alle {n} huishoudens die in aanmerking kwamen, hebben al een andere woning gekregen.",
        "All {n} eligible households were already given another home.",
    ),
    "NOT_FILLED": (
        "Deze woning is niet gevuld, hoewel een huishouden haar had kunnen krijgen.",
        "This home was left empty although a household could have taken it.",
    ),
}


@lru_cache(maxsize=4096)
def passed_over_text(code: str, params: tuple[tuple[str, str], ...] = ()) -> tuple[int, str, str]:
    """(rule, Dutch, English) for a passed-over household; cached, so equal reasons share strings."""
    rule, nl, en = PASSED_OVER[code]
    kw = dict(params)
    return rule, nl.format(**kw), en.format(**kw)


@lru_cache(maxsize=4096)
def unassigned_text(code: str, params: tuple[tuple[str, str], ...] = ()) -> tuple[str, str]:
    nl, en = UNASSIGNED[code]
    kw = dict(params)
    return nl.format(**kw), en.format(**kw)


def euro(x: float) -> str:
    """Dutch money notation without the sign: 1234.5 -> '1.234,50'."""
    s = f"{x:,.2f}"
    return s.replace(",", "_").replace(".", ",").replace("_", ".")
