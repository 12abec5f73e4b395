"""Eligibility (rule 2), ranking inside a channel, and the rule-4 capacity state.

Shared by every method and by the verifier, so that one definition of each rule exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from omkijken.engine.allocation.model import (
    DIRECT,
    GOOD_NEIGHBOUR,
    REGULAR,
    UNLIMITED,
    Candidate,
    Complex,
    Round,
    Unit,
    competes,
)
from omkijken.engine.rules import Exception_, Passendheid, assess_financial

_NO_DATE = date.max


@dataclass(frozen=True, slots=True)
class Eligibility:
    code: str | None  # None: eligible (possibly only with an exception)
    passendheid: Passendheid
    exception: Exception_
    params: tuple[tuple[str, str], ...] = ()

    @property
    def plain(self) -> bool:
        """Eligible without drawing on an exception budget."""
        return self.code is None and self.exception is Exception_.NONE


_OK_NVT = Eligibility(None, Passendheid.NVT, Exception_.NONE)
_OK_PAS = Eligibility(None, Passendheid.PAS, Exception_.NONE)


def eligibility(rnd: Round, c: Candidate, u: Unit) -> Eligibility:
    """Rule 2 for one household and one unit (without the budget: see ``Exception_``)."""
    from omkijken.engine.texts import euro

    if not (u.size_min <= c.size <= u.size_max):
        return Eligibility(
            "SIZE",
            Passendheid.NVT,
            Exception_.NONE,
            (("min", str(u.size_min)), ("max", str(u.size_max)), ("size", str(c.size))),
        )
    if not c.needs <= u.features:
        missing = ", ".join(sorted(c.needs - u.features))
        return Eligibility("NEEDS", Passendheid.NVT, Exception_.NONE, (("missing", missing),))
    if c.limits is None:
        return _OK_NVT
    pas, exc = assess_financial(c.income, u.rent, c.limits, rnd.rules.get("daeb_rent_limit"))
    if exc is Exception_.NONE:
        return _OK_PAS if pas is Passendheid.PAS else _OK_NVT
    if exc is Exception_.PASSEND:
        params = (("limit", euro(c.limits.aftopping)), ("rent", euro(u.rent)))
        return Eligibility(None, pas, exc, params)
    return Eligibility(None, pas, exc, (("limit", euro(c.limits.daeb_limit)),))


def plain_eligible(rnd: Round, c: Candidate, u: Unit, daeb_rent: float) -> bool:
    """Fast path of :func:`eligibility`: eligible without an exception."""
    if not (u.size_min <= c.size <= u.size_max) or not c.needs <= u.features:
        return False
    if c.limits is None:
        return True
    lim = c.limits
    if u.daeb and c.income > lim.daeb_limit:
        return False
    return not (c.income <= lim.passend_limit and u.rent > lim.aftopping)


CHANNEL_ORDER: tuple[str, ...] = (DIRECT, GOOD_NEIGHBOUR, REGULAR)


def channel_for(c: Candidate, u: Unit) -> str | None:
    """The channel in which ``c`` competes for ``u``: DIRECT for a household with a target group;
    otherwise GOOD_NEIGHBOUR where the unit lists it and the household is approved for its complex,
    else REGULAR (the open side's priority: approved good neighbours first); None when it competes
    in none of the unit's channels."""
    for ch in CHANNEL_ORDER:
        if ch in u.channels and competes(c, u, ch):
            return ch
    return None


def exception_code(exc: Exception_) -> str:
    return "PASSEND" if exc is Exception_.PASSEND else "DAEB"


@dataclass(frozen=True, slots=True)
class Rankings:
    """Position of every candidate in each channel's ranking (0 = first)."""

    regular: tuple[int, ...]
    good_neighbour: tuple[int, ...]
    direct: tuple[int, ...]
    direct_order: tuple[int, ...]  # nominees (candidates with a target group) in DIRECT order

    def rank(self, channel: str, cand: int) -> int:
        if channel == DIRECT:
            return self.direct[cand]
        if channel == GOOD_NEIGHBOUR:
            return self.good_neighbour[cand]
        return self.regular[cand]


def rankings(rnd: Round) -> Rankings:
    """REGULAR: valid urgency first, then earliest registration, then id. GOOD_NEIGHBOUR: earliest
    registration, then id. DIRECT: earliest nomination, then id. Missing dates rank last."""
    cs = rnd.candidates
    n = len(cs)

    def positions(key: list[tuple[object, ...]]) -> tuple[int, ...]:
        order = sorted(range(n), key=key.__getitem__)
        pos = [0] * n
        for p, i in enumerate(order):
            pos[i] = p
        return tuple(pos)

    reg = positions([(not c.urgent, c.registration_date or _NO_DATE, c.id) for c in cs])
    gn = positions([(c.registration_date or _NO_DATE, c.id) for c in cs])
    direct = positions([(c.nominated_on or _NO_DATE, c.id) for c in cs])
    order = tuple(sorted((c.index for c in cs if c.target_group is not None), key=direct.__getitem__))
    return Rankings(reg, gn, direct, order)


@dataclass(slots=True)
class Caps:
    """Rule 4 as remaining room: per complex, per section, per (care partner, complex).

    Two ways to count a complex (the share is over households, :mod:`.mix`):

    * *planned* (:meth:`initial`): the households after the round are fixed in advance (``filled``
      vacancies per complex, default every vacancy), so the complex's room is a number that only
      shrinks as vulnerable households are placed; the serial dictatorship and the label search
      work this way;
    * *counted* (:func:`caps_after`): the households actually placed are counted, regular ones too;
      :meth:`blocked` asks whether one more household, this one, keeps the share at or below the
      cap. The verifier, the explanations and every repair of a finished allocation work this way.
    """

    complex_room: list[int]
    section_room: list[int]
    partner_room: dict[tuple[int, int], int] = field(default_factory=dict)
    # counted mode: per complex, vulnerable households and all households after the placements
    vulnerable: list[int] | None = None
    households: list[int] | None = None
    complexes: tuple[Complex, ...] = ()

    @classmethod
    def initial(cls, rnd: Round, filled: list[int] | None = None) -> Caps:
        pr: dict[tuple[int, int], int] = {}
        for p in rnd.partners:
            for ci, room in p.room.items():
                pr[(p.index, ci)] = room
        rooms = [c.room if filled is None else c.room_for(filled[c.index]) for c in rnd.complexes]
        return cls(rooms, [s.room for s in rnd.sections], pr)

    @classmethod
    def counted(cls, rnd: Round) -> Caps:
        caps = cls.initial(rnd)
        caps.vulnerable = [c.occupied_vulnerable for c in rnd.complexes]
        caps.households = [c.households for c in rnd.complexes]
        caps.complexes = rnd.complexes
        return caps

    def copy(self) -> Caps:
        return Caps(
            list(self.complex_room),
            list(self.section_room),
            dict(self.partner_room),
            None if self.vulnerable is None else list(self.vulnerable),
            None if self.households is None else list(self.households),
            self.complexes,
        )

    def blocked(self, c: Candidate, u: Unit) -> str | None:
        """Why placing ``c`` in ``u`` would break rule 4 now (MIX, SECTION, PARTNER) or None. Counted
        mode: ``c`` joins the households counted so far (remove a unit's holder first to ask about
        a swap)."""
        if c.target_group is None:
            return None
        if self.households is not None and self.vulnerable is not None:
            cx = self.complexes[u.complex]
            if cx.mixed:
                cap = cx.cap_at(self.households[u.complex] + 1)
                if cx.starts_over or cap is None or self.vulnerable[u.complex] + 1 > cap:
                    return "MIX"
        elif self.complex_room[u.complex] <= 0:
            return "MIX"
        if u.section >= 0 and self.section_room[u.section] <= 0:
            return "SECTION"
        if c.partner >= 0 and self.partner_room.get((c.partner, u.complex), 0) <= 0:
            return "PARTNER"
        return None

    def leaving_breaks(self, u: Unit) -> str | None:
        """Counted mode, after a household left ``u``: "MIX" when its complex, which received
        vulnerable households this round, is now above its cap (fewer households share it)."""
        if self.households is None or self.vulnerable is None:
            return None
        cx = self.complexes[u.complex]
        v = self.vulnerable[u.complex]
        if not cx.mixed or v <= cx.occupied_vulnerable:
            return None
        cap = cx.cap_at(self.households[u.complex])
        return "MIX" if cap is not None and v > cap else None

    def place(self, c: Candidate, u: Unit, sign: int = 1) -> None:
        if self.households is not None:
            self.households[u.complex] += sign
        if c.target_group is None:
            return
        if self.vulnerable is not None:
            self.vulnerable[u.complex] += sign
        if self.complex_room[u.complex] < UNLIMITED // 2:
            self.complex_room[u.complex] -= sign
        if u.section >= 0 and self.section_room[u.section] < UNLIMITED // 2:
            self.section_room[u.section] -= sign
        if c.partner >= 0:
            key = (c.partner, u.complex)
            self.partner_room[key] = self.partner_room.get(key, 0) - sign


def caps_after(rnd: Round, holder: list[int]) -> Caps:
    """The rule-4 state after the placements in ``holder`` (unit -> candidate or -1), counted over
    the households placed (see :class:`Caps`)."""
    caps = Caps.counted(rnd)
    for ui, ci in enumerate(holder):
        if ci >= 0:
            caps.place(rnd.candidates[ci], rnd.units[ui])
    return caps


def mix_violations(rnd: Round, holder: list[int]) -> list[int]:
    """The mixed complexes whose vulnerable share after ``holder`` breaks rule 4 (cap counted over
    the households after the round, or a vulnerable household placed in a complex that started above
    its cap)."""
    vulnerable = [c.occupied_vulnerable for c in rnd.complexes]
    households = [c.households for c in rnd.complexes]
    for ui, ci in enumerate(holder):
        if ci >= 0:
            cx = rnd.units[ui].complex
            households[cx] += 1
            if rnd.candidates[ci].target_group is not None:
                vulnerable[cx] += 1
    out = []
    for c in rnd.complexes:
        if not c.mixed or vulnerable[c.index] == c.occupied_vulnerable:
            continue
        cap = c.cap_at(households[c.index])
        if c.starts_over or (cap is not None and vulnerable[c.index] > cap):
            out.append(c.index)
    return out


@dataclass(slots=True)
class Allocation:
    """Unit -> holder and channel, candidate -> unit, and which exception each unit used."""

    holder: list[int]
    channel: list[str | None]
    held: list[int]
    exception: list[Exception_]

    @classmethod
    def empty(cls, rnd: Round) -> Allocation:
        n = len(rnd.units)
        return cls([-1] * n, [None] * n, [-1] * len(rnd.candidates), [Exception_.NONE] * n)

    def assign(self, unit: int, cand: int, channel: str, exc: Exception_ = Exception_.NONE) -> None:
        self.holder[unit] = cand
        self.channel[unit] = channel
        self.held[cand] = unit
        self.exception[unit] = exc
