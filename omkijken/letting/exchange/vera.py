"""VERA WRV JSON export and import of eenheden, kandidaten, aanbiedingen and toewijzingen.

A document is a JSON array of WRV *berichten* (``Eenheden-Eenheidbericht`` …), the shape the WRV
API's ``GET /eenheden`` returns, without paging. Every exported item passes
:func:`omkijken.letting.exchange.schema.check` (schema + no undefined keys); the importer checks
every item the same way before it reads it. What VERA has no field for travels in the
``extra-attributen`` of the bericht (VERA's own extension point); docs/exchange.md lists them.

Privacy: special-category data (a household's target group, that it was housed by direct
mediation, and urgency reasons that reveal health, homelessness, detention, institution or refugee
status) is exported only with ``include_special_category=True`` by a role that may read target
groups; each household in such an export gets an AccessEvent (purpose: export). Without the flag
those facts are left out, and importing such a file keeps what the database already knows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import AccessEvent, Organisation, User
from omkijken.accounts.policy import can
from omkijken.letting.channels import Channel
from omkijken.letting.exchange import schema
from omkijken.letting.exchange.common import (
    ImportFailed,
    ImportResult,
    RowError,
    corporation_of,
    local_date,
    local_midnight,
    messages_of,
    money,
    parse_datetime,
    record_batch,
    to_money,
    upsert,
)
from omkijken.letting.models import (
    Advert,
    Allocation,
    ImportBatch,
    Nomination,
    Offer,
    OfferEvent,
    Registration,
    Round,
)
from omkijken.portfolio.models import Complex, Section, Unit
from omkijken.residents.models import Household, Lease, Person, TargetGroupStatus
from omkijken.residents.selectors import open_status_filter

KINDS = tuple(schema.KINDS)

# Urgency reasons (VOORRANGDETAILSOORT) that reveal special-category facts: health, (near)
# homelessness, detention, outflow from an institution, refugee status.
SENSITIVE_URGENCY = frozenset({"MED", "DAK", "EXD", "UIT", "STA"})

# Extra attributes (naam) we use, per kind.
X_SECTION = "sectie"
X_STATUS = "inschrijvingStatus"
X_PENSION = "aowLeeftijdBereikt"
X_NEEDS = "behoeften"
X_UNIT = "eenheid"
X_RESPOND_BY = "reactieUiterlijk"
X_VIEWING = "bezichtiging"
X_DECIDED = "besluitdatum"
X_ALLOCATION = "toewijzing"
X_OUR_STATUS = "omkijkenStatus"
X_ROUND = "ronde"
X_ADVERT = "publicatie"
X_CHANNEL = "kanaal"

ref = schema.ref


def unit_key(unit: Unit) -> str:
    return f"{unit.complex.code}/{unit.code}"


def _extras(pairs: Iterable[tuple[str, Any]]) -> list[dict[str, str]]:
    return [{"naam": name, "waarde": str(value)} for name, value in pairs if value not in (None, "")]


def _bool(value: bool) -> str:
    return "true" if value else "false"


# --- Export ---------------------------------------------------------------------------------


def export_kind(
    *, actor: User, kind: str, include_special_category: bool = False, on: dt.date | None = None
) -> list[dict[str, Any]]:
    """The actor's corporation's records of one kind as WRV berichten (validated)."""
    corporation = corporation_of(actor)
    if kind not in KINDS:
        raise ValueError(kind)
    if include_special_category and not can(actor, "read_target_group"):
        raise PermissionDenied
    on = on or timezone.localdate()
    exporter: Callable[..., list[dict[str, Any]]] = _EXPORTERS[kind]
    items, households = exporter(corporation, include_special_category=include_special_category, on=on)
    for index, item in enumerate(items):
        problems = schema.check(item, schema.KINDS[kind])
        if problems:  # a bug in our mapping, never the user's data
            raise AssertionError(f"item {index}: {problems}")
    if include_special_category and households:
        AccessEvent.objects.bulk_create(
            [
                AccessEvent(
                    actor=actor,
                    actor_role=actor.role or "",
                    household_id=household_id,
                    corporation=corporation,
                    record=f"vera_{kind}",
                    view="letting:exchange_export",
                    purpose=AccessEvent.Purpose.EXPORT,
                )
                for household_id in sorted(households)
            ]
        )
    return items


def export_json(**kwargs: Any) -> str:
    return json.dumps(export_kind(**kwargs), ensure_ascii=False, indent=2)


def _unit_item(unit: Unit) -> dict[str, Any]:
    hood = unit.complex.neighbourhood
    adres: dict[str, Any] = {
        "straatnaam": unit.street,
        "huisnummer": str(unit.house_number),
        "postcode": unit.postcode,
        "woonplaats": {"naam": unit.city},
        "buurt": {"code": hood.code, "naam": hood.name},
        "wijk": {"code": hood.district_code, "naam": hood.district_name},
        "gemeente": {"code": hood.municipality_code, "naam": hood.municipality_name},
    }
    if unit.house_number_suffix:
        adres["huisnummerToevoeging"] = unit.house_number_suffix
    item: dict[str, Any] = {
        "id": str(unit.pk),
        "idExtern": unit_key(unit),
        "code": unit.code,
        "soort": ref("EENHEIDSOORT", "WOO"),
        "adres": adres,
        "clusters": [
            {"code": unit.complex.code, "naam": unit.complex.name, "soort": ref("CLUSTERSOORT", "VEX")}
        ],
        "etage": unit.floor,
        "kamersAantal": unit.rooms,
        "prijscomponenten": [{"soort": ref("PRIJSCOMPONENTSOORT", "NET"), "bedrag": money(unit.net_rent)}],
        "maatschappelijkLabel": ref("MAATSCHAPPELIJKLABEL", "DAE" if unit.daeb_label == "DAEB" else "NDA"),
        "panden": [{"code": unit.complex.code, "liftAanwezig": unit.has_lift}],
        "voorwaarden": {
            "minimumAantalPersonen": unit.min_household_size,
            "maximumAantalPersonen": unit.max_household_size,
        },
    }
    if unit.floor_area is not None:
        item["oppervlakten"] = [{"soort": ref("OPPERVLAKTESOORT", "GBO"), "waarde": float(unit.floor_area)}]
    if unit.wheelchair_accessible:
        item["toegankelijkheidslabel"] = ref("TOEGANKELIJKHEIDSLABEL", "ROL")
    extras = _extras([(X_SECTION, unit.section.name if unit.section else None)])
    if extras:
        item["extra-attributen"] = extras
    return item


def _export_units(corporation: Organisation, **_: Any) -> tuple[list[dict[str, Any]], set[int]]:
    units = (
        Unit.objects.filter(complex__corporation=corporation)
        .select_related("complex", "complex__neighbourhood", "section")
        .order_by("complex__code", "code")
    )
    return [_unit_item(u) for u in units], set()


def _person_item(person: Person) -> dict[str, Any]:
    item: dict[str, Any] = {
        "soort": ref("RELATIESOORT", "NAT"),
        "voornaam": person.first_name,
        "achternaam": person.last_name,
        "geboortedatum": person.birth_date.isoformat(),
        "rollen": [{"soort": ref("RELATIEROLSOORT", "HOO" if person.is_main_tenant else "MBW")}],
    }
    if person.name_prefix:
        item["tussenvoegsels"] = person.name_prefix
    contact = []
    if person.email:
        contact.append({"soort": ref("CONTACTGEGEVENSOORT", "EMA"), "waarde": person.email})
    if person.phone:
        contact.append({"soort": ref("CONTACTGEGEVENSOORT", "TEL"), "waarde": person.phone})
    if contact:
        item["contactgegevens"] = contact
    return item


def _adults(household: Household, size: int, on: dt.date) -> int:
    grown = sum(1 for p in household.members.all() if (on - p.birth_date).days >= 18 * 365.25)
    return max(1, min(size, grown or 1))


def _kandidaat_item(registration: Registration, *, sensitive: bool, on: dt.date) -> dict[str, Any]:
    household = registration.household
    persons = [_person_item(p) for p in household.members.all()]
    if registration.urgency_category:
        regeling: dict[str, Any] = {"soort": ref("VOORRANGSOORT", "URG")}
        if sensitive or registration.urgency_category not in SENSITIVE_URGENCY:
            if schema.known("VOORRANGDETAILSOORT", registration.urgency_category):
                regeling["detailSoort"] = ref("VOORRANGDETAILSOORT", registration.urgency_category)
            else:
                regeling["detailSoort"] = {"code": registration.urgency_category}
            regeling["einddatum"] = local_midnight(registration.urgency_valid_until)  # type: ignore[arg-type]
        if not persons:
            persons.append({"soort": ref("RELATIESOORT", "NAT")})
        persons[0]["voorrangsregelingen"] = [regeling]
    adults = _adults(household, registration.household_size, on)
    item: dict[str, Any] = {
        "id": str(registration.pk),
        "code": household.reference,
        "aantalVolwassenen": adults,
        "aantalKinderen": registration.household_size - adults,
        "verzamelinkomen": money(registration.yearly_income),
        "relatie": {
            "soort": ref("RELATIESOORT", "GRO"),
            "detailSoort": ref("RELATIEDETAILSOORT", "HUI"),
            "code": household.reference,
            "naam": household.name,
            "overeenkomsten": [
                {
                    "soort": ref("OVEREENKOMSTSOORT", "INS"),
                    "begindatum": registration.registration_date.isoformat(),
                }
            ],
            "relaties": persons,
        },
        "extra-attributen": _extras(
            [
                (X_STATUS, registration.status),
                (X_PENSION, _bool(registration.pension_age)),
                (X_NEEDS, ",".join(registration.needs)),
            ]
        ),
    }
    if registration.external_id:
        item["idExtern"] = registration.external_id
    return item


def _export_registrations(
    corporation: Organisation, *, include_special_category: bool, on: dt.date
) -> tuple[list[dict[str, Any]], set[int]]:
    registrations = (
        Registration.objects.filter(household__corporation=corporation)
        .select_related("household")
        .prefetch_related("household__members")
        .order_by("household__reference")
    )
    items = [_kandidaat_item(r, sensitive=include_special_category, on=on) for r in registrations]
    sensitive = {r.household_id for r in registrations if r.urgency_category in SENSITIVE_URGENCY}
    return items, sensitive if include_special_category else set()


def _relatie_of(household: Household) -> dict[str, Any]:
    """A household as the natural person VERA's Aanbieding/Toewijzing expects: the main tenant,
    in the role *Huishouden* whose code is the household's reference."""
    members = list(household.members.all())
    main = next((p for p in members if p.is_main_tenant), members[0] if members else None)
    item: dict[str, Any] = {
        "soort": ref("RELATIESOORT", "NAT"),
        "rollen": [{"soort": ref("RELATIEROLSOORT", "HUI"), "code": household.reference}],
    }
    if main is not None:
        item["voornaam"] = main.first_name
        item["achternaam"] = main.last_name
        if main.name_prefix:
            item["tussenvoegsels"] = main.name_prefix
    return item


