"""Rent arrears from the ERP (vroegsignalering): a CSV with the arrears per household becomes one
signal per household past the legal threshold, each routed to the municipality's debt-help team
on the legal duty (Wet gemeentelijke schuldhulpverlening), with that basis recorded.

All or nothing: one bad row and nothing is written; every bad row gets its own message.

The file: semicolon- or comma-separated, UTF-8, a header row with ``huishouden`` (the household's
reference), ``achterstand`` (the amount in euros) and ``maanden`` (months of rent in arrears).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.accounts.policy import require
from omkijken.residents.models import Household, Lease
from omkijken.residents.selectors import current_lease_filter
from omkijken.signals import kinds as k
from omkijken.signals import selectors
from omkijken.signals.models import Route, Signal
from omkijken.signals.services import municipality_of, signal_raise

COLUMNS = ("huishouden", "achterstand", "maanden")


@dataclass(frozen=True)
class ArrearsReceipt:
    rows: int
    signalled: int
    below_threshold: int
    already_signalled: int


def _number(value: str) -> Decimal | None:
    """A number as the ERP writes it: '1234.50', '1.234,50' or '€ 1234,50'."""
    value = value.replace("€", "").strip()
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


@transaction.atomic
def arrears_import(*, actor: User, content: bytes, now: dt.datetime | None = None) -> ArrearsReceipt:
    require(actor, "import_arrears")
    now = now or timezone.now()
    today = timezone.localdate(now)
    corporation = actor.organisation
    rule = selectors.arrears_rule_on(today)
    if corporation is None or rule is None:
        raise ValidationError(_("There is no rule for signalling rent arrears on this date."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The file is not UTF-8 text.")) from exc
    dialect = ";" if text.count(";") >= text.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=dialect)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            _("The file lacks the column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        )
    parsed: list[tuple[int, str, Decimal, Decimal]] = []
    errors: list[str] = []
    for line, raw in enumerate(reader, start=2):
        row = {str(key).strip().lower(): (value or "").strip() for key, value in raw.items() if key}
        reference = row.get("huishouden", "")
        amount = _number(row.get("achterstand", ""))
        months = _number(row.get("maanden", ""))
        if not reference:
            errors.append(_("Line %(line)s: the household reference is empty.") % {"line": line})
        if amount is None or amount <= 0:
            errors.append(_("Line %(line)s: the arrears must be an amount above 0.") % {"line": line})
        if months is None or months < 0:
            errors.append(
                _("Line %(line)s: the months in arrears must be a number of 0 or more.") % {"line": line}
            )
        if reference and amount is not None and months is not None:
            parsed.append((line, reference, amount, months))
    households = {
        h.reference: h
        for h in Household.objects.filter(corporation=corporation, reference__in=[p[1] for p in parsed])
    }
    leases = {
        lease.household_id: lease
        for lease in Lease.objects.filter(
            current_lease_filter(today), household__in=households.values()
        ).select_related("unit", "unit__complex", "unit__complex__neighbourhood")
    }
    for line, reference, _amount, _months in parsed:
        household = households.get(reference)
        if household is None:
            errors.append(
                _("Line %(line)s: no household with reference %(ref)s.") % {"line": line, "ref": reference}
            )
        elif household.pk not in leases:
            errors.append(
                _("Line %(line)s: household %(ref)s has no current lease.") % {"line": line, "ref": reference}
            )
    if errors:
        raise ValidationError(errors)
    signalled = below = already = 0
    for _line, reference, amount, months in parsed:
        if months < rule.min_months:
            below += 1
            continue
        household = households[reference]
        lease = leases[household.pk]
        signal, new = signal_raise(
            actor=actor,
            kind_code=k.RENT_ARREARS,
            complex_=lease.unit.complex,
            unit=lease.unit,
            source_key=f"arrears:{household.pk}:{today:%Y-%m}:",
            reported_as=Signal.ReportedAs.ERP,
            description=_("Rent arrears: € %(amount)s, %(months)s months.")
            % {"amount": amount, "months": months},
            now=now,
        )
        if not new:
            already += 1
            continue
        organisation = municipality_of(lease.unit.complex)
        if organisation is None:
            raise ValidationError(
                _("The municipality of %(complex)s is not known, so the arrears cannot be sent on.")
                % {"complex": lease.unit.complex.name}
            )
        Route.objects.create(
            signal=signal,
            target=Route.Target.DEBT_HELP,
            organisation=organisation,
            basis=Route.Basis.LEGAL_DUTY,
            basis_reference=rule.legal_reference,
            routed_by=actor,
            routed_at=now,
        )
        Signal.objects.filter(pk=signal.pk).update(status=Signal.Status.IN_PROGRESS, triaged_at=now)
        signalled += 1
    return ArrearsReceipt(
        rows=len(parsed), signalled=signalled, below_threshold=below, already_signalled=already
    )
