"""Export → import reproduces the data, for each of the four kinds; importing an export into the
same database changes nothing; a bad file imports nothing and says where it is wrong."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import models

from omkijken.exchange.common import ImportFailed
from omkijken.exchange.models import ImportBatch
from omkijken.exchange.vera.codes import KINDS
from omkijken.exchange.vera.export import export_kind
from omkijken.exchange.vera.imports import import_document
from omkijken.letting.models import Allocation, Offer, Registration, Round
from omkijken.portfolio.models import Unit
from omkijken.residents.models import Household, Person

from .conftest import exchange_household, exchange_unit

SKIP = {"id", "created_at", "created_by"}


def values(row: models.Model, skip: set[str] = SKIP) -> dict[str, Any]:
    return {
        f.attname: getattr(row, f.attname)
        for f in row._meta.concrete_fields
        if f.name not in skip and f.attname not in skip
    }


def export(world, kind: str, flag: bool = False) -> bytes:
    items = export_kind(actor=world.officer, kind=kind, include_special_category=flag)
    return json.dumps(items).encode()


@pytest.mark.parametrize("kind", KINDS)
def test_importing_an_export_into_the_same_database_changes_nothing(world, kind):
    # given
    content = export(world, kind, flag=True)
    # when
    result = import_document(actor=world.officer, kind=kind, content=content, filename=f"{kind}.json")
    # then
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == result.rows > 0
    assert ImportBatch.objects.filter(pk=result.batch.pk, kind="vera", unchanged=result.rows).exists()


@pytest.mark.parametrize("kind", ["kandidaten", "toewijzingen"])
def test_an_export_without_special_category_data_keeps_what_the_database_knows(world, kind):
    before = [values(r) for r in Registration.objects.order_by("pk")] + [
        values(a) for a in Allocation.objects.order_by("pk")
    ]
    result = import_document(actor=world.officer, kind=kind, content=export(world, kind))
    assert (result.created, result.updated) == (0, 0)
    after = [values(r) for r in Registration.objects.order_by("pk")] + [
        values(a) for a in Allocation.objects.order_by("pk")
    ]
    assert after == before


def test_units_round_trip_after_deleting_them(world):
    # given units nothing else refers to, one of them with a section and no floor area
    section = world.complex.sections.first()
    fresh = [
        exchange_unit(
            world.complex, "RT-1", 201, house_number_suffix="bis", floor=0, rooms=1, floor_area=None
        ),
        exchange_unit(
            world.complex,
            "RT-2",
            202,
            net_rent="1234.56",
            daeb_label="NDAEB",
            section=section,
            has_lift=True,
            wheelchair_accessible=True,
            min_household_size=2,
            max_household_size=4,
        ),
    ]
    expected = {u.code: values(u, {"id"}) for u in Unit.objects.filter(pk__in=[u.pk for u in fresh])}
    content = export(world, "eenheden")
    Unit.objects.filter(pk__in=[u.pk for u in fresh]).delete()
    # when
    result = import_document(actor=world.officer, kind="eenheden", content=content)
    # then
    assert result.created == 2 and result.updated == 0
    got = {u.code: values(u, {"id"}) for u in Unit.objects.filter(code__in=expected)}
    assert got == expected


def test_registrations_and_households_round_trip_after_deleting_them(world):
    # given a household known only through its registration, and the world's registrations
    fresh = exchange_household(world.corporation, "RT-HH", "Huishouden Terugreis")
    Registration.objects.create(
        household=fresh,
        registration_date="2020-02-02",
        household_size=2,
        yearly_income="45000.00",
        needs=["GROUND_FLOOR", "WHEELCHAIR"],
    )
    regs = Registration.objects.filter(household__corporation=world.corporation)
    expected = {r.household.reference: values(r, SKIP | {"household"}) for r in regs}
    people = [values(p, {"id", "household", "user"}) for p in Person.objects.filter(household=fresh)]
    content = export(world, "kandidaten", flag=True)
    regs.delete()
    fresh.delete()
    # when
    result = import_document(actor=world.officer, kind="kandidaten", content=content)
    # then
    assert result.created == len(expected) and result.updated == 0
    got = {
        r.household.reference: values(r, SKIP | {"household"})
        for r in Registration.objects.filter(household__corporation=world.corporation)
    }
    assert got == expected
    household = Household.objects.get(corporation=world.corporation, reference="RT-HH")
    assert household.name == "Huishouden Terugreis"
    key = lambda d: (d["first_name"], d["birth_date"])  # noqa: E731
    assert sorted(
        (values(p, {"id", "household", "user"}) for p in household.members.all()), key=key
    ) == sorted(people, key=key)


def test_offers_round_trip_after_deleting_them(world):
    offers = Offer.objects.filter(corporation=world.corporation)
    expected = sorted((values(o) for o in offers), key=lambda d: d["unit_id"])
    content = export(world, "aanbiedingen")
    offers.delete()
    # when
    result = import_document(actor=world.officer, kind="aanbiedingen", content=content)
    # then
    assert result.created == len(expected) and result.updated == 0
    got = sorted(
        (values(o) for o in Offer.objects.filter(corporation=world.corporation)), key=lambda d: d["unit_id"]
    )
    assert got == expected
    assert all(o.events.count() == 1 for o in Offer.objects.filter(corporation=world.corporation))


def test_allocations_round_trip_after_deleting_them_and_their_round(world):
    allocations = Allocation.objects.filter(round__corporation=world.corporation)
    skip = SKIP - {"created_at"} | {"round"}
    expected = sorted((values(a, skip) for a in allocations), key=lambda d: d["unit_id"])
    content = export(world, "toewijzingen", flag=True)
    Offer.objects.filter(allocation__in=allocations).update(allocation=None)
    round_ids = set(allocations.values_list("round_id", flat=True))
    allocations.delete()
    Round.objects.filter(pk__in=round_ids).delete()
    # when
    result = import_document(actor=world.officer, kind="toewijzingen", content=content, filename="t.json")
    # then
    assert result.created == len(expected) and result.updated == 0
    again = Allocation.objects.filter(round__corporation=world.corporation)
    assert sorted((values(a, skip) for a in again), key=lambda d: d["unit_id"]) == expected
    assert {a.round.status for a in again} == {"accepted"}


def test_a_file_with_one_bad_message_imports_nothing_and_names_its_json_path(world):
    # given
    items = export_kind(actor=world.officer, kind="eenheden")
    items[0]["kamersAantal"] = 9  # a valid change that must not be applied
    items[1]["etage"] = "tweede"
    items[2]["adres"]["huisnumer"] = "7"  # a field VERA does not define: read past, no error
    before = ImportBatch.objects.count()
    # when
    with pytest.raises(ImportFailed) as failed:
        import_document(actor=world.officer, kind="eenheden", content=json.dumps(items).encode())
    # then
    assert [e.where for e in failed.value.errors] == ["$[1].etage"]
    assert Unit.objects.get(pk=int(items[0]["id"])).rooms != 9
    assert ImportBatch.objects.count() == before


def test_an_unknown_complex_code_is_refused_with_its_path(world):
    items = export_kind(actor=world.officer, kind="eenheden")[:2]
    items[1]["clusters"][0]["code"] = "GEENCOMPLEX"
    items[0]["kamersAantal"] = 7
    with pytest.raises(ImportFailed) as failed:
        import_document(actor=world.officer, kind="eenheden", content=json.dumps(items).encode())
    assert [e.where for e in failed.value.errors] == ["$[1].clusters[0].code"]
    assert Unit.objects.get(pk=int(items[0]["id"])).rooms != 7


def test_a_file_that_is_not_json_is_refused(world):
    with pytest.raises(ImportFailed) as failed:
        import_document(actor=world.officer, kind="aanbiedingen", content=b"\xff\xfe nonsense")
    assert failed.value.errors[0].where == "$"
