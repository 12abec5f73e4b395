"""The kinds of signal: their translated names and the seed rows (code, VERA list and code,
process, response time in hours, whether people can report it).

VERA's signalering lists give the codes where they exist (SIGNALERINGSOORT OVE, AGR, ONB;
SIGNALERINGDETAILSOORT VER for a neglected home, BET for rent arrears). Damage, money worries,
loneliness, not seen for days and the neighbour network's kinds have no VERA code.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NUISANCE = "nuisance"
AGGRESSION = "aggression"
DAMAGE = "damage"
SUPPORT_NEED = "support_need"
HOME_NEGLECT = "home_neglect"
MONEY_WORRIES = "money_worries"
LONELINESS = "loneliness"
NOT_SEEN = "not_seen"
RENT_ARREARS = "rent_arrears"
MISSED_CHECK_IN = "missed_check_in"
NOT_REACHED = "not_reached"
UNCLAIMED_HELP = "unclaimed_help"

LABELS: dict[str, Promise] = {
    NUISANCE: _("Nuisance"),
    AGGRESSION: _("Aggression"),
    DAMAGE: _("Damage to the home or building"),
    SUPPORT_NEED: _("Needs support"),
    HOME_NEGLECT: _("Neglect of the home"),
    MONEY_WORRIES: _("Worries about money"),
    LONELINESS: _("Loneliness"),
    NOT_SEEN: _("Not seen for days"),
    RENT_ARREARS: _("Rent arrears"),
    MISSED_CHECK_IN: _("Missed check-in call"),
    NOT_REACHED: _("Check-in call: no contact"),
    UNCLAIMED_HELP: _("Help request nobody took"),
}

# code, VERA list, VERA code, process, response hours, reportable by people
SEED: tuple[tuple[str, str, str, str, int, bool], ...] = (
    (NOT_SEEN, "", "", "support", 24, True),
    (NUISANCE, "SIGNALERINGSOORT", "OVE", "nuisance", 72, True),
    (AGGRESSION, "SIGNALERINGSOORT", "AGR", "nuisance", 24, True),
    (DAMAGE, "", "", "damage", 120, True),
    (SUPPORT_NEED, "SIGNALERINGSOORT", "ONB", "support", 72, True),
    (HOME_NEGLECT, "SIGNALERINGDETAILSOORT", "VER", "support", 120, True),
    (MONEY_WORRIES, "", "", "support", 72, True),
    (LONELINESS, "", "", "support", 120, True),
    (RENT_ARREARS, "SIGNALERINGDETAILSOORT", "BET", "debt", 120, False),
    (MISSED_CHECK_IN, "", "", "network", 24, False),
    (NOT_REACHED, "", "", "network", 24, False),
    (UNCLAIMED_HELP, "", "", "network", 48, False),
)


def kind_label(code: str) -> Promise | str:
    return LABELS.get(code, code)
