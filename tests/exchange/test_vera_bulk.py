"""The set-based VERA import: a file that fails at its last record writes nothing, fields VERA does
not define are warnings, and the export speaks VERA 4.3 (current codes, criteria, year built and
building type)."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest

from omkijken.exchange.common import ImportFailed
from omkijken.exchange.models import ImportBatch
from omkijken.exchange.vera import schema
from omkijken.exchange.vera.export import export_kind
from omkijken.exchange.vera.imports import import_document
from omkijken.letting.models import Registration
from omkijken.portfolio.models import Unit
from omkijken.residents.models import Household


def new_units(items: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """``count`` new homes, copies of the first exported one under new codes and addresses."""
    out = []
    for n in range(count):
        item = copy.deepcopy(items[0])
        for key in ("id", "idExtern"):
            item.pop(key, None)
        item["code"] = f"NIEUW{n:03d}"
        item["adres"]["postcode"] = "9999ZZ"
        item["adres"]["huisnummer"] = str(n + 1)
        item["adres"].pop("huisnummerToevoeging", None)
        out.append(item)
    return out


def import_units(world, items: list[dict[str, Any]]):
    return import_document(actor=world.officer, kind="eenheden", content=json.dumps(items).encode())


@pytest.mark.parametrize("problem", ["address of an existing home", "unknown section", "rent negative"])
def test_a_file_that_fails_at_its_last_record_writes_nothing(world, problem):
    # given: 30 new homes and a change to an existing one, then a last home that is wrong
    exported = export_kind(actor=world.officer, kind="eenheden")
    exported[0]["kamersAantal"] = 9
    items = [exported[0], *new_units(exported, 30)]
    last = items[-1]
    existing = Unit.objects.get(pk=int(exported[1]["id"]))
    if problem == "address of an existing home":  # only the database can tell
        last["adres"]["postcode"] = existing.postcode
        last["adres"]["huisnummer"] = str(existing.house_number)
        if existing.house_number_suffix:
            last["adres"]["huisnummerToevoeging"] = existing.house_number_suffix
    elif problem == "unknown section":
        last["extra-attributen"] = [{"naam": "sectie", "waarde": "Geen sectie"}]
    else:
        last["prijscomponenten"][0]["bedrag"] = -1.0
    units_before, batches_before = Unit.objects.count(), ImportBatch.objects.count()
    # when
    with pytest.raises(ImportFailed) as failed:
        import_units(world, items)
    # then: the last record is named, and nothing of the file is written
    assert failed.value.errors and all(e.where.startswith("$[30]") for e in failed.value.errors)
    assert Unit.objects.count() == units_before
    assert Unit.objects.get(pk=int(exported[0]["id"])).rooms != 9
    assert ImportBatch.objects.count() == batches_before


def test_the_same_file_without_its_bad_record_is_written_in_full(world):
    exported = export_kind(actor=world.officer, kind="eenheden")
    before = Unit.objects.count()
    result = import_units(world, new_units(exported, 30))
    assert (result.created, result.updated) == (30, 0)
    assert Unit.objects.count() == before + 30
    assert Unit.objects.filter(postcode="9999ZZ", house_number=30).exists()


def test_fields_vera_does_not_define_are_warnings_and_the_unit_is_imported(world):
    # given: a valid unit from another producer, with its own fields at several depths
    exported = export_kind(actor=world.officer, kind="eenheden")
    item = new_units(exported, 1)[0]
    item["energieLabelIntern"] = "A++"
    item["adres"]["wijkNaamIntern"] = "Noord"
    item["prijscomponenten"][0]["grootboekrekening"] = "8000"
    item["kamersAantal"] = 4
    # when
    result = import_units(world, [item])
    # then
    assert result.created == 1
    assert Unit.objects.get(postcode="9999ZZ", house_number=1).rooms == 4
    assert sorted(w.where for w in result.warnings) == [
        "$[0].adres.wijkNaamIntern",
        "$[0].energieLabelIntern",
        "$[0].prijscomponenten[0].grootboekrekening",
    ]
    assert all("VERA" in w.message for w in result.warnings)


def test_a_schema_error_is_still_an_error(world):
    exported = export_kind(actor=world.officer, kind="eenheden")
    item = new_units(exported, 1)[0]
    item["etage"] = "tweede"
    item["eigenVeld"] = 1
    with pytest.raises(ImportFailed) as failed:
        import_units(world, [item])
    assert [e.where for e in failed.value.errors] == ["$[0].etage"]


def test_a_kandidaten_file_that_fails_at_its_last_record_writes_no_household(world):
    exported = export_kind(actor=world.officer, kind="kandidaten")
    items = []
    for n in range(20):
        item = copy.deepcopy(exported[0])
        item.pop("id", None)
        item.pop("idExtern", None)
        item["code"] = item["relatie"]["code"] = f"BULK{n:03d}"
        items.append(item)
    del items[-1]["relatie"]["overeenkomsten"]
    before = Household.objects.count()
    with pytest.raises(ImportFailed) as failed:
        import_document(actor=world.officer, kind="kandidaten", content=json.dumps(items).encode())
    assert [e.where for e in failed.value.errors] == ["$[19].relatie.overeenkomsten"]
    assert Household.objects.count() == before
    del items[-1]
    result = import_document(actor=world.officer, kind="kandidaten", content=json.dumps(items).encode())
    assert result.created == 19
    assert (
        Household.objects.filter(reference__startswith="BULK", members__isnull=False).distinct().count() == 19
    )


# --- VERA 4.3 ---------------------------------------------------------------------------------


def test_target_group_ver_has_its_current_name_not_the_retired_rows():
    # Referentiedata has two rows with code VER: "Verstandelijk beperkten" (retired 20-10-2023)
    # and "(ex)-verslaafden", which our TargetGroup VER means.
    assert schema.ref("AANVULLENDEDOELGROEP", "VER") == {"code": "VER", "naam": "(ex)-verslaafden"}
    assert not schema.retired("AANVULLENDEDOELGROEP", "VER")
    assert schema.retired("AANVULLENDEDOELGROEP", "GEE")


def _roles(node: Any) -> list[str]:
    if isinstance(node, list):
        return [code for item in node for code in _roles(item)]
    if not isinstance(node, dict):
        return []
    found = [r["soort"]["code"] for r in node.get("rollen", []) if isinstance(r, dict) and "soort" in r]
    return found + [code for key, value in node.items() if key != "rollen" for code in _roles(value)]


@pytest.mark.parametrize("kind", ["kandidaten", "aanbiedingen", "toewijzingen"])
def test_the_export_uses_no_role_code_vera_retired(world, kind):
    roles = _roles(export_kind(actor=world.officer, kind=kind, include_special_category=True))
    assert roles or kind == "toewijzingen"
    assert "HOO" not in roles and "HUI" not in roles
    assert not [code for code in roles if schema.retired("RELATIEROLSOORT", code)]


def test_exported_codes_are_never_retired_ones(world):
    def codes(node: Any) -> list[tuple[str, str]]:
        if isinstance(node, list):
            return [c for item in node for c in codes(item)]
        if not isinstance(node, dict):
            return []
        here = [(node["code"], node["naam"])] if set(node) == {"code", "naam"} else []
        return here + [c for value in node.values() for c in codes(value)]

    names = {
        name
        for kind in ("eenheden", "kandidaten", "aanbiedingen", "toewijzingen")
        for _code, name in codes(export_kind(actor=world.officer, kind=kind, include_special_category=True))
    }
    # ("Huishouden" stays: the RELATIEDETAILSOORT of a household is current, the role was retired)
    assert "Verstandelijk beperkten" not in names and "Hoofdbewoner" not in names


def test_a_unit_exports_criteria_year_built_and_building_type(world):
    unit = Unit.objects.select_related("complex").get(
        pk=int(export_kind(actor=world.officer, kind="eenheden")[0]["id"])
    )
    item = next(i for i in export_kind(actor=world.officer, kind="eenheden") if i["id"] == str(unit.pk))
    assert "voorwaarden" not in item
    assert item["criteria"] == [
        {
            "soort": schema.ref("EENHEIDCRITERIUMSOORT", "PER"),
            "toepassing": schema.ref("EENHEIDCRITERIUMTOEPASSING", "SEL"),
            "aantalOndergrens": unit.min_household_size,
            "aantalBovengrens": unit.max_household_size,
        }
    ]
    assert item["bouwjaar"] == unit.complex.year_built
    assert item["detailSoort"]["code"] in {"GAL", "POF", "TUS", "COR"}
    assert item["panden"][0]["soort"]["code"] in {"EGW", "MGW"}
    assert schema.check(item, schema.KINDS["eenheden"]) == []


def test_household_sizes_are_read_from_criteria_and_from_an_older_files_voorwaarden(world):
    exported = export_kind(actor=world.officer, kind="eenheden")
    current, older = new_units(exported, 2)
    current["criteria"][0].update(aantalOndergrens=2, aantalBovengrens=3)
    del older["criteria"]
    older["voorwaarden"] = {"minimumAantalPersonen": 3, "maximumAantalPersonen": 5}
    result = import_units(world, [current, older])
    assert result.created == 2 and result.warnings == []
    sizes = {
        u.house_number: (u.min_household_size, u.max_household_size)
        for u in Unit.objects.filter(postcode="9999ZZ")
    }
    assert sizes == {1: (2, 3), 2: (3, 5)}


def test_the_import_page_says_which_fields_were_not_read(world, login):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    exported = export_kind(actor=world.officer, kind="eenheden")
    items = new_units(exported, 3)
    for item in items:
        item["energieLabelIntern"] = "B"
    upload = SimpleUploadedFile("e.json", json.dumps(items).encode(), content_type="application/json")
    response = login("verhuur").post(
        reverse("letting_exchange"), {"kind": "vera_eenheden", "file": upload}, follow=True
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert Unit.objects.filter(postcode="9999ZZ").count() == 3
    assert "3 " in page and "$.energieLabelIntern" in page


def test_changed_homes_and_registrations_are_all_updated(world):
    # The bulk update (COPY + UPDATE … FROM on PostgreSQL, bulk_update on SQLite).
    units = export_kind(actor=world.officer, kind="eenheden")
    for item in units:
        item["prijscomponenten"][0]["bedrag"] = 701.5
        item["kamersAantal"] = 5
    result = import_units(world, units)
    assert result.updated == len(units) and result.created == 0
    ids = [int(i["id"]) for i in units]
    assert set(Unit.objects.filter(pk__in=ids).values_list("net_rent", "rooms")) == {(Decimal("701.50"), 5)}

    kandidaten = export_kind(actor=world.officer, kind="kandidaten")
    for item in kandidaten:
        item["verzamelinkomen"] = 31234.0
        item["extra-attributen"] = [
            e for e in item.get("extra-attributen", []) if e["naam"] != "behoeften"
        ] + [{"naam": "behoeften", "waarde": "LIFT"}]
    result = import_document(actor=world.officer, kind="kandidaten", content=json.dumps(kandidaten).encode())
    assert result.updated == len(kandidaten)
    registrations = Registration.objects.filter(pk__in=[int(i["id"]) for i in kandidaten])
    assert {(r.yearly_income, tuple(r.needs)) for r in registrations} == {(Decimal("31234.00"), ("LIFT",))}
