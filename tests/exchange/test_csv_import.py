"""CSV import from ERP exports: delimiters, encodings, Dutch numbers and dates, all-or-nothing with
row-and-column errors, idempotent on a second run."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from omkijken.accounts.models import Organisation, User
from omkijken.demo.personas import CORPORATION
from omkijken.exchange.common import ImportFailed
from omkijken.exchange.csv_import import dutch_date, dutch_decimal, import_csv
from omkijken.exchange.models import ImportBatch
from omkijken.letting.models import Registration
from omkijken.portfolio.models import Complex, Unit
from omkijken.residents.models import Household

UNIT_HEADER = (
    "complexcode;eenheidcode;straat;huisnummer;toevoeging;postcode;plaats;verdieping;kamers;kale_huur;"
    "min_personen;max_personen;lift;rolstoel"
)
HOUSEHOLD_HEADER = (
    "relatienummer;naam;voornaam;achternaam;geboortedatum;email;telefoon;inschrijfdatum;personen;inkomen;"
    "urgentie;urgentie_tot"
)


@pytest.fixture
def officer(db) -> User:  # type: ignore[no-untyped-def]
    return User.objects.get(username="verhuur")


@pytest.fixture
def complex_code(db) -> str:  # type: ignore[no-untyped-def]
    found = Complex.objects.filter(corporation__name=CORPORATION).order_by("code").first()
    assert found is not None
    return found.code


def units_csv(code: str, delimiter: str = ";") -> str:
    rows = [
        UNIT_HEADER,
        f"{code};CSV-1;Kanaalstraat;12;;3998 AA;Vechtstad;0;2;612,40;1;2;nee;ja",
        f'{code};CSV-2;Kanaalstraat;14;b;3998AA;Vechtstad;3;4;"1.034,56";2;5;ja;nee',
        f"{code};CSV-3;Wérfkade;1;;3998AB;Vechtstad;1;3;700;1;4;;",
    ]
    text = "\n".join(rows) + "\n"
    if delimiter == ",":
        text = text.replace(";", ",").replace("612,40", '"612,40"')
    return text


def households_csv() -> str:
    return (
        "\n".join(
            [
                HOUSEHOLD_HEADER,
                "CSV-H1;Familie Çelik;Anaïs;Çelik;03-04-1985;ayse@example.org;06-11112222;01-02-2016;3;"
                '"31.250,00";;',
                "CSV-H2;;Jan;Visser;1950-12-31;;;2020-06-15;1;18000;MAN;31-12-2099",
                "CSV-H3;Huishouden Smit;Eva;Smit;15-07-1999;;;;;;;",
            ]
        )
        + "\r\n"
    )


@pytest.mark.parametrize("delimiter", [";", ","])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_it_imports_units_in_each_encoding_and_delimiter(officer, complex_code, delimiter, encoding):
    # given
    content = units_csv(complex_code, delimiter).encode(encoding)
    # when
    result = import_csv(actor=officer, kind="units", content=content, filename="eenheden.csv")
    # then
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    assert result.encoding == encoding
    first = Unit.objects.get(complex__code=complex_code, code="CSV-1")
    assert first.net_rent == Decimal("612.40") and first.postcode == "3998AA" and first.wheelchair_accessible
    second = Unit.objects.get(complex__code=complex_code, code="CSV-2")
    assert second.net_rent == Decimal("1034.56") and second.house_number_suffix == "b" and second.has_lift
    assert Unit.objects.get(complex__code=complex_code, code="CSV-3").street == "Wérfkade"
    assert ImportBatch.objects.filter(
        pk=result.batch.pk, kind="csv_units", created=3, encoding=encoding
    ).exists()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_it_imports_households_with_their_main_tenant_and_registration(officer, encoding):
    result = import_csv(actor=officer, kind="households", content=households_csv().encode(encoding))
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    celik = Household.objects.get(reference="CSV-H1")
    assert celik.name == "Familie Çelik"
    main = celik.members.get(is_main_tenant=True)
    assert (main.first_name, main.birth_date, main.email) == (
        "Anaïs",
        dt.date(1985, 4, 3),
        "ayse@example.org",
    )
    registration = Registration.objects.get(household=celik)
    assert registration.yearly_income == Decimal("31250.00") and registration.household_size == 3
    visser = Registration.objects.get(household__reference="CSV-H2")
    assert (visser.urgency_category, visser.urgency_valid_until) == ("MAN", dt.date(2099, 12, 31))
    assert Household.objects.get(reference="CSV-H2").name == "Jan Visser"
    assert not Registration.objects.filter(household__reference="CSV-H3").exists()


@pytest.mark.parametrize("kind", ["units", "households"])
def test_importing_the_same_file_twice_changes_nothing_the_second_time(officer, complex_code, kind):
    content = (units_csv(complex_code) if kind == "units" else households_csv()).encode()
    first = import_csv(actor=officer, kind=kind, content=content)
    # when
    second = import_csv(actor=officer, kind=kind, content=content)
    # then
    assert first.created == 3
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)


def test_a_changed_row_is_counted_as_updated(officer, complex_code):
    import_csv(actor=officer, kind="units", content=units_csv(complex_code).encode())
    changed = units_csv(complex_code).replace("612,40", "650,00")
    result = import_csv(actor=officer, kind="units", content=changed.encode())
    assert (result.created, result.updated, result.unchanged) == (0, 1, 2)
    assert Unit.objects.get(complex__code=complex_code, code="CSV-1").net_rent == Decimal("650.00")


def test_a_broken_row_imports_nothing_and_names_row_and_column(officer, complex_code):
    # given a good row, a row with a bad rent and a row with an unknown complex
    lines = units_csv(complex_code).splitlines()
    lines[2] = lines[2].replace('"1.034,56"', "veel")
    lines[3] = lines[3].replace(f"{complex_code};", "ONBEKEND;", 1)
    before = (Unit.objects.count(), ImportBatch.objects.count())
    # when
    with pytest.raises(ImportFailed) as failed:
        import_csv(actor=officer, kind="units", content="\n".join(lines).encode())
    # then
    found = {(e.row, e.column) for e in failed.value.errors}
    assert found == {(3, "kale_huur"), (4, "complexcode")}
    assert all(str(e.row) in e.where and e.column in e.where for e in failed.value.errors)
    assert (Unit.objects.count(), ImportBatch.objects.count()) == before


def test_it_refuses_duplicates_within_the_file(officer, complex_code):
    lines = units_csv(complex_code).splitlines()
    lines.append(lines[1].replace("3998 AA", "3998ZZ"))
    with pytest.raises(ImportFailed) as failed:
        import_csv(actor=officer, kind="units", content="\n".join(lines).encode())
    assert [(e.row, e.column) for e in failed.value.errors] == [(5, "eenheidcode")]
    assert not Unit.objects.filter(code="CSV-1").exists()


def test_an_address_already_used_by_another_unit_is_refused(officer, complex_code):
    taken = Unit.objects.filter(complex__corporation__name=CORPORATION, house_number_suffix="").first()
    lines = units_csv(complex_code).splitlines()
    lines[1] = lines[1].replace(
        "Kanaalstraat;12;;3998 AA", f"Kanaalstraat;{taken.house_number};;{taken.postcode}"
    )
    with pytest.raises(ImportFailed) as failed:
        import_csv(actor=officer, kind="units", content="\n".join(lines).encode())
    assert [e.row for e in failed.value.errors] == [2]


def test_a_file_with_only_a_header_imports_nothing_without_error(officer):
    result = import_csv(actor=officer, kind="units", content=(UNIT_HEADER + "\n").encode())
    assert (result.rows, result.created, result.updated, result.unchanged) == (0, 0, 0, 0)


def test_a_missing_column_is_named_in_row_one(officer, complex_code):
    text = units_csv(complex_code).replace(";kale_huur", "")
    with pytest.raises(ImportFailed) as failed:
        import_csv(actor=officer, kind="units", content=text.encode())
    assert [(e.row, e.column) for e in failed.value.errors] == [(1, "kale_huur")]


def test_a_huge_value_is_refused_not_truncated(officer, complex_code):
    text = units_csv(complex_code).replace("612,40", "99999999999,99")
    text = text.replace("Wérfkade", "W" * 500)
    with pytest.raises(ImportFailed) as failed:
        import_csv(actor=officer, kind="units", content=text.encode())
    assert {(e.row, e.column) for e in failed.value.errors} == {(2, "kale_huur"), (4, "straat")}


def test_household_rows_are_checked_for_dates_income_and_urgency(officer):
    lines = households_csv().splitlines()
    lines[1] = lines[1].replace("03-04-1985", "31-02-1985")
    lines[2] = lines[2].replace("MAN;31-12-2099", "XYZ;")
    with pytest.raises(ImportFailed) as failed:
        import_csv(actor=officer, kind="households", content="\n".join(lines).encode())
    found = {(e.row, e.column) for e in failed.value.errors}
    assert found == {(2, "geboortedatum"), (3, "urgentie"), (3, "urgentie_tot")}
    assert not Household.objects.filter(reference__startswith="CSV-H").exists()


def test_an_empty_file_and_garbage_bytes_are_refused(officer):
    with pytest.raises(ImportFailed):
        import_csv(actor=officer, kind="units", content=b"")
    with pytest.raises(ImportFailed):
        import_csv(actor=officer, kind="units", content=b"\x81\x8d\x8f\x90\x9d")


def test_a_role_without_import_export_may_not_import(db, complex_code):
    with pytest.raises(PermissionDenied):
        import_csv(actor=User.objects.get(username="beheerder"), kind="units", content=b"x")


def test_units_land_in_the_importers_own_corporation_only(officer, complex_code):
    other = Complex.objects.exclude(corporation__name=CORPORATION).first()
    text = units_csv(complex_code).replace(f"{complex_code};CSV-3", f"{other.code};CSV-3")
    if other.code == complex_code:
        pytest.skip("same code in both corporations")
    with pytest.raises(ImportFailed) as failed:
        import_csv(actor=officer, kind="units", content=text.encode())
    assert [(e.row, e.column) for e in failed.value.errors] == [(4, "complexcode")]
    assert Organisation.objects.filter(name=CORPORATION).exists()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("612,40", "612.40"),
        ("1.234,56", "1234.56"),
        ("1.234", "1234"),
        ("612.40", "612.40"),
        ("€ 1 034", "1034"),
        ("1,234.56", "1234.56"),
    ],
)
def test_dutch_decimals_are_read(text, expected):
    assert dutch_decimal(text) == Decimal(expected)


def test_dutch_and_iso_dates_are_read():
    assert (
        dutch_date("31-12-2025")
        == dutch_date("2025-12-31")
        == dutch_date("31/12/2025")
        == dt.date(2025, 12, 31)
    )
