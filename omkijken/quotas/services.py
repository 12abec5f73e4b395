"""Writes of the taakstelling: the municipality sets and imports figures, the corporation
acknowledges them. Every write keeps a QuotaChange row (who, when, old → new)."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.accounts.policy import can
from omkijken.portfolio.models import Complex
from omkijken.quotas.models import HALF_YEAR_GROUPS, Period, Quota, QuotaChange
from omkijken.residents.models import TargetGroup

CSV_COLUMNS = ("corporation", "year", "period", "target_group", "required")
TARGET_GROUPS = ("*", *TargetGroup.values)


def corporations_of(municipality: Organisation) -> list[Organisation]:
    """The corporations with homes in the municipality: those it sets a task for."""
    ids = Complex.objects.filter(neighbourhood__municipality_code=municipality.municipality_code).values(
        "corporation_id"
    )
    return list(Organisation.objects.filter(pk__in=ids).order_by("name"))


def _municipality(actor: User) -> Organisation:
    org = actor.organisation
    if org is None or not can(actor, "edit_quotas") or org.kind != Organisation.Kind.MUNICIPALITY:
        raise PermissionDenied
    return org


def _check(
    *, municipality: Organisation, corporation: Organisation, year: int, period: str, target_group: str
) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("The year must be between 2000 and 2100.")})
    if target_group not in TARGET_GROUPS:
        raise ValidationError({"target_group": _("Unknown target group.")})
    if period not in Period.values:
        raise ValidationError({"period": _("The period must be Y (year), H1 or H2.")})
    if period != Period.YEAR and target_group not in HALF_YEAR_GROUPS:
        raise ValidationError({"period": _("Only the task for status holders is set per half-year.")})
    others = Quota.objects.filter(
        municipality=municipality, corporation=corporation, year=year, target_group=target_group
    )
    if period == Period.YEAR and others.exclude(period=Period.YEAR).exists():
        raise ValidationError({"period": _("This task is already set per half-year for that year.")})
    if period != Period.YEAR and others.filter(period=Period.YEAR).exists():
        raise ValidationError({"period": _("This task is already set for the whole year.")})


def _set(
    *,
    actor: User,
    municipality: Organisation,
    corporation: Organisation,
    year: int,
    period: str,
    target_group: str,
    required: int,
    source: str,
) -> Quota:
    _check(
        municipality=municipality,
        corporation=corporation,
        year=year,
        period=period,
        target_group=target_group,
    )
    now = timezone.now()
    quota = (
        Quota.objects.select_for_update()
        .filter(
            municipality=municipality,
            corporation=corporation,
            year=year,
            period=period,
            target_group=target_group,
        )
        .first()
    )
    old = None if quota is None else quota.required
    if quota is None:
        quota = Quota(
            municipality=municipality,
            corporation=corporation,
            year=year,
            period=period,
            target_group=target_group,
        )
    elif old == required:
        return quota
    quota.required = required
    quota.updated_by, quota.updated_at = actor, now
    quota.acknowledged_by, quota.acknowledged_at = None, None  # a new figure asks for a new acknowledgement
    quota.save()
    QuotaChange.objects.create(
        quota=quota, source=source, old_required=old, new_required=required, by=actor, at=now
    )
    return quota


@transaction.atomic
def set_quota(
    *, actor: User, corporation: Organisation, year: int, period: str, target_group: str, required: int
) -> Quota:
    """The municipality sets (or changes) one figure."""
    municipality = _municipality(actor)
    if corporation not in corporations_of(municipality):
        raise ValidationError({"corporation": _("This corporation has no homes in your municipality.")})
    return _set(
        actor=actor,
        municipality=municipality,
        corporation=corporation,
        year=year,
        period=period,
        target_group=target_group,
        required=required,
        source=QuotaChange.Source.FORM,
    )


@transaction.atomic
def import_quotas(*, actor: User, text: str) -> list[Quota]:
    """Import figures from CSV (columns: corporation, year, period, target_group, required; the
    corporation by name). All or nothing: any bad row refuses the whole file, every bad row named."""
    municipality = _municipality(actor)
    corporations = {c.name.casefold(): c for c in corporations_of(municipality)}
    reader = csv.DictReader(
        io.StringIO(text.lstrip("\ufeff")), delimiter=";" if text.count(";") > text.count(",") else ","
    )
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationError(
            _("The file misses the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    errors: list[str] = []
    rows = []
    seen: set[tuple[str, int, str, str]] = set()
    for line, row in enumerate(reader, start=2):
        problems = []
        corporation = corporations.get((row["corporation"] or "").strip().casefold())
        if corporation is None:
            problems.append(
                _("unknown corporation “%(name)s”") % {"name": (row["corporation"] or "").strip()}
            )
        year_text = (row["year"] or "").strip()
        year = int(year_text) if year_text.isdigit() else 0
        if not 2000 <= year <= 2100:
            problems.append(_("unknown year “%(value)s”") % {"value": year_text})
        period = (row["period"] or "").strip().upper() or Period.YEAR
        if period not in Period.values:
            problems.append(_("unknown period “%(value)s” (Y, H1 or H2)") % {"value": period})
        group = (row["target_group"] or "").strip().upper()
        if group not in TARGET_GROUPS:
            problems.append(_("unknown target group “%(value)s”") % {"value": group})
        elif period in (Period.H1, Period.H2) and group not in HALF_YEAR_GROUPS:
            problems.append(_("only the task for status holders is set per half-year"))
        required_text = (row["required"] or "").strip()
        if not required_text.isdigit():
            problems.append(_("the number to house must be a whole number of 0 or more"))
        key = ((row["corporation"] or "").strip().casefold(), year, period, group)
        if key in seen:
            problems.append(_("this task appears twice in the file"))
        seen.add(key)
        if problems:
            errors.append(_("Row %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)})
            continue
        rows.append((line, corporation, year, period, group, int(required_text)))
    if not rows and not errors:
        errors.append(_("The file holds no rows."))
    if errors:
        raise ValidationError(errors)
    saved = []
    for line, corporation, year, period, group, required in rows:
        assert corporation is not None
        try:
            saved.append(
                _set(
                    actor=actor,
                    municipality=municipality,
                    corporation=corporation,
                    year=year,
                    period=period,
                    target_group=group,
                    required=required,
                    source=QuotaChange.Source.IMPORT,
                )
            )
        except ValidationError as exc:
            errors.extend(_("Row %(line)s: %(problem)s") % {"line": line, "problem": m} for m in exc.messages)
    if errors:
        raise ValidationError(errors)  # the atomic block rolls the rows written so far back
    return saved


@transaction.atomic
def acknowledge_quota(*, actor: User, quota: Quota) -> Quota:
    """The corporation confirms it has seen the figure (who, when)."""
    org = actor.organisation
    if not can(actor, "acknowledge_quotas") or org is None or org.pk != quota.corporation_id:
        raise PermissionDenied
    quota = Quota.objects.select_for_update().get(pk=quota.pk)
    if quota.acknowledged_at is not None:
        raise ValidationError(_("This figure has been acknowledged already."))
    now = timezone.now()
    quota.acknowledged_by, quota.acknowledged_at = actor, now
    quota.save(update_fields=["acknowledged_by", "acknowledged_at"])
    QuotaChange.objects.create(
        quota=quota,
        kind=QuotaChange.Kind.ACKNOWLEDGED,
        old_required=quota.required,
        new_required=quota.required,
        by=actor,
        at=now,
    )
    return quota