def _offer_item(offer: Offer) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": str(offer.pk),
        "status": ref("AANBIEDINGSTATUS", Offer.VERA_STATUS[offer.status]),
        "relatie": _relatie_of(offer.household),
    }
    if offer.external_id:
        item["idExtern"] = offer.external_id
    if offer.reason_code:
        if schema.known("AANBIEDINGDETAILSTATUS", offer.reason_code):
            item["detailStatus"] = ref("AANBIEDINGDETAILSTATUS", offer.reason_code)
        else:
            item["detailStatus"] = {"code": offer.reason_code}
    if offer.advert_id:
        publicatie = {"id": str(offer.advert_id)}
        if offer.advert.external_id:  # type: ignore[union-attr]
            publicatie["idExtern"] = offer.advert.external_id  # type: ignore[union-attr]
        item["publicatie"] = publicatie
    item["extra-attributen"] = _extras(
        [
            (X_UNIT, unit_key(offer.unit)),
            (X_OUR_STATUS, offer.status),
            (X_RESPOND_BY, offer.respond_by.isoformat()),
            (X_VIEWING, offer.viewing_at.isoformat() if offer.viewing_at else None),
            (X_DECIDED, offer.decided_at.isoformat() if offer.decided_at else None),
            (X_ALLOCATION, offer.allocation_id),
        ]
    )
    return item


