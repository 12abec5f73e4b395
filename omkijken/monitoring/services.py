"""Monitoring writes: monthly mix snapshots, survey rounds and anonymous answers, the
Leefbaarometer import (all or nothing, row-level messages)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import can, require
from omkijken.monitoring.models import (
    CONTACT_FIELDS,
    DJG_FIELDS,
    LeefbaarometerScore,
    MixSnapshot,
    SurveyParticipation,
    SurveyResponse,
    SurveyRound,
)
from omkijken.monitoring.selectors import add_months, first_of_month, scope_for
from omkijken.portfolio.models import Complex, Neighbourhood, Unit
from omkijken.residents.models import Lease, Person
from omkijken.residents.selectors import current_lease_filter, vulnerable_exists


def month_end(month: dt.date) -> dt.date:
    return add_months(first_of_month(month), 1) - dt.timedelta(days=1)


@transaction.atomic
def take_mix_snapshot(*, month: dt.date, today: dt.date | None = None) -> int:
    """Write every complex's and section's occupancy on the last day of ``month`` (or today, for
    the month that is still running), replacing that month's earlier snapshot. Returns the rows."""
    today = today or timezone.localdate()
    month = first_of_month(month)
    on = min(month_end(month), today)
    units: dict[tuple[int, int | None], int] = {}
    for complex_id, section_id, n in Unit.objects.values_list("complex_id", "section_id").annotate(
        n=Count("id")
    ):
        units[(complex_id, None)] = units.get((complex_id, None), 0) + n
        if section_id is not None:
            units[(complex_id, section_id)] = n
    occupied: dict[tuple[int, int | None], list[int]] = {key: [0, 0] for key in units}
    for complex_id, section_id, o, v in (
        Lease.objects.filter(current_lease_filter(on))
        .annotate(is_vulnerable=vulnerable_exists(on))
        .values_list("unit__complex_id", "unit__section_id")
        .annotate(o=Count("id"), v=Count("id", filter=Q(is_vulnerable=True)))
    ):
        for key in {(complex_id, None), (complex_id, section_id)}:
            if key in occupied:
                occupied[key][0] += o
                occupied[key][1] += v
    MixSnapshot.objects.filter(month=month).delete()
    rows = [
        MixSnapshot(month=month, complex_id=c, section_id=s, units=units[(c, s)], occupied=o, vulnerable=v)
        for (c, s), (o, v) in occupied.items()
    ]
    MixSnapshot.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def create_survey_round(
    *, actor: User | None, complex_: Complex, title: str, opens_on: dt.date, closes_on: dt.date
) -> SurveyRound:
    if actor is not None:
        require(actor, "manage_surveys")
        scope = scope_for(actor)
        if scope is None or not scope.complexes.filter(pk=complex_.pk).exists():
            raise PermissionDenied
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("The closing date lies before the opening date.")})
    return SurveyRound.objects.create(
        complex=complex_, title=title, opens_on=opens_on, closes_on=closes_on, created_by=actor
    )


ANSWER_RANGES: dict[str, tuple[int, int]] = {
    **dict.fromkeys(DJG_FIELDS, (0, 2)),
    "neighbours_by_name": (0, 3),
    "could_ask_help": (0, 2),
    "contact_frequency": (0, 3),
}


@transaction.atomic
def answer_survey(*, actor: User, round_: SurveyRound, person: Person, answers: dict[str, int]) -> None:
    """Store one anonymous response and, apart from it, that ``person`` answered. A second answer
    to the same round, or an answer out of range, is refused and nothing is written."""
    if not can(actor, "answer_surveys"):
        raise PermissionDenied
    errors = {}
    for name, (low, high) in ANSWER_RANGES.items():
        value = answers.get(name)
        if not isinstance(value, int) or not low <= value <= high:
            errors[name] = _("Choose one of the answers given (%(low)s to %(high)s).") % {
                "low": low,
                "high": high,
            }
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            SurveyParticipation.objects.create(round=round_, person=person)
    except IntegrityError:
        raise ValidationError(_("You have already answered this survey. Thank you!")) from None
    SurveyResponse.objects.create(round=round_, **{f: answers[f] for f in (*DJG_FIELDS, *CONTACT_FIELDS)})


