"""CSV import of units and households from the corporation's ERP exports.

Files come as the ERP writes them: semicolon or comma separated, UTF-8 with or without BOM, or
Windows-1252; Dutch decimals (``1.234,56``, ``612,40``) and dates (``31-12-2025`` or ISO).
Every row is read and checked (types, ranges, known complex codes, duplicates within the file,
model and database constraints) *before* anything is written; one error and nothing is written.
Each error names the row as a spreadsheet shows it (the header is row 1) and the column.
Rows are upserted by their natural key (complex code + unit code; relatienummer), so importing the
same file twice changes nothing the second time. Columns: docs/exchange.md.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import functools
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.exchange.common import (
    ImportFailed,
    ImportResult,
    RowError,
    corporation_of,
    messages_of,
    record_batch,
)
from omkijken.exchange.models import ImportBatch
from omkijken.exchange.vera import schema
from omkijken.letting.adverts.services import registration_upsert
from omkijken.letting.models import Registration
from omkijken.portfolio.models import Complex, Unit
from omkijken.portfolio.services import unit_upsert
from omkijken.residents.models import Household, Person
from omkijken.residents.services import household_upsert, person_upsert

MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    aliases: tuple[str, ...] = ()


UNIT_COLUMNS = (
    Column("complexcode", True, ("complex", "complexnummer")),
    Column("eenheidcode", True, ("eenheid", "vhe", "vhe_nummer", "eenheidnummer")),
    Column("straat", True, ("straatnaam",)),
    Column("huisnummer", True),
    Column("toevoeging", False, ("huisnummertoevoeging", "huisletter")),
    Column("postcode", True),
    Column("plaats", True, ("woonplaats",)),
    Column("verdieping", True, ("etage",)),
    Column("kamers", True, ("aantal_kamers",)),
    Column("kale_huur", True, ("kalehuur", "netto_huur", "huur")),
    Column("min_personen", False),
    Column("max_personen", False),
    Column("lift", False),
    Column("rolstoel", False, ("rolstoelgeschikt",)),
    Column("oppervlakte", False, ("gbo",)),
    Column("daeb", False),
)

HOUSEHOLD_COLUMNS = (
    Column("relatienummer", True, ("relatie", "klantnummer")),
    Column("naam", False, ("huishouden",)),
    Column("voornaam", True),
    Column("tussenvoegsel", False, ("tussenvoegsels",)),
    Column("achternaam", True),
    Column("geboortedatum", True),
    Column("email", False, ("e-mail", "e_mail")),
    Column("telefoon", False, ("telefoonnummer",)),
    Column("inschrijfdatum", False),
    Column("personen", False, ("huishoudgrootte",)),
    Column("inkomen", False, ("verzamelinkomen",)),
    Column("urgentie", False),
    Column("urgentie_tot", False),
)

KINDS = {"units": UNIT_COLUMNS, "households": HOUSEHOLD_COLUMNS}
BATCH_KIND = {"units": ImportBatch.Kind.CSV_UNITS, "households": ImportBatch.Kind.CSV_HOUSEHOLDS}

# Which column a model field's error belongs to.
UNIT_FIELDS = {
    "code": "eenheidcode",
    "street": "straat",
    "house_number": "huisnummer",
    "house_number_suffix": "toevoeging",
    "postcode": "postcode",
    "city": "plaats",
    "floor": "verdieping",
    "rooms": "kamers",
    "net_rent": "kale_huur",
    "min_household_size": "min_personen",
    "max_household_size": "max_personen",
    "floor_area": "oppervlakte",
    "daeb_label": "daeb",
}
HOUSEHOLD_FIELDS = {
    "reference": "relatienummer",
    "name": "naam",
    "first_name": "voornaam",
    "name_prefix": "tussenvoegsel",
    "last_name": "achternaam",
    "birth_date": "geboortedatum",
    "email": "email",
    "phone": "telefoon",
    "registration_date": "inschrijfdatum",
    "household_size": "personen",
    "yearly_income": "inkomen",
    "urgency_category": "urgentie",
    "urgency_valid_until": "urgentie_tot",
}


# --- Reading the file -----------------------------------------------------------------------


def decode(content: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 (with or without BOM), strictly; else Windows-1252."""
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8"), "utf-8-sig"
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return content.decode("cp1252"), "cp1252"


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,").delimiter
    except csv.Error:
        header = text.splitlines()[0] if text else ""
        return ";" if header.count(";") >= header.count(",") else ","


