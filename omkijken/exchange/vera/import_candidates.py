"""Import of VERA kandidaten: households, their persons and registrations, upserted by the
household reference (or the registration's external id).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.exchange.common import ImportResult, RowError, local_date, to_money
from omkijken.exchange.vera.codes import MAIN_TENANT_ROLES, X_NEEDS, X_PENSION, X_STATUS
from omkijken.exchange.vera.reading import Item, record_refusals
from omkijken.letting.adverts.services import registrations_bulk_upsert
from omkijken.letting.models import Registration
from omkijken.residents.models import Household, Person
from omkijken.residents.services import households_bulk_upsert, persons_bulk_upsert


def _persons_of(item: Item) -> list[tuple[int, dict[str, Any]]]:
    return [(i, p) for i, p in enumerate(item.get("relatie", "relaties") or []) if isinstance(p, dict)]


def _urgency_of(item: Item) -> tuple[bool, str, dt.date | None]:
    """(has urgency, detail code, valid until) from the persons' voorrangsregelingen."""
    for _i, person in _persons_of(item):
        for regeling in person.get("voorrangsregelingen") or []:
            if (regeling.get("soort") or {}).get("code") == "URG":
                code = (regeling.get("detailSoort") or {}).get("code") or ""
                until = regeling.get("einddatum")
                return True, code, local_date(until) if until else None
    return False, "", None


@dataclass
class _Planned:
    """One kandidaat read from the file, waiting to be written."""

    item: Item
    household: Household | None
    household_values: dict[str, Any]
    persons: list[tuple[str, Person | None, dict[str, Any]]]
    registration: Registration | None
    values: dict[str, Any]


def import_registrations(
    actor: User,
    corporation: Organisation,
    items: list[dict[str, Any]],
    errors: list[RowError],
    result: ImportResult,
    filename: str,
) -> None:
    """Set-based: the corporation's households, persons and registrations are loaded in one
    query each; every kandidaat is read and checked; then households, persons and registrations
    are written in bulk (by their owners' services), or nothing when any kandidaat has an error."""
    households = {h.reference: h for h in Household.objects.filter(corporation=corporation)}
    registrations = list(Registration.objects.filter(household__corporation=corporation).order_by("pk"))
    by_external = {r.external_id: r for r in registrations if r.external_id}
    by_household: dict[int, Registration] = {}
    for r in registrations:
        by_household.setdefault(r.household_id, r)
    persons = {
        (p.household_id, p.first_name, p.name_prefix, p.last_name, p.birth_date): p
        for p in Person.objects.filter(household__corporation=corporation).order_by("-pk")
    }
    seen: set[str] = set()
    planned: list[_Planned] = []
    for index, data in enumerate(items):
        item = Item(data, index, errors)
        reference = item.get("code") or item.get("relatie", "code")
        if not reference:
            item.error(".code", _("is missing (the household reference)"))
            continue
        if reference in seen:
            item.error(".code", _("household %(ref)s appears twice in the file") % {"ref": reference})
            continue
        seen.add(reference)
        started = next(
            (
                o.get("begindatum")
                for o in item.get("relatie", "overeenkomsten") or []
                if (o.get("soort") or {}).get("code") == "INS"
            ),
            None,
        )
        if not started:
            item.error(
                ".relatie.overeenkomsten", _("no registration (overeenkomst of soort INS) with a start date")
            )
        adults, children = item.get("aantalVolwassenen"), item.get("aantalKinderen") or 0
        if adults is None:
            item.error(".aantalVolwassenen", _("is missing"))
        income = item.need(".verzamelinkomen", "verzamelinkomen")
        household = households.get(reference)
        registration = by_external.get(item.get("idExtern")) if item.get("idExtern") else None
        if registration is None and household is not None:
            registration = by_household.get(household.pk)
        has_urgency, urgency, until = _urgency_of(item)
        if has_urgency and not urgency:
            if registration is not None and registration.urgency_category:
                urgency, until = registration.urgency_category, registration.urgency_valid_until
            else:
                item.error(".relatie.relaties", _("urgency without its detail code (VOORRANGDETAILSOORT)"))
        if not started or adults is None or income is None:
            continue
        name = item.get("relatie", "naam")
        if household is None and not name:
            item.error(".relatie.naam", _("is missing (needed for a new household)"))
            continue
        household_values: dict[str, Any] = {"corporation": corporation, "reference": reference}
        if name:
            household_values["name"] = name
        planned.append(
            _Planned(
                item=item,
                household=household,
                household_values=household_values,
                persons=_persons_read(item, household, persons),
                registration=registration,
                values={
                    "registration_date": dt.date.fromisoformat(started),
                    "household_size": adults + children,
                    "yearly_income": to_money(income),
                    "pension_age": item.extras.get(X_PENSION) == "true",
                    "urgency_category": urgency,
                    "urgency_valid_until": until,
                    "needs": [n for n in (item.extras.get(X_NEEDS) or "").split(",") if n],
                    "status": item.extras.get(X_STATUS) or Registration.Status.ACTIVE,
                    "external_id": item.get("idExtern") or (registration.external_id if registration else ""),
                },
            )
        )
    _write(planned, errors, result)


