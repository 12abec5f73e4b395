"""VERA WRV JSON export of eenheden, kandidaten, aanbiedingen and toewijzingen.

A document is a JSON array of WRV *berichten* (``Eenheden-Eenheidbericht`` …), the shape the WRV
API's ``GET /eenheden`` returns, without paging. Every exported item passes
:func:`omkijken.exchange.vera.schema.check` (schema + no undefined keys); the importer checks
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
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from omkijken.accounts.models import AccessEvent, Organisation, User
from omkijken.accounts.policy import can
from omkijken.exchange.common import corporation_of, local_midnight, money
from omkijken.exchange.vera import schema
from omkijken.exchange.vera.codes import (
    CO_APPLICANT_ROLE,
    HOUSEHOLD_ROLE,
    KINDS,
    MAIN_TENANT_ROLE,
    SENSITIVE_URGENCY,
    X_ADVERT,
    X_ALLOCATION,
    X_CHANNEL,
    X_DECIDED,
    X_NEEDS,
    X_OUR_STATUS,
    X_PENSION,
    X_RESPOND_BY,
    X_ROUND,
    X_SECTION,
    X_STATUS,
    X_UNIT,
    X_VIEWING,
    ref,
    unit_key,
)
from omkijken.letting.channels import Channel
from omkijken.letting.models import Allocation, Nomination, Offer, Registration
from omkijken.portfolio.models import Complex, Unit
from omkijken.residents.models import Household, Person, TargetGroupStatus
from omkijken.residents.selectors import open_status_filter

# A complex's building type as the home's EENHEIDDETAILSOORT (the Waarderingskamer's list) and
# its pand's PANDSOORT; an apartment building is taken as a corridor flat.
DETAIL_SOORT: dict[str, str] = {
    Complex.BuildingType.GALLERY_FLAT: "GAL",
    Complex.BuildingType.STAIRWELL: "POF",
    Complex.BuildingType.TERRACED: "TUS",
    Complex.BuildingType.APARTMENT: "COR",
}
PAND_SOORT: dict[str, str] = {
    Complex.BuildingType.GALLERY_FLAT: "MGW",
    Complex.BuildingType.STAIRWELL: "MGW",
    Complex.BuildingType.TERRACED: "EGW",
    Complex.BuildingType.APARTMENT: "MGW",
}


def _extras(pairs: Iterable[tuple[str, Any]]) -> list[dict[str, str]]:
    return [{"naam": name, "waarde": str(value)} for name, value in pairs if value not in (None, "")]


def _bool(value: bool) -> str:
    return "true" if value else "false"


# --- Export ---------------------------------------------------------------------------------


def export_kind(
    *, actor: User, kind: str, include_special_category: bool = False, on: dt.date | None = None
) -> list[dict[str, Any]]:
    """The actor's corporation's records of one kind as WRV berichten (validated)."""
    return list(
        export_items(actor=actor, kind=kind, include_special_category=include_special_category, on=on)
    )


def export_items(
    *, actor: User, kind: str, include_special_category: bool = False, on: dt.date | None = None
) -> Iterator[dict[str, Any]]:
    """The berichten one by one, each checked against its WRV schema as it is made; the homes are
    read from the database in chunks, so that an export of 50,000 never holds them all.

    The check is the schema's (types, formats, ranges: what the data could break); that our
    mapping writes no key VERA does not define is the tests' job (``schema.check`` on every
    item), since only a change of the code can break it. Access to special-category data is
    logged before the first bericht is handed out."""
    corporation = corporation_of(actor)
    if kind not in KINDS:
        raise ValueError(kind)
    if include_special_category and not can(actor, "read_target_group"):
        raise PermissionDenied
    on = on or timezone.localdate()
    exporter = _EXPORTERS[kind]
    items, households = exporter(corporation, include_special_category=include_special_category, on=on)
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
    return _checked(items, schema.KINDS[kind])


def _checked(items: Iterable[dict[str, Any]], component: str) -> Iterator[dict[str, Any]]:
    for index, item in enumerate(items):
        problems = schema.schema_errors(item, component)
        if problems:  # a bug in our mapping, never the user's data
            raise AssertionError(f"item {index}: {problems}")
        yield item


def export_stream(**kwargs: Any) -> Iterator[str]:
    """The export as JSON text in pieces (a JSON array, one bericht per line), for a streaming
    response or a file: memory stays flat however many records there are. Permission and the
    access log are settled when it is called, before the first piece."""
    return _pieces(export_items(**kwargs))


def _pieces(items: Iterator[dict[str, Any]]) -> Iterator[str]:
    yield "["
    for index, item in enumerate(items):
        yield ("\n" if index == 0 else ",\n") + json.dumps(item, ensure_ascii=False)
    yield "\n]\n"


def export_json(**kwargs: Any) -> str:
    return "".join(export_stream(**kwargs))


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
        "detailSoort": ref("EENHEIDDETAILSOORT", DETAIL_SOORT[unit.complex.building_type]),
        "bouwjaar": unit.complex.year_built,
        "panden": [
            {
                "code": unit.complex.code,
                "soort": ref("PANDSOORT", PAND_SOORT[unit.complex.building_type]),
                "liftAanwezig": unit.has_lift,
            }
        ],
        "criteria": [
            {
                "soort": ref("EENHEIDCRITERIUMSOORT", "PER"),
                "toepassing": ref("EENHEIDCRITERIUMTOEPASSING", "SEL"),
                "aantalOndergrens": unit.min_household_size,
                "aantalBovengrens": unit.max_household_size,
            }
        ],
    }
    if unit.floor_area is not None:
        item["oppervlakten"] = [{"soort": ref("OPPERVLAKTESOORT", "GBO"), "waarde": float(unit.floor_area)}]
    if unit.wheelchair_accessible:
        item["toegankelijkheidslabel"] = ref("TOEGANKELIJKHEIDSLABEL", "ROL")
    extras = _extras([(X_SECTION, unit.section.name if unit.section else None)])
    if extras:
        item["extra-attributen"] = extras
    return item


def _export_units(corporation: Organisation, **_: Any) -> tuple[Iterable[dict[str, Any]], set[int]]:
    units = (
        Unit.objects.filter(complex__corporation=corporation)
        .select_related("complex", "complex__neighbourhood", "section")
        .order_by("complex__code", "code")
    )
    return (_unit_item(u) for u in units.iterator(chunk_size=2000)), set()


def _person_item(person: Person) -> dict[str, Any]:
    item: dict[str, Any] = {
        "soort": ref("RELATIESOORT", "NAT"),
        "voornaam": person.first_name,
        "achternaam": person.last_name,
        "geboortedatum": person.birth_date.isoformat(),
        "rollen": [
            {
                "soort": ref(
                    "RELATIEROLSOORT", MAIN_TENANT_ROLE if person.is_main_tenant else CO_APPLICANT_ROLE
                )
            }
        ],
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
    in the role *Woningzoekende* whose code is the household's reference (the role *Huishouden*,
    HUI, was retired in 2022)."""
    members = list(household.members.all())
    main = next((p for p in members if p.is_main_tenant), members[0] if members else None)
    item: dict[str, Any] = {
        "soort": ref("RELATIESOORT", "NAT"),
        "rollen": [{"soort": ref("RELATIEROLSOORT", HOUSEHOLD_ROLE), "code": household.reference}],
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


_EXPORTERS: dict[str, Callable[..., tuple[Iterable[dict[str, Any]], set[int]]]] = {
    "eenheden": _export_units,
    "kandidaten": _export_registrations,
    "aanbiedingen": _export_offers,
    "toewijzingen": _export_allocations,
}
