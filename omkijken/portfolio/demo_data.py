"""The fixed shapes the portfolio demo draws from: Overvliet's districts, street names, homes by
number of rooms, and the specs of complexes with who lives in them (see :mod:`.demo`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from omkijken.demo.personas import CARE_PARTNER, MUNICIPALITY_CODE, OTHER_CARE_PARTNERS

# Two fictional districts of the municipality 0344: Overvliet (post-war flats, 8 buurten) and
# Vechtzoom (new build, 2 buurten). (code, name, postcode digits)
DISTRICTS: tuple[tuple[str, str, tuple[tuple[str, str, str], ...]], ...] = (
    (
        f"WK{MUNICIPALITY_CODE}01",
        "Overvliet",
        (
            (f"BU{MUNICIPALITY_CODE}0101", "Vlietpark", "3561"),
            (f"BU{MUNICIPALITY_CODE}0102", "Dreven-Noord", "3562"),
            (f"BU{MUNICIPALITY_CODE}0103", "Dreven-Zuid", "3563"),
            (f"BU{MUNICIPALITY_CODE}0104", "Molenweide", "3564"),
            (f"BU{MUNICIPALITY_CODE}0105", "Schouwbuurt", "3565"),
            (f"BU{MUNICIPALITY_CODE}0106", "Havenrand", "3566"),
            (f"BU{MUNICIPALITY_CODE}0107", "Kanaalkwartier", "3567"),
            (f"BU{MUNICIPALITY_CODE}0108", "Overvliet-Oost", "3568"),
        ),
    ),
    (
        f"WK{MUNICIPALITY_CODE}02",
        "Vechtzoom",
        (
            (f"BU{MUNICIPALITY_CODE}0201", "Brugkwartier", "3591"),
            (f"BU{MUNICIPALITY_CODE}0202", "Kompasveld", "3592"),
        ),
    ),
)
DEMO_NEIGHBOURHOOD_CODES = tuple(code for _, _, buurten in DISTRICTS for code, _, _ in buurten)
OVERVLIET_BUURTEN = DEMO_NEIGHBOURHOOD_CODES[:8]
BRUGKWARTIER, KOMPASVELD = DEMO_NEIGHBOURHOOD_CODES[8:]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Street names of the regular stock (fictional combinations; one street per complex).
STREET_STEMS = _words(
    "Kemphaan Reiger Ooievaar Zwaluw Lijster Merel Kievit Wulp Grutto Tureluur Plevier Scholekster "
    "Roerdomp Fuut Meerkoet Waterhoen Specht Boomklever Goudvink Putter Sijs Kneu Gors Pimpelmees "
    "Winterkoning Roodborst Nachtegaal Leeuwerik Spreeuw Zanglijster Koekoek Havik Sperwer Buizerd "
    "Torenvalk Kraanvogel Lepelaar Aalscholver Bergeend Krakeend Smient Slobeend Tafeleend "
    "Zilvermeeuw Stern Kluut"
)
GALLERY_SUFFIXES = ("dreef", "flat", "hof")
STAIRWELL_SUFFIXES = ("straat", "laan", "kade", "weg")
TERRACED_SUFFIXES = ("erf", "pad", "hof", "straat")
APARTMENT_SUFFIXES = ("plein", "staete", "hof")

# --- homes -------------------------------------------------------------------------------------
AREA_BY_ROOMS = {1: (28, 38), 2: (42, 58), 3: (58, 78), 4: (72, 92), 5: (88, 115)}
RENT_BY_ROOMS = {1: 480, 2: 545, 3: 625, 4: 705, 5: 785}
HOUSEHOLD_SIZE_BY_ROOMS = {1: (1, 1), 2: (1, 2), 3: (1, 4), 4: (2, 6), 5: (3, 8)}
DAEB_RENT_FLOOR, DAEB_RENT_CEILING = Decimal("450.00"), Decimal("900.00")

# --- who lives there --------------------------------------------------------------------------


@dataclass(frozen=True)
class VulnerableProfile:
    """Who the vulnerable households of a complex are and how they rent."""

    groups: tuple[tuple[str, int], ...]
    partners: tuple[tuple[str, int], ...]
    omklap_share: float  # of partnered leases; the rest are driehoek leases
    partnered_share: float = 0.85  # of non-status-holder households


PROFILE_NEW_BUILD = VulnerableProfile(
    (("DAK", 70), ("UIT", 20), ("GGZ", 10)), ((CARE_PARTNER, 1),), 0.85, 1.0
)
PROFILE_KOMPAS = VulnerableProfile(
    (("DAK", 65), ("UIT", 25), ("GGZ", 10)), ((CARE_PARTNER, 80), (OTHER_CARE_PARTNERS[0], 20)), 0.85, 1.0
)
PROFILE_VLIETHOF = VulnerableProfile(
    (("GGZ", 35), ("DAK", 30), ("STH", 20), ("VER", 10), ("UIT", 5)),
    ((OTHER_CARE_PARTNERS[1], 65), (CARE_PARTNER, 35)),
    0.25,
    0.95,
)
PROFILE_GENERAL = VulnerableProfile(
    (("STH", 35), ("GGZ", 18), ("DAK", 15), ("UIT", 12), ("VER", 8), ("PSY", 4), ("GED", 4), ("VBE", 4)),
    ((CARE_PARTNER, 40), (OTHER_CARE_PARTNERS[0], 30), (OTHER_CARE_PARTNERS[1], 30)),
    0.35,
)
PROFILE_OTHER_CORPORATION = VulnerableProfile(
    (("STH", 30), ("GGZ", 25), ("DAK", 25), ("UIT", 20)),
    ((OTHER_CARE_PARTNERS[0], 70), (OTHER_CARE_PARTNERS[1], 30)),
    0.3,
)


# --- specs -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SectionSpec:
    name: str
    kind: str
    slots: tuple[tuple[int, int, str], ...]  # (floor, house number, suffix)


@dataclass
class ComplexSpec:
    name: str
    building_type: str
    storeys: int
    year_built: int
    buurt: str
    sections: list[SectionSpec]
    no_section_slots: list[tuple[int, int, str]] = field(default_factory=list)
    street: str = ""
    vulnerable_share: float = 0.08  # share of the occupied homes (regular stock), placed at random
    vacancy: float = 0.055  # share of the homes that are empty
    profile: VulnerableProfile = PROFILE_GENERAL
    # Project complexes: exact number of vulnerable households, placed within section caps.
    project_target: float | None = None
    vulnerable_count: int | None = None
    overflow_section: str | None = None
    opened: dt.date | None = None  # new build: first lettings from this date
    new_build: bool = False
    rooms: tuple[tuple[int, int], ...] = ((2, 35), (3, 45), (4, 15), (1, 5))
    ndaeb_every: int = 0  # every n-th unit is let outside DAEB (0: none)
