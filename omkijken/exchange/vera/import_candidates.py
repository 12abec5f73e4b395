"""Import of VERA kandidaten: households, their persons and registrations, upserted by the
household reference (or the registration's external id).
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.exchange.common import ImportResult, RowError, local_date, messages_of, to_money
from omkijken.exchange.vera.codes import X_NEEDS, X_PENSION, X_STATUS
from omkijken.exchange.vera.reading import Item, save_row
from omkijken.letting.adverts.services import registration_upsert
from omkijken.letting.models import Registration
from omkijken.residents.models import Household, Person
from omkijken.residents.services import household_rename, household_upsert, person_upsert


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


def import_registrations(
    actor: User,
    corporation: Organisation,
    items: list[dict[str, Any]],
    errors: list[RowError],
    result: ImportResult,
    filename: str,
) -> None:
    seen: set[str] = set()
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
        household = Household.objects.filter(corporation=corporation, reference=reference).first()
        registration = None
        if item.get("idExtern"):
            registration = Registration.objects.filter(
                household__corporation=corporation, external_id=item.get("idExtern")
            ).first()
        if registration is None and household is not None:
            registration = Registration.objects.filter(household=household).first()
        has_urgency, urgency, until = _urgency_of(item)
        if has_urgency and not urgency:
            if registration is not None and registration.urgency_category:
                urgency, until = registration.urgency_category, registration.urgency_valid_until
            else:
                item.error(".relatie.relaties", _("urgency without its detail code (VOORRANGDETAILSOORT)"))
        if not started or adults is None or income is None:
            continue
        if household is None:
            name = item.get("relatie", "naam")
            if not name:
                item.error(".relatie.naam", _("is missing (needed for a new household)"))
                continue
            household = save_row(
                item,
                ".relatie",
                functools.partial(
                    household_upsert,
                    household=None,
                    values={"corporation": corporation, "reference": reference, "name": name},
                ),
                result,
            )
            if household is None:
                continue
            result.created -= 1  # the registration is what we count
        renamed = bool(item.get("relatie", "naam")) and household.name != item.get("relatie", "naam")
        if renamed:
            try:
                household_rename(household=household, name=item.get("relatie", "naam"))
            except ValidationError as exc:
                for field, message in messages_of(exc):
                    item.error(".relatie.naam", f"{field}: {message}")
                continue
        person_changed = _import_persons(item, household) or renamed
        values = {
            "household": household,
            "registration_date": dt.date.fromisoformat(started),
            "household_size": adults + children,
            "yearly_income": to_money(income),
            "pension_age": item.extras.get(X_PENSION) == "true",
            "urgency_category": urgency,
            "urgency_valid_until": until,
            "needs": [n for n in (item.extras.get(X_NEEDS) or "").split(",") if n],
            "status": item.extras.get(X_STATUS) or Registration.Status.ACTIVE,
            "external_id": item.get("idExtern") or (registration.external_id if registration else ""),
        }
        before = result.unchanged
        save_row(
            item, "", functools.partial(registration_upsert, registration=registration, values=values), result
        )
        if person_changed and result.unchanged > before:
            result.unchanged -= 1
            result.updated += 1


def _import_persons(item: Item, household: Household) -> bool:
    changed = False
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
            "household": household,
            "first_name": person.get("voornaam") or "",
            "name_prefix": person.get("tussenvoegsels") or "",
            "last_name": person["achternaam"],
            "birth_date": dt.date.fromisoformat(born),
        }
        existing = Person.objects.filter(**key).first()
        values = {
            **key,
            "email": contacts.get("EMA") or "",
            "phone": contacts.get("TEL") or contacts.get("MOB") or "",
            "is_main_tenant": "HOO" in roles or "HUU" in roles,
        }
        try:
            with transaction.atomic():
                _row, outcome = person_upsert(person=existing, values=values)
        except (ValidationError, IntegrityError) as exc:
            for field, message in messages_of(exc):
                item.error(where, f"{field}: {message}" if field and field != "__all__" else message)
            continue
        changed = changed or outcome != "unchanged"
    return changed