def _export_offers(corporation: Organisation, **_: Any) -> tuple[list[dict[str, Any]], set[int]]:
    offers = (
        Offer.objects.filter(corporation=corporation)
        .select_related("unit", "unit__complex", "household", "advert")
        .prefetch_related("household__members")
        .order_by("pk")
    )
    return [_offer_item(o) for o in offers], set()


def _target_groups(households: set[int], on: dt.date) -> dict[int, str]:
    found = {
        s.household_id: s.target_group
        for s in TargetGroupStatus.objects.filter(open_status_filter(on), household_id__in=households)
    }
    for nomination in Nomination.objects.filter(household_id__in=households).order_by("nominated_on", "pk"):
        found.setdefault(nomination.household_id, nomination.target_group)
    return found


def _allocation_item(
    allocation: Allocation, registration: Registration | None, *, target_group: str | None, sensitive: bool
) -> dict[str, Any]:
    unit = allocation.unit
    item: dict[str, Any] = {
        "id": str(allocation.pk),
        "datum": timezone.localtime(allocation.created_at).isoformat(),
        "eenheid": {"id": str(unit.pk), "idExtern": unit_key(unit), "code": unit.code},
        "kandidaat": {"code": allocation.household.reference},
        "passendheidsoort": ref("PASSENDHEIDSSOORT", allocation.passendheid),
        "rekenhuur": money(unit.net_rent),
    }
    if allocation.justification:
        if schema.known("PASSENDHEIDDETAILSOORT", allocation.justification):
            item["passendheiddetailsoort"] = ref("PASSENDHEIDDETAILSOORT", allocation.justification)
        else:
            item["passendheiddetailsoort"] = {"code": allocation.justification}
    if registration is not None:
        item["kandidaat"]["id"] = str(registration.pk)
        item["huishoudgrootte"] = registration.household_size
        item["isOuderenhuishouden"] = registration.pension_age
        item["rekeninkomen"] = money(registration.yearly_income)
    if allocation.channel == Channel.GOOD_NEIGHBOUR:
        item["doelgroep"] = ref("DOELGROEP", "ZDR")
    if sensitive and target_group and schema.known("AANVULLENDEDOELGROEP", target_group):
        item["aanvullendeDoelgroep"] = ref("AANVULLENDEDOELGROEP", target_group)
    item["extra-attributen"] = _extras(
        [
            (X_ROUND, allocation.round_id),
            (X_ADVERT, allocation.advert_id),
            (X_CHANNEL, allocation.channel if sensitive else None),
        ]
    )
    return item


