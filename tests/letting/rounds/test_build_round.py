"""The round document built from the database: valid for the engine, counted correctly, cheap."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from omkijken.engine.allocation import load_round
from omkijken.letting.models import Advert
from omkijken.letting.rounds.builder import build_round, nominee_income

from .conftest import TODAY

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[3] / "omkijken/engine/schemas/allocation-round.schema.json").read_text()
)

pytestmark = pytest.mark.django_db


def test_the_round_built_from_the_demo_validates_against_the_engine_schema(officer) -> None:  # type: ignore[no-untyped-def]
    # given every open advert of the demo corporation
    adverts = Advert.objects.filter(corporation=officer.organisation, status__in=["published", "closed"])
    assert adverts.exists()
    # when the round is built
    doc = build_round(corporation=officer.organisation, adverts=adverts, on=TODAY)
    # then it is a valid round that the engine loads
    jsonschema.validate(doc, SCHEMA)
    load_round(doc)
    assert len(doc["units"]) == adverts.count()
    assert doc["candidates"]


def test_building_a_round_takes_the_same_few_queries_however_many_vacancies(
    officer, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    adverts = list(
        Advert.objects.filter(corporation=officer.organisation, status__in=["published", "closed"])
    )
    with django_assert_max_num_queries(15):
        build_round(corporation=officer.organisation, adverts=adverts, on=TODAY)
    with django_assert_max_num_queries(15):
        build_round(corporation=officer.organisation, adverts=adverts[:1], on=TODAY)


def test_it_counts_residents_candidates_partners_and_mix_exactly_in_a_small_world(world) -> None:  # type: ignore[no-untyped-def]
    # when the round is built over the hand-made world's four vacancies
    doc = build_round(corporation=world.corporation, adverts=list(world.adverts.values()), on=TODAY)
    complexes = {c["id"]: c for c in doc["complexes"]}
    mixed, plain = complexes[f"c{world.complex.pk}"], complexes[f"c{world.plain.pk}"]
    # then residents on the date are counted (the ended lease is not), vulnerable by open status
    assert mixed["occupied"] == {"vulnerable": 2, "regular": 5}
    assert mixed["mix"] == {"target_vulnerable_share": 0.3, "tolerance": 0.05}
    assert plain["occupied"] == {"vulnerable": 0, "regular": 0} and plain["mix"] is None
    section = next(s for s in mixed["sections"] if s["id"] == f"s{world.section.pk}")
    assert section == {
        "id": f"s{world.section.pk}",
        "occupied": {"vulnerable": 1, "regular": 2},
        "max_vulnerable": 2,
    }
    # the care partner: capacity from its agreement, one current client (the omklap lease)
    assert doc["care_partners"] == [
        {
            "id": f"p{world.partner.pk}",
            "capacity": {f"c{world.complex.pk}": 3},
            "current": {f"c{world.complex.pk}": 1},
        }
    ]
    # candidates: responders by preference, the withdrawn response left out, good neighbour approved
    cands = {c["id"]: c for c in doc["candidates"]}
    u = {k: f"u{v.pk}" for k, v in world.units.items()}
    h = {k: f"h{v.pk}" for k, v in world.households.items()}
    assert set(cands) == {h["A"], h["B"], h["BIG"], h["N"], h["M"]}
    assert cands[h["M"]]["partner"] is None and cands[h["M"]]["responses"] == [u["plain"]]
    assert cands[h["A"]]["responses"] == [u["gone"], u["v2"]]
    assert cands[h["A"]]["good_neighbour"] == [f"c{world.complex.pk}"]
    assert cands[h["B"]]["responses"] == [u["v2"], u["plain"]]
    assert cands[h["BIG"]]["household"]["size"] == 5
    # the nominee: DIRECT units in the order of its complexes, income one euro above the passend limit
    nominee = cands[h["N"]]
    assert nominee["target_group"] == "DAK" and nominee["partner"] == f"p{world.partner.pk}"
    assert nominee["responses"] == [u["plain"], u["gone"], u["v3"]]
    assert nominee["registration_date"] is None
    assert (
        nominee["household"]["income"]
        == nominee_income(income_class="passend", size=1, senior=False, year=TODAY.year) + 1
    )
    # units carry rent, size range, features and the advert's channels
    units = {x["id"]: x for x in doc["units"]}
    assert units[u["v3"]]["features"] == ["GROUND_FLOOR"]
    assert units[u["v3"]]["channels"] == ["REGULAR", "DIRECT"]
    assert units[u["v2"]]["rent"] == 600.0 and units[u["v2"]]["household_size"] == {"min": 1, "max": 2}
    jsonschema.validate(doc, SCHEMA)


def test_a_nominee_income_class_maps_to_the_limits_inclusively() -> None:
    year = TODAY.year
    passend = nominee_income(income_class="passend", size=2, senior=False, year=year)
    assert nominee_income(income_class="daeb", size=2, senior=False, year=year) == passend + 1
    assert nominee_income(income_class="above", size=1, senior=False, year=year) > nominee_income(
        income_class="daeb", size=1, senior=False, year=year
    )