def _write(planned: list[_Planned], errors: list[RowError], result: ImportResult) -> None:
    """Households first (a new one gets its id), then their persons and registrations."""
    saved = households_bulk_upsert(
        rows=[(p.household, p.household_values, (p.item, ".relatie")) for p in planned], write=not errors
    )
    record_refusals(saved)
    changed = [outcome != "unchanged" for _row, outcome in saved.rows]
    for plan, (household, _outcome) in zip(planned, saved.rows, strict=True):
        plan.household = household
    rows: list[tuple[Person | None, dict[str, Any], tuple[Item, str]]] = []
    owner: list[int] = []
    for n, plan in enumerate(planned):
        for where, person, values in plan.persons:
            rows.append((person, {**values, "household": plan.household}, (plan.item, where)))
            owner.append(n)
    people = persons_bulk_upsert(rows=rows, write=not errors)
    record_refusals(people)
    for n, (_row, outcome) in zip(owner, people.rows, strict=True):
        changed[n] = changed[n] or outcome != "unchanged"
    done = registrations_bulk_upsert(
        rows=[(p.registration, {**p.values, "household": p.household}, (p.item, "")) for p in planned],
        write=not errors,
    )
    record_refusals(done)
    if errors:
        return
    for n, (_registration, outcome) in enumerate(done.rows):
        # A new household counts once, as its registration; a changed name or person counts as
        # an update of an unchanged registration.
        result.count("updated" if outcome == "unchanged" and changed[n] else outcome)


def _persons_read(
    item: Item, household: Household | None, known: dict[tuple[Any, ...], Person]
) -> list[tuple[str, Person | None, dict[str, Any]]]:
    """(JSON path, existing person or None, values) of each person of a kandidaat."""
    found = []
    for index, person in _persons_of(item):
        if not person.get("voornaam") and not person.get("achternaam"):
            continue  # only carries the urgency
        where = f".relatie.relaties[{index}]"
        born = person.get("geboortedatum")
        if not born or not person.get("achternaam"):
            item.error(where, _("a person needs a last name and a date of birth"))
            continue
        contacts = {
            (c.get("soort") or {}).get("code"): c.get("waarde") for c in person.get("contactgegevens") or []
        }
        roles = {(r.get("soort") or {}).get("code") for r in person.get("rollen") or []}
        key = {
            "first_name": person.get("voornaam") or "",
            "name_prefix": person.get("tussenvoegsels") or "",
            "last_name": person["achternaam"],
            "birth_date": dt.date.fromisoformat(born),
        }
        existing = None
        if household is not None:
            existing = known.get((household.pk, *key.values()))
        values = {
            **key,
            "email": contacts.get("EMA") or "",
            "phone": contacts.get("TEL") or contacts.get("MOB") or "",
            "is_main_tenant": bool(roles & MAIN_TENANT_ROLES),
        }
        found.append((where, existing, values))
    return found
