"""Every VERA export validates against the WRV schemas, and the strict key check catches a typo."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied

from omkijken.accounts.models import AccessEvent, User
from omkijken.exchange.vera import schema
from omkijken.exchange.vera.codes import KINDS
from omkijken.exchange.vera.export import export_kind


@pytest.mark.parametrize("kind", KINDS)
def test_every_export_validates_against_its_wrv_schema(world, kind):
    # when
    items = export_kind(actor=world.officer, kind=kind, include_special_category=True)
    # then
    assert items, f"the {kind} export is empty"
    for item in items:
        assert schema.validator(schema.KINDS[kind]).is_valid(item)
        assert schema.validator(schema.ENTITY[kind]).is_valid(item)
        assert schema.check(item, schema.KINDS[kind]) == []


def test_the_strict_key_check_reports_a_misspelt_key_at_any_depth(world):
    # given an export that validates
    item = export_kind(actor=world.officer, kind="eenheden")[0]
    assert schema.check(item, "Eenheden-Eenheidbericht") == []
    # when a key is misspelt at the top and deep inside
    item["kamersaantal"] = item.pop("kamersAantal")
    item["adres"]["straatNaam"] = item["adres"].pop("straatnaam")
    item["prijscomponenten"][0]["bedrg"] = item["prijscomponenten"][0].pop("bedrag")
    # then plain schema validation still accepts it (VERA allows additional properties) ...
    assert schema.validator("Eenheden-Eenheidbericht").is_valid(item)
    # ... but the strict check names each typo by its JSON path
    assert sorted(schema.unknown_keys(item, "Eenheden-Eenheidbericht")) == [
        "$.adres.straatNaam",
        "$.kamersaantal",
        "$.prijscomponenten[0].bedrg",
    ]


def test_the_schema_check_rejects_a_wrong_type_and_a_date_that_is_not_a_date_time():
    problems = schema.check({"etage": "2", "kamersAantal": 2**40}, "Eenheden-Eenheidbericht")
    assert any(p.startswith("$.etage:") for p in problems)
    assert any(p.startswith("$.kamersAantal:") for p in problems)
    assert schema.check({"datum": "2025-01-01"}, "Toewijzingen-Toewijzingbericht") != []
    assert schema.check({"datum": "2025-01-01T10:00:00+01:00"}, "Toewijzingen-Toewijzingbericht") == []


def test_reference_data_carries_the_dutch_name_from_the_code_list():
    assert schema.ref("AANBIEDINGSTATUS", "GEW") == {"code": "GEW", "naam": "Geweigerd"}
    assert schema.ref("PASSENDHEIDSSOORT", "PAS") == {"code": "PAS", "naam": "Passend"}


def test_an_export_without_the_flag_reveals_no_special_category_data(world):
    # when
    kandidaten = json.dumps(export_kind(actor=world.officer, kind="kandidaten"))
    toewijzingen = export_kind(actor=world.officer, kind="toewijzingen")
    # then: no medical urgency reason, no target group, no channel revealing direct mediation
    assert '"MED"' not in kandidaten
    assert all("aanvullendeDoelgroep" not in item for item in toewijzingen)
    assert "DIRECT" not in json.dumps(toewijzingen)
    assert not AccessEvent.objects.filter(actor=world.officer, purpose=AccessEvent.Purpose.EXPORT).exists()


def test_an_export_with_the_flag_logs_one_access_event_per_household(world):
    # when
    items = export_kind(actor=world.officer, kind="toewijzingen", include_special_category=True)
    # then
    mine = {a.household_id for a in world.allocations}
    assert any(i.get("aanvullendeDoelgroep", {}).get("code") == "DAK" for i in items)
    logged = AccessEvent.objects.filter(actor=world.officer, purpose=AccessEvent.Purpose.EXPORT)
    assert mine <= set(logged.values_list("household_id", flat=True))
    assert logged.filter(household=world.households[1]).count() == 1


@pytest.mark.parametrize("username", ["beheerder", "zorgpartner", "gemeente", "buur", "projectleider"])
def test_roles_without_import_export_may_not_export(world, username):
    with pytest.raises(PermissionDenied):
        export_kind(actor=User.objects.get(username=username), kind="eenheden")