def _export_allocations(
    corporation: Organisation, *, include_special_category: bool, on: dt.date
) -> tuple[list[dict[str, Any]], set[int]]:
    allocations = list(
        Allocation.objects.filter(round__corporation=corporation)
        .select_related("unit", "unit__complex", "household")
        .order_by("pk")
    )
    households = {a.household_id for a in allocations}
    registrations = {r.household_id: r for r in Registration.objects.filter(household_id__in=households)}
    groups = _target_groups(households, on) if include_special_category else {}
    items = [
        _allocation_item(
            a,
            registrations.get(a.household_id),
            target_group=groups.get(a.household_id),
            sensitive=include_special_category,
        )
        for a in allocations
    ]
    return items, households if include_special_category else set()


_EXPORTERS: dict[str, Callable[..., tuple[list[dict[str, Any]], set[int]]]] = {
    "eenheden": _export_units,
    "kandidaten": _export_registrations,
    "aanbiedingen": _export_offers,
    "toewijzingen": _export_allocations,
}


# --- Import ---------------------------------------------------------------------------------


class _Item:
    """One bericht being read, collecting errors under its JSON path."""

    def __init__(self, data: dict[str, Any], index: int, errors: list[RowError]) -> None:
        self.data = data
        self.path = f"$[{index}]"
        self.errors = errors
        self.extras = {
            e.get("naam"): e.get("waarde") for e in data.get("extra-attributen", []) if isinstance(e, dict)
        }

    def error(self, where: str, message: str) -> None:
        self.errors.append(RowError(where=f"{self.path}{where}", message=message))

    def get(self, *keys: str | int) -> Any:
        node: Any = self.data
        for key in keys:
            if isinstance(key, int):
                node = node[key] if isinstance(node, list) and len(node) > key else None
            else:
                node = node.get(key) if isinstance(node, dict) else None
            if node is None:
                return None
        return node

    def need(self, where: str, *keys: str | int) -> Any:
        value = self.get(*keys)
        if value in (None, ""):
            self.error(where, _("is missing"))
        return value


