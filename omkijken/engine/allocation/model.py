"""The round model: frozen dataclasses built from a validated round document.

Everything the algorithms need is precomputed here once (indices instead of ids, each household's
applicable limits, each complex's vulnerable cap and mix floor), so that the solvers work on
integers and tuples.

Mix arithmetic (one definition, :mod:`.mix`, used by the fill, the verifier, the metrics, the bound
and the letting application): the share is counted over households. A mixed complex has
``households = occupied.vulnerable + occupied.regular`` now and ``households + filled`` after the
round, where ``filled`` is how many of its vacancies in this round get a household; a vacancy left
empty counts in neither part of the share. Its vulnerable cap is ``floor((target + tolerance) ·
households after)`` and its floor ``ceil((target - tolerance) · households after)``; its *mix
shortfall* is ``max(0, floor - vulnerable_after)``. ``homes`` (households + every vacancy) is the
most households the complex can hold after the round: ``cap``, ``floor`` and ``room`` are the values
when every vacancy is filled (what the search and the bound plan with); ``cap_at``, ``floor_at`` and
``room_for`` give them for any number of households. The arithmetic is exact (fractions from the
decimal text of the shares).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any, Final

from omkijken.engine.allocation.mix import as_fraction, vulnerable_cap, vulnerable_floor
from omkijken.engine.rules import HouseholdLimits, MissingRule, RuleSet, household_limits, resolve_rules

DIRECT: Final = "DIRECT"
REGULAR: Final = "REGULAR"
GOOD_NEIGHBOUR: Final = "GOOD_NEIGHBOUR"
UNLIMITED: Final = 1 << 60


class RoundError(ValueError):
    """The round document is invalid. ``path`` is a JSON path such as ``candidates[12].responses[3]``."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    index: int
    complex: int
    occupied_vulnerable: int
    occupied_regular: int
    max_vulnerable: int | None

    @property
    def room(self) -> int:
        """How many vulnerable households this section may still receive."""
        if self.max_vulnerable is None:
            return UNLIMITED
        return max(0, self.max_vulnerable - self.occupied_vulnerable)


@dataclass(frozen=True, slots=True)
class Complex:
    id: str
    index: int
    municipality: str | None
    occupied_vulnerable: int
    occupied_regular: int
    target: Fraction | None
    tolerance: Fraction | None
    homes: int  # occupied + this round's vacancies: the most households after the round
    sections: Mapping[str, int]  # section id -> global section index

    @property
    def households(self) -> int:
        """Households living there now (vacant homes not counted)."""
        return self.occupied_vulnerable + self.occupied_regular

    @property
    def vacancies(self) -> int:
        """This round's vacancies in the complex."""
        return self.homes - self.households

    @property
    def mixed(self) -> bool:
        return self.target is not None

    def cap_at(self, households_after: int) -> int | None:
        """Maximum vulnerable households among ``households_after`` (None: ordinary complex)."""
        if self.target is None or self.tolerance is None:
            return None
        return vulnerable_cap(self.target, self.tolerance, households_after)

    def floor_at(self, households_after: int) -> int:
        """Vulnerable households needed among ``households_after`` to stay at or above target -
        tolerance (0 if not mixed)."""
        if self.target is None or self.tolerance is None:
            return 0
        return vulnerable_floor(self.target, self.tolerance, households_after)

    @property
    def starts_over(self) -> bool:
        """Already above its cap before the round: it gets no further vulnerable household."""
        cap = self.cap_at(self.households)
        return cap is not None and self.occupied_vulnerable > cap

    @property
    def cap(self) -> int | None:
        """Maximum vulnerable households after the round when every vacancy is filled."""
        return self.cap_at(self.homes)

    @property
    def floor(self) -> int:
        """The mix floor when every vacancy is filled (the most it can be)."""
        return self.floor_at(self.homes)

    def room_for(self, filled: int) -> int:
        """How many vulnerable households the round may place here when ``filled`` of its vacancies
        get a household (vulnerable or not)."""
        cap = self.cap_at(self.households + filled)
        if cap is None:
            return UNLIMITED
        if self.starts_over:
            return 0
        return max(0, cap - self.occupied_vulnerable)

    @property
    def room(self) -> int:
        """:meth:`room_for` with every vacancy filled: an upper bound on the room in any outcome."""
        return self.room_for(self.vacancies)


