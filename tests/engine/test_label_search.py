"""The label search: a chain through a full complex brings a nominee to a complex below its floor,
and its shortcut evaluation of a flip always agrees with a complete serial dictatorship."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from omkijken.engine.allocation import allocate, load_round, verify
from omkijken.engine.allocation.core import rankings
from omkijken.engine.allocation.fill import ALWAYS, IF_NEEDED, NO, serial_dictatorship
from omkijken.engine.allocation.labels import DirectSide
from omkijken.engine.allocation.metrics import outcome
from tests.engine.helpers import assigned
from tests.engine.test_allocation_properties import rounds


def _chain_round(round_builder):
    # A: above its target with room for one more vulnerable household (3 of 9 households now; with 10
    # or 11 households after the round the cap of 40% is 4); B: below its floor;
    # C: above its target. N1 wants only A's multi-channel home; N2 (later) prefers C, then A, then B.
    return (
        round_builder()
        .complex("A", vulnerable=3, regular=6, mix=(0.20, 0.20))
        .complex("B", vulnerable=0, regular=9, mix=(0.30, 0.05))
        .complex("C", vulnerable=2, regular=7, mix=(0.20, 0.20))
        .unit("a1", complex="A", channels=("REGULAR", "DIRECT"))
        .unit("a2", complex="A", channels=("DIRECT",))
        .unit("b1", complex="B", channels=("DIRECT",))
        .unit("c1", complex="C", channels=("REGULAR", "DIRECT"))
        .nominee("N1", ["a1"], nominated="2025-01-01")
        .nominee("N2", ["c1", "a2", "b1"], nominated="2025-02-01")
        .household("R1", ["a1"])
        .household("R2", ["c1"])
        .build()
    )


def test_opening_a_home_in_a_full_complex_sends_a_later_nominee_to_the_complex_below_its_floor(
    round_builder,
):
    # given: the labelling that opens only homes of complexes below target (none of the
    # multi-channel ones): N1 gets nothing, N2 takes A's direct home, B stays 3 short of its floor
    rnd = load_round(_chain_round(round_builder))
    side = DirectSide(rnd, rankings(rnd))
    closed = [False] * len(rnd.units)
    # when
    labels, before, after = side.search(closed, False, (0, 0), 10_000)
    # then: opening a1 lets N1 fill A, so N2 (c1 still closed) goes to B: one short less
    assert before == (0, 3)
    assert after == (0, 2)
    opened = {rnd.units[i].id for i, on in enumerate(labels) if on}
    assert opened == {"a1"}


def test_the_optimal_method_reaches_the_chain_and_keeps_every_rule(round_builder):
    # given
    doc = _chain_round(round_builder)
    # when
    result = allocate(doc)
    # then
    assert assigned(result) == {"a1": "N1", "b1": "N2", "c1": "R2"}
    assert result["metrics"]["objective"]["mix_shortfall"] == 2
    assert result["metrics"]["bounds"]["mix_shortfall"] == 2
    assert verify(doc, result) == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rounds(max_units=10, max_households=16), st.data())
def test_a_flip_evaluated_with_the_shortcut_gives_the_same_key_as_a_complete_run(doc, data):
    # given: a random round, random labels and one label to flip
    rnd = load_round(doc)
    rk = rankings(rnd)
    side = DirectSide(rnd, rk, checkpoint=data.draw(st.sampled_from([1, 2, 3, 64])))
    flippable = [i for i in range(len(rnd.units)) if side.multi[i] and side.first_pos[i] >= 0]
    labels = [side.multi[i] and data.draw(st.booleans()) for i in range(len(rnd.units))]
    steer = data.draw(st.booleans())
    base = side.run(labels, steer, keep=True)
    # then: a complete run matches the serial dictatorship the fill uses
    avail = [
        NO if "DIRECT" not in u.channels else ALWAYS if not side.multi[i] else IF_NEEDED if labels[i] else NO
        for i, u in enumerate(rnd.units)
    ]
    holder, _caps = serial_dictatorship(rnd, rk, avail, steer)
    o = outcome(rnd, holder)
    # the search plans the mix floor with every vacancy filled (the open side fills the rest)
    vulnerable = [cx.occupied_vulnerable for cx in rnd.complexes]
    for ui, ci in enumerate(holder):
        if ci >= 0:
            vulnerable[rnd.units[ui].complex] += 1
    planned_mix = sum(max(0, cx.floor - vulnerable[cx.index]) for cx in rnd.complexes if cx.mixed)
    assert side.key(base) == (o.quota_shortfall, planned_mix)
    if not flippable:
        return
    # when
    w = data.draw(st.sampled_from(flippable))
    first = side._first_change(base, labels, w)
    flipped = list(labels)
    flipped[w] = not flipped[w]
    complete = side.key(side.run(flipped, steer))
    # then
    if first < 0:
        assert complete == side.key(base)
    else:
        assert side.trial(flipped, steer, base, first - first % side.checkpoint, w) == complete