def parse_document(content: bytes, kind: str) -> list[dict[str, Any]]:
    """The berichten of an uploaded file, each checked against its WRV schema; ImportFailed with
    every problem (by JSON path) otherwise."""
    try:
        data = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportFailed(
            [RowError(where="$", message=_("The file is not valid JSON: %(error)s") % {"error": exc})]
        ) from exc
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise ImportFailed([RowError(where="$", message=_("Expected a list of VERA messages."))])
    errors: list[RowError] = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            errors.append(RowError(where=f"$[{index}]", message=_("Expected an object.")))
            continue
        for problem in schema.check(item, schema.KINDS[kind]):
            path, _sep, message = problem.partition(": ")
            errors.append(RowError(where=f"$[{index}]{path[1:]}", message=message))
    if errors:
        raise ImportFailed(errors)
    return data


def import_document(*, actor: User, kind: str, content: bytes, filename: str = "import.json") -> ImportResult:
    """Import one VERA file of ``kind`` for the actor's corporation: all or nothing, upsert by
    external id or natural key; one ImportBatch row with the counts."""
    corporation = corporation_of(actor)
    if kind not in KINDS:
        raise ValueError(kind)
    items = parse_document(content, kind)
    result = ImportResult(kind=kind, rows=len(items), encoding="utf-8")
    errors: list[RowError] = []
    try:
        with transaction.atomic():
            _IMPORTERS[kind](actor, corporation, items, errors, result, filename)
            if errors:
                raise ImportFailed(errors)
            record_batch(
                actor=actor,
                corporation=corporation,
                kind=ImportBatch.Kind.VERA,
                filename=filename,
                content=content,
                result=result,
            )
    except IntegrityError as exc:
        raise ImportFailed([*errors, RowError(where="$", message=messages_of(exc)[0][1])]) from exc
    return result


def _save(item: _Item, where: str, write: Callable[[], tuple[Any, str]], result: ImportResult) -> Any:
    """Run one upsert inside a savepoint; model validation errors are recorded under ``where``."""
    try:
        with transaction.atomic():
            row, outcome = write()
    except (ValidationError, IntegrityError) as exc:
        for field, message in messages_of(exc):
            item.error(where, f"{field}: {message}" if field and field != "__all__" else message)
        return None
    result.count(outcome)
    return row


def _unit_from(item: _Item, corporation: Organisation) -> tuple[Complex | None, str | None]:
    complex_code = item.get("clusters", 0, "code")
    unit_code = item.get("code")
    if not complex_code and isinstance(item.get("idExtern"), str) and "/" in item.get("idExtern"):
        complex_code, unit_code = item.get("idExtern").split("/", 1)
    if not complex_code:
        item.error(".clusters[0].code", _("is missing (the complex code)"))
        return None, None
    if not unit_code:
        item.error(".code", _("is missing (the unit code)"))
        return None, None
    found = Complex.objects.filter(corporation=corporation, code=complex_code).first()
    if found is None:
        item.error(".clusters[0].code", _("unknown complex code %(code)s") % {"code": complex_code})
    return found, unit_code