@dataclass(frozen=True, slots=True)
class Unit:
    id: str
    index: int
    complex: int
    section: int  # global section index, -1 for none
    floor: int | None
    rooms: int
    rent: float
    size_min: int
    size_max: int
    features: frozenset[str]
    channels: tuple[str, ...]
    daeb: bool  # rent at most the DAEB huurgrens


@dataclass(frozen=True, slots=True)
class Urgency:
    category: str
    valid_until: date


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str
    index: int
    size: int
    income: float
    senior: bool
    registration_date: date | None
    urgency: Urgency | None
    urgent: bool  # urgency still valid on the round date
    needs: frozenset[str]
    target_group: str | None
    good_neighbour: frozenset[int]  # complex indices
    partner: int  # care partner index, -1 for none
    nominated_on: date | None
    responses: tuple[int, ...]  # unit indices, most preferred first
    limits: HouseholdLimits | None  # None when no response is a DAEB unit

    @property
    def vulnerable(self) -> bool:
        return self.target_group is not None


@dataclass(frozen=True, slots=True)
class CarePartner:
    id: str
    index: int
    room: Mapping[int, int]  # complex index -> clients it may still take there


@dataclass(frozen=True, slots=True)
class Quota:
    target_group: str
    min: int


@dataclass(frozen=True, slots=True, eq=False)
class Round:
    id: str
    date: date
    rules: RuleSet
    complexes: tuple[Complex, ...]
    sections: tuple[Section, ...]
    units: tuple[Unit, ...]
    candidates: tuple[Candidate, ...]
    partners: tuple[CarePartner, ...]
    quotas: tuple[Quota, ...]
    unit_index: Mapping[str, int]
    candidate_index: Mapping[str, int]
    # per unit: (candidate index, position in that candidate's responses), in candidate order
    responders: tuple[tuple[tuple[int, int], ...], ...] = field(repr=False)

    def pref(self, cand: int, unit: int) -> int:
        """Position of ``unit`` in the candidate's responses (0 = most preferred), -1 if absent."""
        try:
            return self.candidates[cand].responses.index(unit)
        except ValueError:
            return -1


def competes(c: Candidate, u: Unit, channel: str) -> bool:
    """Whether candidate ``c`` competes for unit ``u`` in ``channel`` (rule 3)."""
    if channel == DIRECT:
        return c.target_group is not None
    if c.target_group is not None:
        return False
    if channel == REGULAR:
        return True
    return u.complex in c.good_neighbour


@cache
def _schema(name: str) -> dict[str, Any]:
    text = resources.files("omkijken.engine").joinpath("schemas", name).read_text(encoding="utf-8")
    doc: dict[str, Any] = json.loads(text)
    return doc


@cache
def _fast_validator(name: str) -> Any:
    import fastjsonschema

    # fastjsonschema resolves "$ref"s against "$id" as a URL; the local copy needs neither
    schema = {k: v for k, v in _schema(name).items() if k not in ("$id", "$schema")}
    return fastjsonschema.compile(schema, formats={"date": _is_date})


def _is_date(s: str) -> bool:
    try:
        date.fromisoformat(s)
    except (TypeError, ValueError):
        return False
    return len(s) == 10


def _json_path(parts: Any) -> str:
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out


def validate_schema(doc: Any, name: str = "allocation-round.schema.json") -> None:
    """Validate against the JSON schema: fastjsonschema first, jsonschema for a precise message."""
    import fastjsonschema

    try:
        _fast_validator(name)(doc)
        return
    except fastjsonschema.JsonSchemaException:
        pass
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema(name), format_checker=jsonschema.FormatChecker())
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is None:  # the two validators disagree; report what fastjsonschema said
        try:
            _fast_validator(name)(doc)
        except fastjsonschema.JsonSchemaException as exc:
            raise RoundError("", str(exc)) from None
        return
    raise RoundError(_json_path(error.absolute_path), error.message)


