"""A small accepted round built by hand, run through the real engine, with households whose names
and references are distinctive markers, so that a leak into another household's letter is found.

The round (2025 rules; ids as the round builder makes them: u<pk>, h<pk>, c<pk>, p<pk>):

- home A (REGULAR or DIRECT) goes DIRECT to a nominee (target group DAK, care partner Stichting
  Tussenstap) because of a DAK quota; a regular household that wanted it is passed over;
- home B (REGULAR) goes to the household with the earliest registration date; one with a later
  date ranks lower (English-speaking user), one of five persons does not fit (no e-mail: post);
- home C (REGULAR, rent above the aftoppingsgrens) goes to a two-person household above the
  passend limit; a one-person household under the passend limit is not eligible.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

import pytest

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CARE_PARTNER, CORPORATION
from omkijken.engine.allocation import allocate
from omkijken.letting.models import Round
from omkijken.portfolio.models import Complex, Unit
from omkijken.residents.models import Household, TargetGroup
from tests.factories import make_household, make_login, make_target_group_status, make_unit, persona_user

_numbers = itertools.count(1)


@dataclass
class LetterRound:
    round: Round
    units: dict[str, Unit]
    households: dict[str, Household]
    officer: User
    silent: Household  # a household of the corporation that did not respond

    def cid(self, key: str) -> str:
        return f"h{self.households[key].pk}"


def letter_household(
    corporation: Organisation, name: str, reference: str, *, email: str = "", language: str | None = None
) -> Household:
    """A household named by a distinctive marker; with an applicant login when it has a language."""
    user = None
    if language is not None:
        user = make_login(
            username=f"letters-{reference.lower()}",
            organisation=corporation,
            email=email,
            preferred_language=language,
        )
    marker = name.split()[-1]
    return make_household(
        corporation=corporation,
        reference=reference,
        name=name,
        first_name=marker,
        last_name=marker,
        birth_date=dt.date(1980, 5, 5),
        email=email,
        user=user,
    )


def letter_unit(complex: Complex, number: int, rent: str) -> Unit:
    return make_unit(
        complex=complex,
        code=f"LTR-{number}-{next(_numbers)}",
        house_number=number,
        street="Brievenlaan",
        postcode="9998ZZ",
        net_rent=rent,
        max_household_size=4,
    )


def round_document(
    lr_units: dict[str, Unit], hh: dict[str, Household], partner: Organisation
) -> dict[str, Any]:
    complex_id = f"c{lr_units['A'].complex_id}"

    def unit(key: str, channels: list[str]) -> dict[str, Any]:
        u = lr_units[key]
        return {
            "id": f"u{u.pk}",
            "complex": complex_id,
            "section": None,
            "floor": 1,
            "rooms": 2,
            "rent": float(u.net_rent),
            "household_size": {"min": u.min_household_size, "max": u.max_household_size},
            "features": [],
            "channels": channels,
        }

    def regular(
        key: str, responses: list[str], registered: str, income: float, size: int = 1
    ) -> dict[str, Any]:
        return {
            "id": f"h{hh[key].pk}",
            "household": {"size": size, "income": income, "senior": False},
            "registration_date": registered,
            "urgency": None,
            "target_group": None,
            "responses": [f"u{lr_units[r].pk}" for r in responses],
        }

    return {
        "format": "omkijken.allocation-round/1",
        "id": "brieven-test",
        "date": "2025-06-01",
        "complexes": [
            {"id": complex_id, "occupied": {"vulnerable": 0, "regular": 20}, "mix": None, "sections": []}
        ],
        "units": [unit("A", ["REGULAR", "DIRECT"]), unit("B", ["REGULAR"]), unit("C", ["REGULAR"])],
        "candidates": [
            {
                "id": f"h{hh['nominee'].pk}",
                "household": {"size": 1, "income": 15000, "senior": False},
                "registration_date": None,
                "urgency": None,
                "target_group": "DAK",
                "nominated_on": "2025-01-01",
                "partner": f"p{partner.pk}",
                "responses": [f"u{lr_units['A'].pk}"],
            },
            regular("channel", ["A"], "2015-01-01", 20000),
            regular("winner_b", ["B"], "2010-01-01", 30000, size=2),
            regular("later", ["B"], "2018-03-14", 20000),
            regular("large", ["B"], "2001-01-01", 45000, size=5),
            regular("passend", ["C"], "2005-01-01", 20000),
            regular("winner_c", ["C", "B"], "2012-01-01", 45000, size=2),
        ],
        "care_partners": [{"id": f"p{partner.pk}", "capacity": {complex_id: 5}, "current": {complex_id: 0}}],
        "quotas": [{"target_group": "DAK", "min": 1}],
    }


@pytest.fixture
def letter_round(db) -> LetterRound:  # type: ignore[no-untyped-def]
    corporation = Organisation.objects.get(name=CORPORATION)
    partner = Organisation.objects.get(name=CARE_PARTNER)
    complex = Complex.objects.filter(corporation=corporation).order_by("pk").first()
    assert complex is not None
    units = {
        "A": letter_unit(complex, 1, "600.00"),
        "B": letter_unit(complex, 2, "600.00"),
        "C": letter_unit(complex, 3, "850.00"),
    }
    hh = {
        "nominee": letter_household(
            corporation, "Familie Zwartevogel-Markeer", "NOM-77341", email="nominee@example.org"
        ),
        "channel": letter_household(
            corporation, "Familie Regenboog-Markeer", "KAN-61902", email="kanaal@example.org", language="nl"
        ),
        "winner_b": letter_household(
            corporation, "Familie Winnaarsveld-Markeer", "WIN-55123", email="winb@example.org"
        ),
        "later": letter_household(
            corporation, "Family Laterdate-Marker", "LAT-30417", email="later@example.org", language="en"
        ),
        "large": letter_household(corporation, "Familie Grootgezin-Markeer", "GRO-42096"),
        "passend": letter_household(
            corporation, "Familie Passendheid-Markeer", "PAS-93385", email="passend@example.org"
        ),
        "winner_c": letter_household(
            corporation, "Familie Derdewoning-Markeer", "WIN-88412", email="winc@example.org"
        ),
    }
    make_target_group_status(
        household=hh["nominee"],
        target_group=TargetGroup.DAK,
        care_partner=partner,
        start_date=dt.date(2025, 1, 1),
        consent_reference="TOESTEMMING-4471",
    )
    officer = persona_user("verhuur")
    doc = round_document(units, hh, partner)
    result = allocate(doc)
    rnd = Round.objects.create(
        corporation=corporation,
        name="Ronde brieven",
        round_date=dt.date(2025, 6, 1),
        snapshot=doc,
        result=result,
        status=Round.Status.ACCEPTED,
        created_by=officer,
        accepted_by=officer,
    )
    silent = letter_household(
        corporation, "Familie Stilzwijger-Markeer", "STIL-10101", email="stil@example.org"
    )
    return LetterRound(rnd, units, hh, officer, silent)
