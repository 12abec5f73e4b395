"""Label search: which multi-channel vacancies to open to DIRECT, judged on the direct side.

The direct side is filled by serial dictatorship (:func:`.fill.serial_dictatorship`), so priority
holds whatever the labels are; the labels only decide which units the nominees may choose from. A
label change can reach far: opening a unit in a complex that is above its target lets a nominee take
it, which can fill that complex's cap, which sends a later nominee to a unit in another complex,
which pushes a third nominee into a complex below its floor. Such chains are why a handful of
hand-written labellings miss the last few households of the mix, and why this search flips labels
one at a time and re-runs the serial dictatorship for each flip.

To make that affordable, :class:`DirectSide` precomputes each nominee's list of units it may take
(open to DIRECT, eligible without an exception, not blocked from the start) and keeps rule-4 rooms
in flat lists. A flip of unit ``w`` cannot change any choice made before the first nominee who lists
``w``, so the run restarts from a checkpoint taken on the current labelling at or before that
nominee, with the units taken by the later nominees of the checkpointed run marked free again.

The search is first improvement over single flips in a fixed order, repeated while a pass improves,
within a budget of nominee steps: deterministic for the same input, whatever the machine's speed.
Its result is only a proposal: the optimal method fills both sides again with the labels found and
keeps them only when the complete outcome is better.
"""

from __future__ import annotations

from dataclasses import dataclass

from omkijken.engine.allocation.core import Caps, Rankings, plain_eligible
from omkijken.engine.allocation.fill import has_open
from omkijken.engine.allocation.model import DIRECT, UNLIMITED, Round


@dataclass(slots=True)
class _Run:
    """One serial dictatorship: each nominee position's unit (or -1), the final rooms, checkpoints."""

    choice: list[int]
    holder_pos: list[int]  # unit -> position of the nominee that took it (or a large number)
    complex_room: list[int]
    section_room: list[int]
    partner_room: list[int]
    quota_left: list[int]
    checkpoints: list[tuple[list[int], list[int], list[int], list[int]]]
    quota_placed: list[int] | None = None  # households placed per quota, counted once when needed