def _date(s: str, path: str) -> date:
    try:
        return date.fromisoformat(s)
    except ValueError:
        raise RoundError(path, f"not a date: {s!r}") from None


def _share(x: float) -> Fraction:
    return as_fraction(float(x))


def load_round(doc: Mapping[str, Any] | Round) -> Round:
    """Validate a round document and build the model. Raises :class:`RoundError`."""
    if isinstance(doc, Round):
        return doc
    validate_schema(doc)
    rdate = _date(doc["date"], "date")
    rules = resolve_rules(rdate.year, doc.get("rules"))
    try:
        daeb_rent = rules.get("daeb_rent_limit")
    except MissingRule as exc:
        raise RoundError(f"rules.{exc.key}", str(exc).split(": ", 1)[1]) from None

    # complexes and sections
    complex_index: dict[str, int] = {}
    raw_complexes = doc["complexes"]
    sections: list[Section] = []
    section_maps: list[dict[str, int]] = []
    for i, c in enumerate(raw_complexes):
        if c["id"] in complex_index:
            raise RoundError(f"complexes[{i}].id", f"duplicate complex id {c['id']!r}")
        complex_index[c["id"]] = i
        smap: dict[str, int] = {}
        for j, s in enumerate(c.get("sections", [])):
            if s["id"] in smap:
                raise RoundError(f"complexes[{i}].sections[{j}].id", f"duplicate section id {s['id']!r}")
            smap[s["id"]] = len(sections)
            occ = s["occupied"]
            sections.append(
                Section(s["id"], len(sections), i, occ["vulnerable"], occ["regular"], s.get("max_vulnerable"))
            )
        section_maps.append(smap)

    # units
    unit_index: dict[str, int] = {}
    units: list[Unit] = []
    vacancies = [0] * len(raw_complexes)
    for i, u in enumerate(doc["units"]):
        p = f"units[{i}]"
        if u["id"] in unit_index:
            raise RoundError(f"{p}.id", f"duplicate unit id {u['id']!r}")
        ci = complex_index.get(u["complex"])
        if ci is None:
            raise RoundError(f"{p}.complex", f"unknown complex id {u['complex']!r}")
        si = -1
        if u.get("section") is not None:
            si = section_maps[ci].get(u["section"], -2)
            if si == -2:
                raise RoundError(
                    f"{p}.section", f"unknown section {u['section']!r} in complex {u['complex']!r}"
                )
        hs = u["household_size"]
        if hs["min"] > hs["max"]:
            raise RoundError(f"{p}.household_size", f"min {hs['min']} is greater than max {hs['max']}")
        unit_index[u["id"]] = i
        vacancies[ci] += 1
        units.append(
            Unit(
                id=u["id"],
                index=i,
                complex=ci,
                section=si,
                floor=u.get("floor"),
                rooms=u["rooms"],
                rent=float(u["rent"]),
                size_min=hs["min"],
                size_max=hs["max"],
                features=frozenset(u.get("features", ())),
                channels=tuple(u["channels"]),
                daeb=float(u["rent"]) <= daeb_rent,
            )
        )

    complexes: list[Complex] = []
    for i, c in enumerate(raw_complexes):
        occ = c["occupied"]
        mix = c.get("mix")
        complexes.append(
            Complex(
                id=c["id"],
                index=i,
                municipality=c.get("municipality"),
                occupied_vulnerable=occ["vulnerable"],
                occupied_regular=occ["regular"],
                target=_share(mix["target_vulnerable_share"]) if mix else None,
                tolerance=_share(mix["tolerance"]) if mix else None,
                homes=occ["vulnerable"] + occ["regular"] + vacancies[i],
                sections=section_maps[i],
            )
        )

    # care partners
    partner_index: dict[str, int] = {}
    partners: list[CarePartner] = []
    for i, cp in enumerate(doc.get("care_partners", [])):
        if cp["id"] in partner_index:
            raise RoundError(f"care_partners[{i}].id", f"duplicate care partner id {cp['id']!r}")
        partner_index[cp["id"]] = i
        current = cp.get("current", {})
        room = {
            complex_index[k]: max(0, v - current.get(k, 0))
            for k, v in cp["capacity"].items()
            if k in complex_index
        }
        partners.append(CarePartner(cp["id"], i, room))

    quotas: list[Quota] = []
    seen_groups: set[str] = set()
    for i, q in enumerate(doc.get("quotas", [])):
        if q["target_group"] in seen_groups:
            raise RoundError(f"quotas[{i}].target_group", f"duplicate quota for {q['target_group']!r}")
        seen_groups.add(q["target_group"])
        quotas.append(Quota(q["target_group"], q["min"]))

    # candidates
    cand_index: dict[str, int] = {}
    candidates: list[Candidate] = []
    responders: list[list[tuple[int, int]]] = [[] for _ in units]
    limits_cache: dict[tuple[int, bool, float], HouseholdLimits] = {}
    for i, c in enumerate(doc["candidates"]):
        p = f"candidates[{i}]"
        if c["id"] in cand_index:
            raise RoundError(f"{p}.id", f"duplicate candidate id {c['id']!r}")
        cand_index[c["id"]] = i
        resp: list[int] = []
        for j, uid in enumerate(c["responses"]):
            ui = unit_index.get(uid)
            if ui is None:
                raise RoundError(f"{p}.responses[{j}]", f"unknown unit id {uid!r}")
            resp.append(ui)
            responders[ui].append((i, j))
        gn: set[int] = set()
        for j, cid in enumerate(c.get("good_neighbour", [])):
            ci = complex_index.get(cid)
            if ci is None:
                raise RoundError(f"{p}.good_neighbour[{j}]", f"unknown complex id {cid!r}")
            gn.add(ci)
        partner = -1
        if c.get("partner") is not None:
            partner = partner_index.get(c["partner"], -1)
            if partner < 0:
                raise RoundError(f"{p}.partner", f"unknown care partner id {c['partner']!r}")
        hh = c["household"]
        size, income, senior = hh["size"], float(hh["income"]), bool(hh.get("senior", False))
        limits = None
        if resp:  # passend toewijzen follows the household, whatever the home
            key = (min(size, 3), senior, income)
            limits = limits_cache.get(key)
            if limits is None:
                try:
                    limits = household_limits(rules, size, senior, income)
                except MissingRule as exc:
                    raise RoundError(
                        f"rules.{exc.key}",
                        f"no official value known for {exc.year} ({exc.note}); "
                        f"needed for {p} (household of {size}, income {income:g}); supply it in the round's rules",
                    ) from None
                if len(limits_cache) < 100_000:
                    limits_cache[key] = limits
        urg = c.get("urgency")
        urgency = None
        if urg is not None:
            urgency = Urgency(urg["category"], _date(urg["valid_until"], f"{p}.urgency.valid_until"))
        reg = c.get("registration_date")
        nom = c.get("nominated_on")
        candidates.append(
            Candidate(
                id=c["id"],
                index=i,
                size=size,
                income=income,
                senior=senior,
                registration_date=_date(reg, f"{p}.registration_date") if reg is not None else None,
                urgency=urgency,
                urgent=urgency is not None and urgency.valid_until >= rdate,
                needs=frozenset(c.get("needs", ())),
                target_group=c.get("target_group"),
                good_neighbour=frozenset(gn),
                partner=partner,
                nominated_on=_date(nom, f"{p}.nominated_on") if nom is not None else None,
                responses=tuple(resp),
                limits=limits,
            )
        )

    return Round(
        id=doc["id"],
        date=rdate,
        rules=rules,
        complexes=tuple(complexes),
        sections=tuple(sections),
        units=tuple(units),
        candidates=tuple(candidates),
        partners=tuple(partners),
        quotas=tuple(quotas),
        unit_index=unit_index,
        candidate_index=cand_index,
        responders=tuple(tuple(r) for r in responders),
    )