def _normalise(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


def _error(row: int, column: str, message: str) -> RowError:
    where = (
        _("row %(row)d, column %(column)s") % {"row": row, "column": column}
        if column
        else _("row %(row)d") % {"row": row}
    )
    return RowError(where=where, message=message, row=row, column=column)


def read_rows(content: bytes, kind: str) -> tuple[list[tuple[int, dict[str, str]]], str]:
    """(row number, {column: value}) for every data row, and the encoding; ImportFailed when the
    file cannot be read or misses a required column."""
    if len(content) > MAX_BYTES:
        raise ImportFailed([_error(1, "", _("The file is larger than 10 MB."))])
    try:
        text, encoding = decode(content)
    except UnicodeDecodeError as exc:
        raise ImportFailed([_error(1, "", _("The file is neither UTF-8 nor Windows-1252 text."))]) from exc
    if not text.strip():
        raise ImportFailed([_error(1, "", _("The file is empty; expected a header row."))])
    if "\x00" in text:  # Python's csv reads NUL; the database refuses to store it
        row = text.count("\n", 0, text.index("\x00")) + 1
        raise ImportFailed([_error(row, "", _("The file contains a NUL byte; it is not a text file."))])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise ImportFailed([_error(1, "", _("The header row cannot be read."))]) from exc
    columns = KINDS[kind]
    names = {_normalise(h): i for i, h in enumerate(header)}
    index: dict[str, int] = {}
    errors = []
    for column in columns:
        found = next((names[n] for n in (column.name, *column.aliases) if n in names), None)
        if found is not None:
            index[column.name] = found
        elif column.required:
            errors.append(_error(1, column.name, _("this column is missing from the header")))
    if errors:
        raise ImportFailed(errors)
    rows = []
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(c.strip() for c in cells):
                continue
            rows.append(
                (number, {name: (cells[i].strip() if i < len(cells) else "") for name, i in index.items()})
            )
    except csv.Error as exc:
        raise ImportFailed(
            [_error(reader.line_num, "", _("The row cannot be read: %(error)s") % {"error": exc})]
        ) from exc
    return rows, encoding


# --- Values ---------------------------------------------------------------------------------


class Bad(ValueError):
    pass


def dutch_decimal(value: str) -> Decimal:
    """``1.234,56``, ``612,40``, ``612.40``, ``€ 1 234`` → Decimal."""
    text = value.replace("€", "").replace("\u00a0", "").replace(" ", "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        if text.count(",") > 1:
            raise Bad(_("is not a number"))
        text = text.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise Bad(_("is not a number")) from exc
    if not number.is_finite():
        raise Bad(_("is not a number"))
    return number


def dutch_date(value: str) -> dt.date:
    """``31-12-2025``, ``31/12/2025``, ``31.12.2025`` or ISO ``2025-12-31``."""
    match = re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise Bad(_("is not an existing date")) from exc
    raise Bad(_("is not a date (use dd-mm-jjjj)"))


def whole(value: str, low: int, high: int) -> int:
    number = dutch_decimal(value)
    if number != number.to_integral_value():
        raise Bad(_("is not a whole number"))
    if not low <= number <= high:
        raise Bad(_("must be between %(low)s and %(high)s") % {"low": low, "high": high})
    return int(number)


def amount(value: str, high: Decimal) -> Decimal:
    number = dutch_decimal(value)
    if number < 0 or number > high:
        raise Bad(_("must be between 0 and %(high)s") % {"high": f"{high:,.0f}".replace(",", ".")})
    if number != number.quantize(Decimal("0.01")):
        raise Bad(_("has more than two decimals"))
    return number.quantize(Decimal("0.01"))


YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x"}
NO = {"nee", "n", "no", "0", "false", "onwaar", ""}


def yes_no(value: str) -> bool:
    if value.lower() in YES:
        return True
    if value.lower() in NO:
        return False
    raise Bad(_("must be ja or nee"))


class _Row:
    def __init__(self, number: int, cells: dict[str, str], errors: list[RowError]) -> None:
        self.number = number
        self.cells = cells
        self.errors = errors

    def error(self, column: str, message: str) -> None:
        self.errors.append(_error(self.number, column, message))

    def value(
        self, column: str, parse: Callable[[str], Any] = str, *, required: bool = False, default: Any = None
    ) -> Any:
        raw = self.cells.get(column, "")
        if raw == "":
            if required:
                self.error(column, _("is empty"))
            return default
        try:
            return parse(raw)
        except Bad as exc:
            self.error(column, _("%(value)s %(problem)s") % {"value": _quote(raw), "problem": exc})
            return default

    def model_errors(self, exc: ValidationError, fields: dict[str, str]) -> None:
        for field, message in messages_of(exc):
            self.error(fields.get(field, ""), message)


def _quote(raw: str) -> str:
    return f"“{raw[:40]}…”" if len(raw) > 40 else f"“{raw}”"


# --- Import ---------------------------------------------------------------------------------


def import_csv(*, actor: User, kind: str, content: bytes, filename: str = "import.csv") -> ImportResult:
    """Import a CSV of ``kind`` ('units' or 'households') for the actor's corporation: every row
    checked first, then all written in one transaction, or nothing and ImportFailed."""
    corporation = corporation_of(actor)
    if kind not in KINDS:
        raise ValueError(kind)
    rows, encoding = read_rows(content, kind)
    result = ImportResult(kind=kind, rows=len(rows), encoding=encoding)
    errors: list[RowError] = []
    plan = (
        _plan_units(corporation, rows, errors)
        if kind == "units"
        else _plan_households(corporation, rows, errors)
    )
    if errors:
        raise ImportFailed(errors)
    try:
        with transaction.atomic():
            for write in plan:
                result.count(write())
            record_batch(
                actor=actor,
                corporation=corporation,
                kind=BATCH_KIND[kind],
                filename=filename,
                content=content,
                result=result,
            )
    except (ValidationError, IntegrityError) as exc:  # a race with another writer
        raise ImportFailed([_error(1, "", m) for _f, m in messages_of(exc)]) from exc
    return result


def _plan_units(
    corporation: Organisation, rows: list[tuple[int, dict[str, str]]], errors: list[RowError]
) -> list[Callable[[], str]]:
    complexes = {c.code: c for c in Complex.objects.filter(corporation=corporation)}
    units = {
        (u.complex.code, u.code): u
        for u in Unit.objects.filter(complex__corporation=corporation).select_related("complex")
    }
    seen: dict[tuple[str, str], int] = {}
    addresses: dict[tuple[str, int, str], int] = {}
    plan: list[Callable[[], str]] = []
    for number, cells in rows:
        row = _Row(number, cells, errors)
        count = len(errors)
        complex_code = row.value("complexcode", required=True)
        code = row.value("eenheidcode", required=True)
        found_complex = complexes.get(complex_code) if complex_code else None
        if complex_code and found_complex is None:
            row.error("complexcode", _("unknown complex code %(code)s") % {"code": _quote(complex_code)})
        if complex_code and code:
            if (complex_code, code) in seen:
                row.error(
                    "eenheidcode",
                    _("unit %(code)s already appears in row %(row)d")
                    % {"code": code, "row": seen[(complex_code, code)]},
                )
            seen.setdefault((complex_code, code), number)
        daeb = row.value("daeb", default="DAEB")
        if daeb.upper() in ("DAEB", "DAE", "JA", "J"):
            daeb = "DAEB"
        elif daeb.upper() in ("NDAEB", "NDA", "NIET-DAEB", "NEE", "N"):
            daeb = "NDAEB"
        else:
            row.error("daeb", _("must be DAEB or NDAEB"))
        values = {
            "complex": found_complex,
            "code": code,
            "street": row.value("straat", required=True),
            "house_number": row.value("huisnummer", lambda v: whole(v, 1, 99999), required=True),
            "house_number_suffix": row.value("toevoeging", default=""),
            "postcode": row.value("postcode", lambda v: v.replace(" ", "").upper(), required=True),
            "city": row.value("plaats", required=True),
            "floor": row.value("verdieping", lambda v: whole(v, -5, 60), required=True),
            "rooms": row.value("kamers", lambda v: whole(v, 1, 30), required=True),
            "net_rent": row.value("kale_huur", lambda v: amount(v, Decimal("100000")), required=True),
            "min_household_size": row.value("min_personen", lambda v: whole(v, 1, 20), default=1),
            "max_household_size": row.value("max_personen", lambda v: whole(v, 1, 20), default=6),
            "has_lift": row.value("lift", yes_no, default=False),
            "wheelchair_accessible": row.value("rolstoel", yes_no, default=False),
            "floor_area": row.value("oppervlakte", lambda v: whole(v, 1, 2000), default=None),
            "daeb_label": daeb,
        }
        if len(errors) > count:
            continue
        address = (values["postcode"], values["house_number"], values["house_number_suffix"])
        if address in addresses:
            row.error(
                "postcode", _("this address already appears in row %(row)d") % {"row": addresses[address]}
            )
            continue
        addresses[address] = number
        existing = units.get((complex_code, code))
        if existing is not None:
            values["section"] = existing.section
        if not _validates(row, Unit, existing, values, UNIT_FIELDS):
            continue
        plan.append(functools.partial(_write_unit, existing, values))
    return plan


def _validates(
    row: _Row,
    model: type,
    existing: Any,
    values: dict[str, Any],
    fields: dict[str, str],
    exclude: tuple[str, ...] = (),
) -> bool:
    """Would the row pass the model's validation (fields, constraints, uniqueness in the DB)?"""
    probe = copy.copy(existing) if existing is not None else model()
    for name, value in values.items():
        setattr(probe, name, value)
    try:
        probe.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        row.model_errors(exc, fields)
        return False
    return True


def _plan_households(
    corporation: Organisation, rows: list[tuple[int, dict[str, str]]], errors: list[RowError]
) -> list[Callable[[], str]]:
    households = {h.reference: h for h in Household.objects.filter(corporation=corporation)}
    seen: dict[str, int] = {}
    plan: list[Callable[[], str]] = []
    for number, cells in rows:
        row = _Row(number, cells, errors)
        count = len(errors)
        reference = row.value("relatienummer", required=True)
        if reference:
            if reference in seen:
                row.error(
                    "relatienummer",
                    _("relatienummer %(ref)s already appears in row %(row)d")
                    % {"ref": reference, "row": seen[reference]},
                )
            seen.setdefault(reference, number)
        first = row.value("voornaam", required=True)
        prefix = row.value("tussenvoegsel", default="")
        last = row.value("achternaam", required=True)
        born = row.value("geboortedatum", dutch_date, required=True)
        today = timezone.localdate()
        if born and not dt.date(1900, 1, 1) <= born <= today:
            row.error("geboortedatum", _("must lie between 1900 and today"))
        name = row.value("naam") or " ".join(p for p in (first, prefix, last) if p)
        person = {
            "first_name": first,
            "name_prefix": prefix,
            "last_name": last,
            "birth_date": born,
            "email": row.value("email", default=""),
            "phone": row.value("telefoon", default=""),
            "is_main_tenant": True,
        }
        registered = row.value("inschrijfdatum", dutch_date)
        registration: dict[str, Any] | None = None
        if registered is not None:
            urgency = row.value("urgentie", lambda v: v.upper(), default="")
            until = row.value("urgentie_tot", dutch_date)
            if urgency and not schema.known("VOORRANGDETAILSOORT", urgency):
                row.error(
                    "urgentie",
                    _("%(code)s is not a VERA urgency code (VOORRANGDETAILSOORT)")
                    % {"code": _quote(urgency)},
                )
            if urgency and until is None:
                row.error("urgentie_tot", _("is empty; an urgency needs an end date"))
            if until is not None and not urgency:
                row.error("urgentie", _("is empty, but urgentie_tot is filled in"))
            if registered > today:
                row.error("inschrijfdatum", _("lies in the future"))
            registration = {
                "registration_date": registered,
                "household_size": row.value("personen", lambda v: whole(v, 1, 20), required=True),
                "yearly_income": row.value(
                    "inkomen", lambda v: amount(v, Decimal("10000000")), required=True
                ),
                "urgency_category": urgency,
                "urgency_valid_until": until,
            }
        else:
            for column in ("personen", "inkomen", "urgentie", "urgentie_tot"):
                if row.cells.get(column):
                    row.error(
                        "inschrijfdatum", _("is empty, but %(column)s is filled in") % {"column": column}
                    )
                    break
        if len(errors) > count:
            continue
        household = households.get(reference)
        household_values = {"corporation": corporation, "reference": reference, "name": name[:120]}
        main = existing_registration = None
        if household is not None:
            main = household.members.filter(is_main_tenant=True).first()
            existing_registration = Registration.objects.filter(household=household).first()
        ok = _validates(row, Household, household, household_values, HOUSEHOLD_FIELDS)
        ok = _validates(row, Person, main, person, HOUSEHOLD_FIELDS, exclude=("household",)) and ok
        if registration is not None:
            ok = (
                _validates(
                    row,
                    Registration,
                    existing_registration,
                    registration,
                    HOUSEHOLD_FIELDS,
                    exclude=("household",),
                )
                and ok
            )
        if not ok:
            continue
        plan.append(
            functools.partial(
                _write_household,
                household,
                household_values,
                main,
                person,
                existing_registration,
                registration,
            )
        )
    return plan


def _write_unit(unit: Unit | None, values: dict[str, Any]) -> str:
    return unit_upsert(unit=unit, values=values)[1]


def _write_household(
    household: Household | None,
    household_values: dict[str, Any],
    main: Person | None,
    person: dict[str, Any],
    registration: Registration | None,
    registration_values: dict[str, Any] | None,
) -> str:
    household, first = household_upsert(household=household, values=household_values)
    outcomes: set[str] = {first}
    _p, outcome = person_upsert(person=main, values={**person, "household": household})
    outcomes.add(outcome)
    if registration_values is not None:
        _r, outcome = registration_upsert(
            registration=registration, values={**registration_values, "household": household}
        )
        outcomes.add(outcome)
    if "created" in outcomes and first == "created":
        return "created"
    if outcomes == {"unchanged"}:
        return "unchanged"
    return "updated"
