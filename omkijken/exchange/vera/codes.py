"""What the VERA export and import agree on: the kinds, the sensitive urgency codes, the
names of the extra attributes we use, and how a unit is keyed.
"""

from __future__ import annotations

from omkijken.exchange.vera import schema
from omkijken.portfolio.models import Unit

KINDS = tuple(schema.KINDS)

# Urgency reasons (VOORRANGDETAILSOORT) that reveal special-category facts: health, (near)
# homelessness, detention, outflow from an institution, refugee status.
SENSITIVE_URGENCY = frozenset({"MED", "DAK", "EXD", "UIT", "STA"})

# Roles (RELATIEROLSOORT) of a kandidaat's person that make them the main applicant: what we
# export (WON, Woningzoekende: "synoniem aan Hoofdaanvrager"), the tenant (HUU), and HOO
# (Hoofdbewoner), retired in 2022 but still in older files.
MAIN_TENANT_ROLES = frozenset({"WON", "HUU", "HOO"})
MAIN_TENANT_ROLE = "WON"
CO_APPLICANT_ROLE = "MBW"  # Medebewoner
# The role in which an offer's or allocation's person carries the household reference as its
# code: WON (Woningzoekende); HUI (Huishouden), retired in 2022, is still read.
HOUSEHOLD_ROLE = "WON"
HOUSEHOLD_ROLES = frozenset({"WON", "HUI"})

# Extra attributes (naam) we use, per kind.
X_SECTION = "sectie"
X_STATUS = "inschrijvingStatus"
X_PENSION = "aowLeeftijdBereikt"
X_NEEDS = "behoeften"
X_UNIT = "eenheid"
X_RESPOND_BY = "reactieUiterlijk"
X_VIEWING = "bezichtiging"
X_DECIDED = "besluitdatum"
X_ALLOCATION = "toewijzing"
X_OUR_STATUS = "omkijkenStatus"
X_ROUND = "ronde"
X_ADVERT = "publicatie"
X_CHANNEL = "kanaal"

ref = schema.ref


def unit_key(unit: Unit) -> str:
    return f"{unit.complex.code}/{unit.code}"