# --- Leefbaarometer ---------------------------------------------------------------------------

LBM_COLUMNS = {
    "total": "lbm",
    "physical": "fys",
    "nuisance": "onv",
    "social": "soc",
    "amenities": "vrz",
    "housing": "won",
}
MAX_ERRORS = 200


@dataclass(frozen=True)
class LeefbaarometerImport:
    created: int
    updated: int


class LeefbaarometerFailed(Exception):  # noqa: N818 - reads as "the import failed"
    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors[:3]))
        self.errors = errors


def _decimal(text: str) -> Decimal:
    value = Decimal(text.strip().replace(",", "."))
    if not value.is_finite():
        raise InvalidOperation
    return value


@transaction.atomic
def import_leefbaarometer(*, actor: User, content: bytes) -> LeefbaarometerImport:
    """Import Leefbaarometer scores per buurt from the open-data CSV (columns ``bu_code``,
    ``jaar``, ``lbm`` and optionally ``fys``, ``onv``, ``soc``, ``vrz``, ``won``; comma or
    semicolon separated). All or nothing: any bad row raises LeefbaarometerFailed naming it."""
    require(actor, "import_leefbaarometer")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LeefbaarometerFailed([_("The file is not UTF-8 text. Save it as CSV (UTF-8).")]) from None
    first_line = text.split("\n", 1)[0]
    dialect = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect)
    header = {h.strip().lower(): h for h in (reader.fieldnames or [])}
    missing = [c for c in ("bu_code", "jaar", "lbm") if c not in header]
    if missing:
        raise LeefbaarometerFailed(
            [_("The file lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)}]
        )
    known = dict(Neighbourhood.objects.values_list("code", "pk"))
    errors: list[str] = []
    parsed: dict[tuple[int, int], dict[str, Decimal | None]] = {}
    for line, row in enumerate(reader, start=2):
        clean = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        code = clean.get("bu_code", "")
        if code not in known:
            errors.append(_("Row %(row)s: unknown buurt code “%(code)s”.") % {"row": line, "code": code})
            continue
        try:
            year = int(clean.get("jaar", ""))
            if not 1990 <= year <= 2100:
                raise ValueError
        except ValueError:
            errors.append(
                _("Row %(row)s: the year “%(value)s” is not a year.")
                % {"row": line, "value": clean.get("jaar", "")}
            )
            continue
        values: dict[str, Decimal | None] = {}
        for name, column in LBM_COLUMNS.items():
            raw = clean.get(column, "")
            if raw == "" and name != "total":
                values[name] = None
                continue
            try:
                values[name] = _decimal(raw)
                if abs(values[name]) >= 1000:  # type: ignore[arg-type]
                    raise InvalidOperation
            except InvalidOperation:
                errors.append(
                    _("Row %(row)s: “%(value)s” in column %(column)s is not a number.")
                    % {"row": line, "value": raw, "column": column}
                )
        key = (known[code], year)
        if key in parsed:
            errors.append(
                _("Row %(row)s: buurt %(code)s has a second score for %(year)s.")
                % {"row": line, "code": code, "year": year}
            )
        parsed[key] = values
        if len(errors) >= MAX_ERRORS:
            break
    if errors:
        raise LeefbaarometerFailed(errors)
    if not parsed:
        raise LeefbaarometerFailed([_("The file holds no scores.")])
    existing = {
        (s.neighbourhood_id, s.year): s
        for s in LeefbaarometerScore.objects.filter(neighbourhood_id__in={k[0] for k in parsed})
    }
    created = updated = 0
    for (nid, year), values in parsed.items():
        if (nid, year) in existing:
            score = existing[(nid, year)]
            for name, value in values.items():
                setattr(score, name, value)
            score.imported_by = actor
            score.save()
            updated += 1
        else:
            LeefbaarometerScore.objects.create(neighbourhood_id=nid, year=year, imported_by=actor, **values)
            created += 1
    return LeefbaarometerImport(created, updated)