def _import_units(
    actor: User,
    corporation: Organisation,
    items: list[dict[str, Any]],
    errors: list[RowError],
    result: ImportResult,
    filename: str,
) -> None:
    seen: set[tuple[int, str]] = set()
    for index, data in enumerate(items):
        item = _Item(data, index, errors)
        found_complex, code = _unit_from(item, corporation)
        street = item.need(".adres.straatnaam", "adres", "straatnaam")
        number = item.need(".adres.huisnummer", "adres", "huisnummer")
        postcode = item.need(".adres.postcode", "adres", "postcode")
        city = item.need(".adres.woonplaats.naam", "adres", "woonplaats", "naam")
        floor = item.need(".etage", "etage")
        rooms = item.need(".kamersAantal", "kamersAantal")
        rent = next(
            (
                p.get("bedrag")
                for p in item.get("prijscomponenten") or []
                if (p.get("soort") or {}).get("code") == "NET"
            ),
            None,
        )
        if rent is None:
            item.error(".prijscomponenten", _("no net rent (soort NET)"))
        if number is not None and not str(number).isdigit():
            item.error(".adres.huisnummer", _("is not a whole number"))
            number = None
        area = next(
            (
                o.get("waarde")
                for o in item.get("oppervlakten") or []
                if (o.get("soort") or {}).get("code") == "GBO"
            ),
            None,
        )
        label = item.get("maatschappelijkLabel", "code") or "DAE"
        if label not in ("DAE", "NDA"):
            item.error(".maatschappelijkLabel.code", _("unknown DAEB label %(code)s") % {"code": label})
        section = None
        section_name = item.extras.get(X_SECTION)
        if section_name and found_complex is not None:
            section = Section.objects.filter(complex=found_complex, name=section_name).first()
            if section is None:
                item.error(".extra-attributen", _("unknown section %(name)s") % {"name": section_name})
        if found_complex is None or None in (code, street, number, postcode, city, floor, rooms, rent):
            continue
        if (found_complex.pk, code) in seen:
            item.error(".code", _("unit %(code)s appears twice in the file") % {"code": code})
            continue
        seen.add((found_complex.pk, code))
        values = {
            "complex": found_complex,
            "code": code,
            "street": street,
            "house_number": int(number),
            "house_number_suffix": item.get("adres", "huisnummerToevoeging") or "",
            "postcode": str(postcode).replace(" ", "").upper(),
            "city": city,
            "floor": floor,
            "rooms": rooms,
            "floor_area": round(area) if area is not None else None,
            "net_rent": to_money(rent),
            "daeb_label": "DAEB" if label == "DAE" else "NDAEB",
            "has_lift": any(p.get("liftAanwezig") for p in item.get("panden") or []),
            "wheelchair_accessible": item.get("toegankelijkheidslabel", "code") in ("ROL", "RUI"),
            "min_household_size": item.get("voorwaarden", "minimumAantalPersonen") or 1,
            "max_household_size": item.get("voorwaarden", "maximumAantalPersonen") or 6,
            "section": section,
        }
        existing = Unit.objects.filter(complex=found_complex, code=code).first()
        _save(item, "", lambda e=existing, v=values: upsert(e, Unit, v), result)


def _persons_of(item: _Item) -> list[tuple[int, dict[str, Any]]]:
    return [(i, p) for i, p in enumerate(item.get("relatie", "relaties") or []) if isinstance(p, dict)]


def _urgency_of(item: _Item) -> tuple[bool, str, dt.date | None]:
    """(has urgency, detail code, valid until) from the persons' voorrangsregelingen."""
    for _i, person in _persons_of(item):
        for regeling in person.get("voorrangsregelingen") or []:
            if (regeling.get("soort") or {}).get("code") == "URG":
                code = (regeling.get("detailSoort") or {}).get("code") or ""
                until = regeling.get("einddatum")
                return True, code, local_date(until) if until else None
    return False, "", None


def _import_registrations(
    actor: User,
    corporation: Organisation,
    items: list[dict[str, Any]],
    errors: list[RowError],
    result: ImportResult,
    filename: str,
) -> None:
    seen: set[str] = set()
    for index, data in enumerate(items):
        item = _Item(data, index, errors)
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
            household = _save(
                item,
                ".relatie",
                lambda n=name, r=reference: upsert(
                    None, Household, {"corporation": corporation, "reference": r, "name": n}
                ),
                result,
            )
            if household is None:
                continue
            result.created -= 1  # the registration is what we count
        renamed = bool(item.get("relatie", "naam")) and household.name != item.get("relatie", "naam")
        if renamed:
            household.name = item.get("relatie", "naam")
            try:
                household.full_clean()
            except ValidationError as exc:
                for field, message in messages_of(exc):
                    item.error(".relatie.naam", f"{field}: {message}")
                continue
            household.save(update_fields=["name"])
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
        _save(item, "", lambda e=registration, v=values: upsert(e, Registration, v), result)
        if person_changed and result.unchanged > before:
            result.unchanged -= 1
            result.updated += 1


