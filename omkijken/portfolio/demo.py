"""Demo step of the portfolio: Overvliet's neighbourhoods, complexes, sections and homes.

The reference projects (domain brief §1 and §3.2) shape the three named complexes:

* Vliethof, a 188-home gallery flat running "Nieuwe Buren" (about 21% vulnerable households);
* De Brug (101 homes) and Het Kompas (121 homes), new-build 30/70 complexes where a care partner
  first rents the homes of its clients (omklap lease, 36 months of support).

``size="small"`` (about 400 Woonhaven homes in 6 complexes, for the tests) keeps the same shape:
Vliethof keeps its 188 homes, De Brug and Het Kompas shrink to 40 and 48.

A complex's spec also says how it is let (vacancy, share and profile of vulnerable households),
which the residents step reads. The complexes are built one at a time as the residents step
lets them (``plan.pending_complexes``): the homes of a complex are drawn after the households of
the one before, and that order is part of what a seed means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from omkijken.accounts.models import Organisation
from omkijken.demo.personas import CORPORATION, MUNICIPALITY_CODE, OTHER_CORPORATION
from omkijken.demo.plan import DemoPlan, bulk, weighted
from omkijken.portfolio.demo_data import (
    APARTMENT_SUFFIXES,
    AREA_BY_ROOMS,
    BRUGKWARTIER,
    DAEB_RENT_CEILING,
    DAEB_RENT_FLOOR,
    DISTRICTS,
    GALLERY_SUFFIXES,
    HOUSEHOLD_SIZE_BY_ROOMS,
    KOMPASVELD,
    OVERVLIET_BUURTEN,
    PROFILE_KOMPAS,
    PROFILE_NEW_BUILD,
    PROFILE_OTHER_CORPORATION,
    PROFILE_VLIETHOF,
    RENT_BY_ROOMS,
    STAIRWELL_SUFFIXES,
    STREET_STEMS,
    TERRACED_SUFFIXES,
    ComplexSpec,
    SectionSpec,
)
from omkijken.portfolio.models import Complex, Neighbourhood, Section, Unit

CITY = "Vechtstad"

# Named complexes (tests and other modules look them up by these names).
VLIETHOF = "Vliethof"
DE_BRUG = "De Brug"
HET_KOMPAS = "Het Kompas"
DREEFHOVEN = "Dreefhoven"

DE_BRUG_OPENED = dt.date(2020, 10, 26)


@dataclass(frozen=True)
class BuiltComplex:
    """A complex just drawn, with its homes and the name of each home's section."""

    spec: ComplexSpec
    corporation: Organisation
    homes: list[tuple[Unit, str | None]]


def plan_portfolio(plan: DemoPlan) -> None:
    """Draw the neighbourhoods now and queue the complexes, which the residents step builds as it
    lets them; once the last is built, the building managers are assigned."""
    portfolio = _Portfolio(plan)
    portfolio.neighbourhoods()
    plan.pending_complexes = portfolio.complexes()


def write_portfolio(plan: DemoPlan) -> None:
    bulk(Neighbourhood, plan.neighbourhoods)
    bulk(Complex, plan.complexes)
    Through = Complex.managers.through
    bulk(Through, [Through(complex_id=c.pk, user_id=u.pk) for c, u in plan.complex_managers])
    bulk(Section, plan.sections)
    bulk(Unit, plan.units)