class DirectSide:
    """The direct side of a round in flat arrays, for fast repeated serial dictatorships."""

    def __init__(self, rnd: Round, rk: Rankings, checkpoint: int = 64) -> None:
        self.checkpoint = checkpoint  # nominees between two checkpoints
        daeb_rent = rnd.rules.get("daeb_rent_limit")
        caps = Caps.initial(rnd)
        units = rnd.units
        self.n_units = len(units)
        self.multi = [DIRECT in u.channels and has_open(u.channels) for u in units]
        self.unit_complex = [u.complex for u in units]
        self.unit_section = [u.section for u in units]
        partner_keys: dict[tuple[int, int], int] = {}
        self.partner_room0: list[int] = []
        self.quota_groups = [q.target_group for q in rnd.quotas]
        self.quota_min = [q.min for q in rnd.quotas]
        # per nominee position: (unit, partner key or -1) in preference order
        self.lists: list[list[tuple[int, int]]] = []
        self.quota_hits: list[tuple[int, ...]] = []
        self.first_pos = [-1] * len(units)
        # unit -> (nominee position, place in that nominee's list), in position order
        self.listers: list[list[tuple[int, int]]] = [[] for _ in units]
        for pos, ci in enumerate(rk.direct_order):
            c = rnd.candidates[ci]
            options: list[tuple[int, int]] = []
            for ui in c.responses:
                u = units[ui]
                if DIRECT not in u.channels or not plain_eligible(rnd, c, u, daeb_rent):
                    continue
                if caps.blocked(c, u) is not None:
                    continue  # blocked from the start, so blocked in every labelling
                pk = -1
                if c.partner >= 0:
                    key = (c.partner, u.complex)
                    pk = partner_keys.get(key, -1)
                    if pk < 0:
                        pk = partner_keys[key] = len(self.partner_room0)
                        self.partner_room0.append(caps.partner_room.get(key, 0))
                self.listers[ui].append((pos, len(options)))
                options.append((ui, pk))
                if self.first_pos[ui] < 0:
                    self.first_pos[ui] = pos
            self.lists.append(options)
            self.quota_hits.append(
                tuple(i for i, g in enumerate(self.quota_groups) if g == "*" or g == c.target_group)
            )
        self.last_pos = [ls[-1][0] if ls else -1 for ls in self.listers]
        # the last nominee that lists any unit of a complex, a section, a partner's key
        self.last_complex = [-1] * len(rnd.complexes)
        self.last_section = [-1] * len(rnd.sections)
        self.last_partner = [-1] * len(self.partner_room0)
        for pos, options in enumerate(self.lists):
            for ui, pk in options:
                self.last_complex[units[ui].complex] = pos
                if units[ui].section >= 0:
                    self.last_section[units[ui].section] = pos
                if pk >= 0:
                    self.last_partner[pk] = pos
        self.complex_room0 = list(caps.complex_room)
        self.section_room0 = list(caps.section_room)
        self.mixed = [(cx.index, cx.floor, cx.occupied_vulnerable) for cx in rnd.complexes if cx.mixed]
        self.target_count = [(cx.target * cx.homes) if cx.target is not None else -1 for cx in rnd.complexes]
        self.occupied = [cx.occupied_vulnerable for cx in rnd.complexes]
        self.steps = 0  # nominee steps done, the search's budget

    # -- one serial dictatorship ------------------------------------------------------------------

    def run(
        self, open_: list[bool], steer: bool, base: _Run | None = None, start: int = 0, keep: bool = False
    ) -> _Run:
        """Serial dictatorship with multi-channel unit ``u`` open to DIRECT iff ``open_[u]``.

        With ``base``, restart at ``start`` (a checkpoint boundary of ``base``, which must have been
        run on labels that differ from ``open_`` only in units no nominee before ``start`` lists).
        ``keep`` records checkpoints for later restarts."""
        n_units = self.n_units
        multi = self.multi
        unit_complex, unit_section = self.unit_complex, self.unit_section
        lists, quota_hits = self.lists, self.quota_hits
        big = len(lists) + 1
        if base is None or start == 0:
            start = 0
            cr, sr, pr = list(self.complex_room0), list(self.section_room0), list(self.partner_room0)
            ql = list(self.quota_min)
            taken_before = None
        else:
            k = start // self.checkpoint
            cr, sr, pr, ql = (list(a) for a in base.checkpoints[k])
            taken_before = base.holder_pos
        choice = list(base.choice[:start]) if base is not None and start else []
        holder_pos = [big] * n_units
        if taken_before is not None:
            for ui, p in enumerate(taken_before):
                if p < start:
                    holder_pos[ui] = p
        checkpoints: list[tuple[list[int], list[int], list[int], list[int]]] = (
            list(base.checkpoints[: start // self.checkpoint]) if keep and base is not None and start else []
        )
        open_quotas = sum(1 for v in ql if v > 0)
        occupied, room0, target_count = self.occupied, self.complex_room0, self.target_count
        for pos in range(start, len(lists)):
            if keep and pos % self.checkpoint == 0:
                checkpoints.append((list(cr), list(sr), list(pr), list(ql)))
            took = -1
            for ui, pk in lists[pos]:
                if holder_pos[ui] != big or (multi[ui] and not open_[ui]):
                    continue
                cx = unit_complex[ui]
                if cr[cx] <= 0:
                    continue
                s = unit_section[ui]
                if s >= 0 and sr[s] <= 0:
                    continue
                if pk >= 0 and pr[pk] <= 0:
                    continue
                if (
                    steer
                    and multi[ui]
                    and open_quotas == 0
                    and not occupied[cx] + (room0[cx] - cr[cx]) < target_count[cx]
                ):
                    continue
                took = ui
                holder_pos[ui] = pos
                if cr[cx] < UNLIMITED // 2:
                    cr[cx] -= 1
                if s >= 0 and sr[s] < UNLIMITED // 2:
                    sr[s] -= 1
                if pk >= 0:
                    pr[pk] -= 1
                for qi in quota_hits[pos]:
                    if ql[qi] > 0:
                        ql[qi] -= 1
                        if ql[qi] == 0:
                            open_quotas -= 1
                break
            choice.append(took)
        self.steps += len(lists) - start
        return _Run(choice, holder_pos, cr, sr, pr, ql, checkpoints)

    def trial(self, open_: list[bool], steer: bool, base: _Run, start: int, flipped: int) -> tuple[int, int]:
        """The key of a run on ``open_`` (``base``'s labels with ``flipped`` changed), stopping as soon
        as the rest of the run is bound to repeat ``base``.

        The two runs are compared as they go: which units one holds and the other does not, and how
        the complex, section and partner rooms and the quota counts differ. A difference stops
        mattering once no later nominee can meet it: a unit the new run holds that ``base`` never
        takes later, a unit the new run left free that no later nominee lists, a room that stays
        above zero in both runs to the end. When none matters, every later nominee chooses as in
        ``base``, and the key is ``base``'s final one plus the differences."""
        multi = self.multi
        unit_complex, unit_section = self.unit_complex, self.unit_section
        lists, quota_hits = self.lists, self.quota_hits
        n = len(lists)
        big = n + 1
        k = start // self.checkpoint
        cr, sr, pr, ql = (list(a) for a in base.checkpoints[k])
        base_pos, base_choice = base.holder_pos, base.choice
        last_pos = self.last_pos
        # unit -> True: the new run holds it and base does not (yet); False: the other way round.
        # A unit newly closed counts as held by the new run; a unit newly opened is tracked apart.
        diff: dict[int, bool] = {} if open_[flipped] else {flipped: True}
        opened = flipped if open_[flipped] else -1
        d_complex: dict[int, int] = {}  # new room - base room
        d_section: dict[int, int] = {}
        d_partner: dict[int, int] = {}
        d_placed = [0] * len(ql)
        open_quotas = sum(1 for v in ql if v > 0)
        occupied, room0, target_count = self.occupied, self.complex_room0, self.target_count
        partner_of = self._partner_key_of

        def settled(pos: int) -> bool:
            if opened >= 0 and last_pos[opened] >= pos and opened not in diff:
                return False
            for ui, new_holds in diff.items():
                if (pos <= base_pos[ui] != big) if new_holds else last_pos[ui] >= pos:
                    return False
            for d, final, last in (
                (d_complex, base.complex_room, self.last_complex),
                (d_section, base.section_room, self.last_section),
                (d_partner, base.partner_room, self.last_partner),
            ):
                for i, dv in d.items():
                    if (
                        dv
                        and last[i] >= pos
                        and final[i] < UNLIMITED // 2
                        and (final[i] <= 0 or final[i] + dv <= 0)
                    ):
                        return False
            return not (steer and (any(d_complex.values()) or any(d_placed)))

        pos = start
        next_check = start
        while pos < n:
            if pos >= next_check:
                if settled(pos):
                    break
                next_check = pos + 8
            took = -1
            for ui, pk in lists[pos]:
                if (multi[ui] and not open_[ui]) or (base_pos[ui] < pos) != (ui in diff):
                    continue
                cx = unit_complex[ui]
                if cr[cx] <= 0:
                    continue
                s = unit_section[ui]
                if s >= 0 and sr[s] <= 0:
                    continue
                if pk >= 0 and pr[pk] <= 0:
                    continue
                if (
                    steer
                    and multi[ui]
                    and open_quotas == 0
                    and not occupied[cx] + (room0[cx] - cr[cx]) < target_count[cx]
                ):
                    continue
                took = ui
                if cr[cx] < UNLIMITED // 2:
                    cr[cx] -= 1
                if s >= 0 and sr[s] < UNLIMITED // 2:
                    sr[s] -= 1
                if pk >= 0:
                    pr[pk] -= 1
                for qi in quota_hits[pos]:
                    if ql[qi] > 0:
                        ql[qi] -= 1
                        if ql[qi] == 0:
                            open_quotas -= 1
                break
            was = base_choice[pos]
            if took != was:
                for ui, sign in ((took, -1), (was, 1)):
                    if ui < 0:
                        continue
                    if ui in diff:
                        del diff[ui]  # now held in both runs
                    else:
                        diff[ui] = sign < 0
                    cx = unit_complex[ui]
                    d_complex[cx] = d_complex.get(cx, 0) + sign
                    sec = unit_section[ui]
                    if sec >= 0:
                        d_section[sec] = d_section.get(sec, 0) + sign
                    pk = partner_of(pos, ui)
                    if pk >= 0:
                        d_partner[pk] = d_partner.get(pk, 0) + sign
                if (took < 0) != (was < 0):
                    for qi in quota_hits[pos]:
                        d_placed[qi] += 1 if took >= 0 else -1
            pos += 1
        self.steps += pos - start
        if pos >= n:
            quota = sum(max(0, v) for v in ql)
            final_room = cr
        else:
            # base.quota_left is clipped at 0: recount what base placed per quota
            placed = self._base_placed(base)
            quota = sum(
                max(0, m - (pl + d)) for m, pl, d in zip(self.quota_min, placed, d_placed, strict=True)
            )
            final_room = list(base.complex_room)
            for cx, dv in d_complex.items():
                final_room[cx] += dv
        mix = 0
        for cx, floor, occ in self.mixed:
            v = occ + (room0[cx] - final_room[cx])
            if v < floor:
                mix += floor - v
        return quota, mix

    def _partner_key_of(self, pos: int, ui: int) -> int:
        for other, pk in self.lists[pos]:
            if other == ui:
                return pk
        return -1

    def _base_placed(self, base: _Run) -> list[int]:
        if base.quota_placed is None:
            placed = [0] * len(self.quota_min)
            for pos, ui in enumerate(base.choice):
                if ui >= 0:
                    for qi in self.quota_hits[pos]:
                        placed[qi] += 1
            base.quota_placed = placed
        return base.quota_placed

    def key(self, r: _Run) -> tuple[int, int]:
        """(quota shortfall, mix shortfall) of a run."""
        quota = sum(max(0, v) for v in r.quota_left)
        mix = 0
        for cx, floor, occ in self.mixed:
            v = occ + (self.complex_room0[cx] - r.complex_room[cx])
            if v < floor:
                mix += floor - v
        return quota, mix

    # -- the search -------------------------------------------------------------------------------

    def search(
        self, open_: list[bool], steer: bool, target: tuple[int, int], budget: int
    ) -> tuple[list[bool], tuple[int, int], tuple[int, int]]:
        """First-improvement flips of single labels; returns (labels, start key, end key)."""
        current = list(open_)
        base = self.run(current, steer, keep=True)
        cur_key = start_key = self.key(base)
        flips = [ui for ui in range(self.n_units) if self.multi[ui] and self.first_pos[ui] >= 0]
        # cheapest first: a flip re-runs the nominees from the first one that lists the unit
        flips.sort(key=lambda ui: (-self.first_pos[ui], ui))
        limit = self.steps + budget
        improved = True
        while improved and cur_key > target and self.steps < limit:
            improved = False
            for ui in flips:
                if self.steps >= limit or cur_key <= target:
                    break
                first = self._first_change(base, current, ui)
                if first < 0:
                    continue  # the flip changes nobody's choice
                current[ui] = not current[ui]
                start = (first // self.checkpoint) * self.checkpoint
                k = self.trial(current, steer, base, start, ui)
                if k < cur_key:
                    cur_key = k
                    base = self.run(current, steer, base, start, keep=True)
                    improved = True
                else:
                    current[ui] = not current[ui]
        return current, start_key, cur_key

    def _first_change(self, base: _Run, open_: list[bool], ui: int) -> int:
        """The first nominee position whose choice flipping ``ui`` can change, or -1 for none.

        Closing a unit changes the run from the nominee who took it (nobody: no change). Opening
        one can only change it from the first nominee who lists it above what it took, since every
        nominee before that one makes the same choice as in ``base``."""
        if open_[ui]:
            p = base.holder_pos[ui]
            return p if p < len(self.lists) else -1
        for pos, idx in self.listers[ui]:
            took = base.choice[pos]
            if took < 0:
                return pos
            for j, (other, _pk) in enumerate(self.lists[pos]):
                if other == took:
                    if idx < j:
                        return pos
                    break
        return -1