def _import_persons(item: _Item, household: Household) -> bool:
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
                _row, outcome = upsert(existing, Person, values)
        except (ValidationError, IntegrityError) as exc:
            for field, message in messages_of(exc):
                item.error(where, f"{field}: {message}" if field and field != "__all__" else message)
            continue
        changed = changed or outcome != "unchanged"
    return changed


def _find_unit(item: _Item, corporation: Organisation, key: str | None, where: str) -> Unit | None:
    if not key or "/" not in key:
        item.error(where, _("is missing (complex code/unit code)"))
        return None
    complex_code, code = key.split("/", 1)
    unit = Unit.objects.filter(
        complex__corporation=corporation, complex__code=complex_code, code=code
    ).first()
    if unit is None:
        item.error(where, _("unknown unit %(key)s") % {"key": key})
    return unit


def _find_household(
    item: _Item, corporation: Organisation, reference: str | None, where: str
) -> Household | None:
    if not reference:
        item.error(where, _("is missing (the household reference)"))
        return None
    household = Household.objects.filter(corporation=corporation, reference=reference).first()
    if household is None:
        item.error(where, _("unknown household %(ref)s") % {"ref": reference})
    return household


def _offer_status(item: _Item) -> str:
    vera = item.get("status", "code")
    ours = item.extras.get(X_OUR_STATUS)
    if ours in Offer.VERA_STATUS and Offer.VERA_STATUS[ours] == vera:
        return ours
    if vera == "AAN":
        return "viewing" if item.extras.get(X_VIEWING) else "offered"
    if vera == "TOE":
        return "accepted"
    if vera == "GEW":
        return "declined"
    if vera == "ING":
        return "withdrawn" if item.get("detailStatus", "code") else "no_response"
    item.error(".status.code", _("unknown offer status %(code)s") % {"code": vera})
    return ""


def _import_offers(
    actor: User,
    corporation: Organisation,
    items: list[dict[str, Any]],
    errors: list[RowError],
    result: ImportResult,
    filename: str,
) -> None:
    for index, data in enumerate(items):
        item = _Item(data, index, errors)
        unit = _find_unit(item, corporation, item.extras.get(X_UNIT), ".extra-attributen." + X_UNIT)
        roles = item.get("relatie", "rollen") or []
        reference = next((r.get("code") for r in roles if (r.get("soort") or {}).get("code") == "HUI"), None)
        household = _find_household(item, corporation, reference, ".relatie.rollen")
        status = _offer_status(item)
        respond_by = item.extras.get(X_RESPOND_BY)
        if not respond_by:
            item.error(".extra-attributen." + X_RESPOND_BY, _("is missing"))
        advert = None
        if item.get("publicatie"):
            advert = _advert_from(
                item,
                corporation,
                item.get("publicatie", "idExtern"),
                item.get("publicatie", "id"),
                ".publicatie",
            )
        if unit is None or household is None or not status or not respond_by:
            continue
        if advert is not None and advert.unit_id != unit.pk:
            item.error(".publicatie", _("the advert is for another unit"))
            continue
        offer = None
        if item.get("idExtern"):
            offer = Offer.objects.filter(corporation=corporation, external_id=item.get("idExtern")).first()
        if offer is None and str(item.get("id") or "").isdigit():
            offer = Offer.objects.filter(
                corporation=corporation, pk=int(item.get("id")), unit=unit, household=household
            ).first()
        allocation = None
        allocation_id = item.extras.get(X_ALLOCATION)
        if allocation_id and allocation_id.isdigit():
            allocation = Allocation.objects.filter(
                pk=int(allocation_id), round__corporation=corporation, unit=unit, household=household
            ).first()
        lease = offer.lease if offer is not None else None
        if status == "accepted" and lease is None:
            lease = (
                Lease.objects.filter(unit=unit, household=household, offer__isnull=True)
                .order_by("-start_date")
                .first()
            )
            if lease is None:
                item.error(
                    ".status",
                    _("an accepted offer needs the lease of this unit and household; none was found"),
                )
                continue
        viewing = item.extras.get(X_VIEWING)
        decided = item.extras.get(X_DECIDED)
        values = {
            "corporation": corporation,
            "unit": unit,
            "household": household,
            "advert": advert,
            "allocation": allocation,
            "status": status,
            "reason_code": item.get("detailStatus", "code") or "",
            "respond_by": dt.date.fromisoformat(respond_by),
            "viewing_at": parse_datetime(viewing) if viewing else None,
            "decided_at": parse_datetime(decided) if decided else None,
            "lease": lease,
            "external_id": item.get("idExtern") or (offer.external_id if offer else ""),
        }
        before = offer.status if offer is not None else ""
        if offer is None:
            values["created_by"] = actor
        row = _save(item, "", lambda e=offer, v=values: upsert(e, Offer, v), result)
        if row is not None and row.status != before:
            OfferEvent.objects.create(
                offer=row, from_status=before, to_status=row.status, reason_code=row.reason_code, by=actor
            )