class _Portfolio:
    def __init__(self, plan: DemoPlan) -> None:
        self.plan = plan
        self.rng = plan.rng
        self.size = plan.size
        self.buurten: dict[str, Neighbourhood] = {}
        self.postcode_area: dict[str, str] = {}
        self.postcode_next: dict[str, int] = {}
        self.used_streets: set[str] = set()
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        self.postcode_letters = [a + b for a in letters for b in letters if a + b not in {"SA", "SD", "SS"}]

    def complexes(self) -> Iterator[BuiltComplex]:
        woonhaven = self.plan.organisation_by_name[CORPORATION]
        other = self.plan.organisation_by_name[OTHER_CORPORATION]
        for number, spec in enumerate(self.woonhaven_specs(), start=1):
            yield BuiltComplex(spec, woonhaven, self.build_complex(spec, woonhaven, f"{1000 + number}"))
        for number, spec in enumerate(self.other_corporation_specs(), start=1):
            yield BuiltComplex(spec, other, self.build_complex(spec, other, f"SO-{number:02d}"))
        self.managers()

    def next_postcode(self, buurt: str) -> str:
        index = self.postcode_next.get(buurt, 0)
        self.postcode_next[buurt] = index + 1
        return f"{self.postcode_area[buurt]}{self.postcode_letters[index]}"

    def street_name(self, suffixes: Sequence[str]) -> str:
        while True:
            name = f"{self.rng.choice(STREET_STEMS)}{self.rng.choice(suffixes)}"
            if name not in self.used_streets:
                self.used_streets.add(name)
                return name

    def neighbourhoods(self) -> None:
        for district_code, district_name, buurten in DISTRICTS:
            for code, name, postcode_area in buurten:
                hood = Neighbourhood(
                    municipality_code=MUNICIPALITY_CODE,
                    municipality_name=CITY,
                    district_code=district_code,
                    district_name=district_name,
                    code=code,
                    name=name,
                )
                self.buurten[code] = hood
                self.postcode_area[code] = postcode_area
                self.plan.neighbourhoods.append(hood)

    @staticmethod
    def gallery_sections(per_floor: Sequence[int], ground: int = 0) -> list[SectionSpec]:
        """One galerij per floor from the first floor up; optional homes on the ground floor."""
        sections, number = [], 1
        if ground:
            sections.append(
                SectionSpec(
                    "Begane grond",
                    Section.Kind.FLOOR_GROUP,
                    tuple((0, number + i, "") for i in range(ground)),
                )
            )
            number += ground
        for floor, count in enumerate(per_floor, start=1):
            slots = tuple((floor, number + i, "") for i in range(count))
            sections.append(SectionSpec(f"Galerij {floor}", Section.Kind.GALLERY, slots))
            number += count
        return sections

    @staticmethod
    def apartment_sections(per_floor: Sequence[int]) -> list[SectionSpec]:
        """Floor groups; the first entry is the ground floor."""
        sections, number = [], 1
        for floor, count in enumerate(per_floor):
            name = "Begane grond" if floor == 0 else f"Verdieping {floor}"
            sections.append(
                SectionSpec(
                    name, Section.Kind.FLOOR_GROUP, tuple((floor, number + i, "") for i in range(count))
                )
            )
            number += count
        return sections

    @staticmethod
    def stairwell_sections(count: int, storeys: int) -> list[SectionSpec]:
        """Portieken of two homes per floor; entrance numbers odd, floors as suffix A, B, C, ..."""
        sections = []
        for index in range(count):
            left, right = 4 * index + 1, 4 * index + 3
            slots = tuple(
                (floor, number, "" if floor == 0 else "ABCDEFG"[floor - 1])
                for number in (left, right)
                for floor in range(storeys)
            )
            sections.append(SectionSpec(f"Portiek {left}-{right}", Section.Kind.STAIRWELL, slots))
        return sections

    def woonhaven_specs(self) -> list[ComplexSpec]:
        rng, full = self.rng, self.size == "full"
        kompas_opened = self.plan.days_ago(150)
        specs = [
            ComplexSpec(
                VLIETHOF,
                Complex.BuildingType.GALLERY_FLAT,
                13,
                1968,
                OVERVLIET_BUURTEN[0],
                self.gallery_sections([16] * 8 + [14] * 4, ground=4),
                street=VLIETHOF,
                project_target=0.21,
                vulnerable_count=40,
                vacancy=0.04,
                profile=PROFILE_VLIETHOF,
            ),
            ComplexSpec(
                DE_BRUG,
                Complex.BuildingType.APARTMENT,
                7 if full else 4,
                DE_BRUG_OPENED.year,
                BRUGKWARTIER,
                self.apartment_sections([11] + [15] * 6 if full else [4, 12, 12, 12]),
                street="Brugplein",
                project_target=0.30,
                vulnerable_count=30 if full else 12,
                vacancy=0.03,
                overflow_section="Verdieping 3" if full else "Verdieping 2",
                profile=PROFILE_NEW_BUILD,
                opened=DE_BRUG_OPENED,
                new_build=True,
                rooms=((2, 55), (3, 45)),
            ),
            ComplexSpec(
                HET_KOMPAS,
                Complex.BuildingType.APARTMENT,
                8 if full else 4,
                kompas_opened.year,
                KOMPASVELD,
                self.apartment_sections([9] + [16] * 7 if full else [6, 14, 14, 14]),
                street="Kompasstraat",
                project_target=0.30,
                vulnerable_count=26 if full else 10,
                vacancy=0.11,
                profile=PROFILE_KOMPAS,
                opened=kompas_opened,
                new_build=True,
                rooms=((2, 50), (3, 40), (4, 10)),
            ),
            ComplexSpec(
                DREEFHOVEN,
                Complex.BuildingType.GALLERY_FLAT,
                10 if full else 6,
                1970,
                OVERVLIET_BUURTEN[1],
                self.gallery_sections([14] * 9 if full else [10] * 5),
                street="Dreefhoven",
                project_target=0.20,
                vulnerable_share=0.17,
            ),
        ]
        if full:
            # Seven more 10-storey gallery flats; two of them with many vulnerable households.
            for index in range(7):
                per_galerij = rng.randint(12, 16)
                specs.append(
                    ComplexSpec(
                        "",
                        Complex.BuildingType.GALLERY_FLAT,
                        10,
                        rng.randint(1966, 1974),
                        OVERVLIET_BUURTEN[1 + index % 3],
                        self.gallery_sections([per_galerij] * 9, ground=rng.choice((0, 0, 4))),
                        vulnerable_share=(0.15, 0.14)[index] if index < 2 else rng.uniform(0.07, 0.11),
                    )
                )
            for index in range(2):  # senior apartment buildings with a lift
                storeys = rng.randint(5, 6)
                specs.append(
                    ComplexSpec(
                        "",
                        Complex.BuildingType.APARTMENT,
                        storeys,
                        rng.randint(1996, 2012),
                        OVERVLIET_BUURTEN[4 + index],
                        self.apartment_sections([rng.randint(8, 12)] * storeys),
                        vulnerable_share=0.05,
                        rooms=((2, 60), (3, 40)),
                        ndaeb_every=15,
                    )
                )
            for index in range(7):  # terraced rows
                specs.append(
                    ComplexSpec(
                        "",
                        Complex.BuildingType.TERRACED,
                        rng.choice((2, 3)),
                        rng.randint(1974, 1992),
                        OVERVLIET_BUURTEN[5 + index % 3],
                        [],
                        no_section_slots=[(0, n, "") for n in range(1, rng.randint(30, 70) + 1)],
                        vulnerable_share=0.05,
                        vacancy=0.03,
                        rooms=((3, 15), (4, 55), (5, 30)),
                        ndaeb_every=12,
                    )
                )
            # Stairwell blocks fill the portfolio up to about 5,500 homes.
            stairwell_count = 23
            remaining = 5_500 - sum(
                len(s.no_section_slots) + sum(len(x.slots) for x in s.sections) for s in specs
            )
            for index in range(stairwell_count):
                storeys = rng.choice((3, 4, 4))
                per_portiek = 2 * storeys
                left = stairwell_count - index
                portieken = max(4, round(remaining / left / per_portiek + rng.uniform(-4, 4)))
                if left == 1:
                    portieken = max(4, round(remaining / per_portiek))
                remaining -= portieken * per_portiek
                specs.append(
                    ComplexSpec(
                        "",
                        Complex.BuildingType.STAIRWELL,
                        storeys,
                        rng.randint(1954, 1968),
                        OVERVLIET_BUURTEN[index % 8],
                        self.stairwell_sections(portieken, storeys),
                        vulnerable_share=rng.uniform(0.05, 0.10),
                        rooms=((2, 20), (3, 50), (4, 30)),
                    )
                )
        else:
            specs.append(
                ComplexSpec(
                    "",
                    Complex.BuildingType.STAIRWELL,
                    4,
                    1961,
                    OVERVLIET_BUURTEN[3],
                    self.stairwell_sections(6, 4),
                    vulnerable_share=0.08,
                    rooms=((2, 20), (3, 50), (4, 30)),
                )
            )
            specs.append(
                ComplexSpec(
                    "",
                    Complex.BuildingType.TERRACED,
                    2,
                    1983,
                    OVERVLIET_BUURTEN[5],
                    [],
                    no_section_slots=[(0, n, "") for n in range(1, 25)],
                    vulnerable_share=0.05,
                    vacancy=0.03,
                    rooms=((3, 15), (4, 55), (5, 30)),
                    ndaeb_every=12,
                )
            )
        return specs

    def other_corporation_specs(self) -> list[ComplexSpec]:
        full = self.size == "full"
        specs = [
            ComplexSpec(
                "Oosterkade",
                Complex.BuildingType.APARTMENT,
                5,
                2004,
                KOMPASVELD,
                self.apartment_sections([8] * 5 if full else [4] * 4),
                street="Oosterkade",
                project_target=0.25,
                vulnerable_count=9 if full else 4,
                profile=PROFILE_OTHER_CORPORATION,
                rooms=((2, 60), (3, 40)),
            ),
            ComplexSpec(
                "",
                Complex.BuildingType.STAIRWELL,
                4,
                1959,
                OVERVLIET_BUURTEN[7],
                self.stairwell_sections(6 if full else 2, 4),
                vulnerable_share=0.10,
                profile=PROFILE_OTHER_CORPORATION,
                rooms=((2, 20), (3, 50), (4, 30)),
            ),
        ]
        if full:
            specs.append(
                ComplexSpec(
                    "",
                    Complex.BuildingType.TERRACED,
                    2,
                    1979,
                    OVERVLIET_BUURTEN[7],
                    [],
                    no_section_slots=[(0, n, "") for n in range(1, 25)],
                    vulnerable_share=0.05,
                    profile=PROFILE_OTHER_CORPORATION,
                    rooms=((4, 60), (5, 40)),
                )
            )
        return specs

    def unit_for(
        self,
        spec: ComplexSpec,
        complex_: Complex,
        section: Section | None,
        slot: tuple[int, int, str],
        index: int,
        postcode: str,
    ) -> Unit:
        rng = self.rng
        floor, number, suffix = slot
        rooms = weighted(rng, spec.rooms)
        area = rng.randint(*AREA_BY_ROOMS[rooms])
        lift = spec.storeys >= 4 and spec.building_type != Complex.BuildingType.TERRACED
        if spec.building_type == Complex.BuildingType.TERRACED:
            wheelchair = index == len(spec.no_section_slots) - 1  # the adapted end house
        else:
            wheelchair = floor == 0 and lift and index % 2 == 0
        min_size, max_size = HOUSEHOLD_SIZE_BY_ROOMS[rooms]
        if spec.ndaeb_every and index % spec.ndaeb_every == spec.ndaeb_every // 2:
            rent = Decimal(f"{rng.uniform(940, 1180):.2f}")
            label = Unit.DaebLabel.NON_DAEB
        else:
            base = RENT_BY_ROOMS[rooms] + rng.uniform(-65, 70) + (60 if spec.new_build else 0)
            rent = min(max(Decimal(f"{base:.2f}"), DAEB_RENT_FLOOR), DAEB_RENT_CEILING)
            label = Unit.DaebLabel.DAEB
        return Unit(
            complex=complex_,
            section=section,
            code=f"{complex_.code}-{index + 1:04d}",
            street=complex_.street,
            house_number=number,
            house_number_suffix=suffix,
            postcode=postcode,
            city=CITY,
            floor=floor,
            rooms=rooms,
            floor_area=area,
            net_rent=rent,
            daeb_label=label,
            has_lift=lift,
            wheelchair_accessible=wheelchair,
            min_household_size=min_size,
            max_household_size=max_size,
        )

    def build_complex(
        self, spec: ComplexSpec, corporation: Organisation, code: str
    ) -> list[tuple[Unit, str | None]]:
        type_ = Complex.BuildingType
        if not spec.street:
            street_suffixes: dict[str, tuple[str, ...]] = {
                type_.GALLERY_FLAT: GALLERY_SUFFIXES,
                type_.STAIRWELL: STAIRWELL_SUFFIXES,
                type_.TERRACED: TERRACED_SUFFIXES,
                type_.APARTMENT: APARTMENT_SUFFIXES,
            }
            spec.street = self.street_name(street_suffixes[spec.building_type])
        self.used_streets.add(spec.street)
        if not spec.name:
            spec.name = spec.street if spec.building_type != type_.STAIRWELL else f"{spec.street} e.o."
        complex_ = Complex(
            corporation=corporation,
            neighbourhood=self.buurten[spec.buurt],
            code=code,
            name=spec.name,
            street=spec.street,
            building_type=spec.building_type,
            storeys=spec.storeys,
            year_built=spec.year_built,
        )
        self.plan.complex_by_name[spec.name] = complex_
        self.plan.complexes.append(complex_)
        sections: dict[str, Section] = {}
        for section_spec in spec.sections:
            cap = None
            if spec.project_target is not None:
                cap = max(1, round(len(section_spec.slots) * (spec.project_target + 0.03)))
            section = Section(
                complex=complex_, name=section_spec.name, kind=section_spec.kind, max_vulnerable=cap
            )
            sections[section_spec.name] = section
            self.plan.sections.append(section)
        self.plan.sections_by_complex[spec.name] = sections

        slots: list[tuple[str | None, tuple[int, int, str]]] = [
            (s.name, slot) for s in spec.sections for slot in s.slots
        ]
        slots += [(None, slot) for slot in spec.no_section_slots]
        built: list[tuple[Unit, str | None]] = []
        postcode, in_postcode, previous_number = "", 0, None
        for index, (section_name, slot) in enumerate(slots):
            number = slot[1]
            if not postcode or (in_postcode >= 20 and number != previous_number):
                postcode, in_postcode = self.next_postcode(spec.buurt), 0
            in_postcode += 1
            previous_number = number
            unit_section = sections[section_name] if section_name else None
            unit = self.unit_for(spec, complex_, unit_section, slot, index, postcode)
            self.plan.units.append(unit)
            built.append((unit, section_name))
        return built

    # -- building managers (once every complex is built) -------------------------------------
    def managers(self) -> None:
        woonhaven = self.plan.organisation_by_name[CORPORATION]
        own = [c for c in self.plan.complexes if c.corporation is woonhaven]
        named = [self.plan.complex_by_name[n] for n in (VLIETHOF, DE_BRUG, HET_KOMPAS, DREEFHOVEN)]
        others = [c for c in own if c not in named]
        beheerder = named + others[: 2 if self.size == "full" else 1]  # about six; some stay unmanaged
        for complex_ in beheerder:
            self.plan.complex_managers.append((complex_, self.plan.user_by_username["beheerder"]))
        for complex_ in own:
            if complex_ not in beheerder or complex_.name == HET_KOMPAS:
                self.plan.complex_managers.append((complex_, self.plan.user_by_username["tvandenberg"]))
        for complex_ in self.plan.complexes:
            if complex_.corporation is not woonhaven:
                self.plan.complex_managers.append((complex_, self.plan.user_by_username["bsmit"]))
