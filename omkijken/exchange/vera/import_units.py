"""Import of VERA eenheden: units upserted by complex code and unit code.

Set-based: the corporation's complexes, sections and units are loaded in one query each, every
bericht is read and checked, and only then are all units written together
(``portfolio.services.units_bulk_upsert``), or none when any bericht has an error."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from omkijken.accounts.models import Organisation, User
from omkijken.exchange.common import ImportResult, RowError, to_money
from omkijken.exchange.vera.codes import X_SECTION
from omkijken.exchange.vera.reading import Item, record_refusals
from omkijken.portfolio.models import Complex, Section, Unit
from omkijken.portfolio.services import units_bulk_upsert


def _unit_from(item: Item, complexes: dict[str, Complex]) -> tuple[Complex | None, str | None]:
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
    found = complexes.get(complex_code)
    if found is None:
        item.error(".clusters[0].code", _("unknown complex code %(code)s") % {"code": complex_code})
    return found, unit_code


def _household_sizes(item: Item) -> tuple[int | None, int | None]:
    """(minimum, maximum) household size: from the criterion of soort PER (Personen), as VERA 4.3
    has it, or else from ``voorwaarden``, which it retired but older files still carry."""
    for criterion in item.get("criteria") or []:
        if isinstance(criterion, dict) and (criterion.get("soort") or {}).get("code") == "PER":
            low, high = criterion.get("aantalOndergrens"), criterion.get("aantalBovengrens")
            return (round(low) if low is not None else None, round(high) if high is not None else None)
    return item.get("voorwaarden", "minimumAantalPersonen"), item.get("voorwaarden", "maximumAantalPersonen")


def import_units(
    actor: User,
    corporation: Organisation,
    items: list[dict[str, Any]],
    errors: list[RowError],
    result: ImportResult,
    filename: str,
) -> None:
    complexes = {c.code: c for c in Complex.objects.filter(corporation=corporation)}
    sections = {(s.complex_id, s.name): s for s in Section.objects.filter(complex__corporation=corporation)}
    units = {(u.complex_id, u.code): u for u in Unit.objects.filter(complex__corporation=corporation)}
    seen: set[tuple[int, str]] = set()
    planned: list[tuple[Unit | None, dict[str, Any], tuple[Item, str]]] = []
    for index, data in enumerate(items):
        item = Item(data, index, errors)
        found_complex, code = _unit_from(item, complexes)
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
        sizes = _household_sizes(item)
        label = item.get("maatschappelijkLabel", "code") or "DAE"
        if label not in ("DAE", "NDA"):
            item.error(".maatschappelijkLabel.code", _("unknown DAEB label %(code)s") % {"code": label})
        section = None
        section_name = item.extras.get(X_SECTION)
        if section_name and found_complex is not None:
            section = sections.get((found_complex.pk, section_name))
            if section is None:
                item.error(".extra-attributen", _("unknown section %(name)s") % {"name": section_name})
        if found_complex is None or None in (code, street, number, postcode, city, floor, rooms, rent):
            continue
        if (found_complex.pk, code) in seen:
            item.error(".code", _("unit %(code)s appears twice in the file") % {"code": code})
            continue
        assert code is not None
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
            "min_household_size": sizes[0] or 1,
            "max_household_size": sizes[1] or 6,
            "section": section,
        }
        planned.append((units.get((found_complex.pk, code)), values, (item, "")))
    done = units_bulk_upsert(rows=planned, write=not errors)
    record_refusals(done, result)