def _advert_from(
    item: _Item, corporation: Organisation, external: str | None, pk: Any, where: str
) -> Advert | None:
    advert = None
    if external:
        advert = Advert.objects.filter(corporation=corporation, external_id=external).first()
    if advert is None and str(pk or "").isdigit():
        advert = Advert.objects.filter(corporation=corporation, pk=int(pk)).first()
    if advert is None:
        item.error(where, _("unknown advert"))
    return advert


def _import_allocations(
    actor: User,
    corporation: Organisation,
    items: list[dict[str, Any]],
    errors: list[RowError],
    result: ImportResult,
    filename: str,
) -> None:
    imported_round: Round | None = None
    seen: set[tuple[int, int]] = set()
    for index, data in enumerate(items):
        item = _Item(data, index, errors)
        unit = _find_unit(item, corporation, item.get("eenheid", "idExtern"), ".eenheid.idExtern")
        household = _find_household(item, corporation, item.get("kandidaat", "code"), ".kandidaat.code")
        advert = _advert_from(
            item, corporation, None, item.extras.get(X_ADVERT), ".extra-attributen." + X_ADVERT
        )
        passendheid = item.need(".passendheidsoort.code", "passendheidsoort", "code")
        when = item.need(".datum", "datum")
        if None in (unit, household, advert, passendheid, when):
            continue
        assert unit is not None and household is not None and advert is not None
        if advert.unit_id != unit.pk:
            item.error(".extra-attributen." + X_ADVERT, _("the advert is for another unit"))
            continue
        round_id = item.extras.get(X_ROUND)
        found_round = (
            Round.objects.filter(corporation=corporation, pk=int(round_id)).first()
            if round_id and round_id.isdigit()
            else None
        )
        if found_round is None:
            if imported_round is None:
                imported_round = Round.objects.create(
                    corporation=corporation,
                    name=_("Imported from %(file)s") % {"file": filename[:80]},
                    round_date=timezone.localdate(),
                    method="import",
                    status=Round.Status.ACCEPTED,
                    created_by=actor,
                    accepted_by=actor,
                    accepted_at=timezone.now(),
                )
            found_round = imported_round
        if (found_round.pk, unit.pk) in seen:
            item.error(".eenheid", _("this unit is allocated twice in the same round"))
            continue
        seen.add((found_round.pk, unit.pk))
        existing = Allocation.objects.filter(round=found_round, unit=unit).first()
        channel = item.extras.get(X_CHANNEL)
        if channel not in (c.value for c in Channel):
            if item.get("doelgroep", "code") == "ZDR":
                channel = Channel.GOOD_NEIGHBOUR.value
            elif existing is not None:
                channel = existing.channel  # the file does not say: keep what we know
            else:
                channel = Channel.REGULAR.value
        values = {
            "round": found_round,
            "advert": advert,
            "unit": unit,
            "household": household,
            "channel": channel,
            "passendheid": passendheid,
            "justification": item.get("passendheiddetailsoort", "code") or "",
        }
        unchanged_before = result.unchanged
        row = _save(item, "", lambda e=existing, v=values: upsert(e, Allocation, v), result)
        if row is not None:
            created_at = parse_datetime(when)
            if row.created_at != created_at:
                Allocation.objects.filter(pk=row.pk).update(created_at=created_at)
                if result.unchanged > unchanged_before:  # only the date differed
                    result.unchanged -= 1
                    result.updated += 1


_IMPORTERS: dict[str, Callable[..., None]] = {
    "eenheden": _import_units,
    "kandidaten": _import_registrations,
    "aanbiedingen": _import_offers,
    "toewijzingen": _import_allocations,
}
