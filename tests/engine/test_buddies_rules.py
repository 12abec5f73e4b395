"""Golden tests for the buddy matcher: who is proposed to whom, and why (or why nobody)."""

from __future__ import annotations

import random
from dataclasses import replace
from typing import Any

import pytest

from omkijken.engine.buddies import (
    Neighbour,
    Objective,
    Reason,
    ReasonCode,
    Section,
    SectionKind,
    Seeker,
    assess,
    describe,
    explain,
    match,
    plan,
)

GALLERY_3 = Section("gallery-3", SectionKind.GALERIJ)
GALLERY_7 = Section("gallery-7", SectionKind.GALERIJ)


def seeker(id: str = "amina", **changes: Any) -> Seeker:
    """Amina (or another vulnerable resident) on gallery 3 of the Vulcanus complex, asking for a buddy."""
    amina = Seeker(id=id, complex="vulcanus", section=GALLERY_3, languages=frozenset({"nl"}))
    return replace(amina, **changes)


def neighbour(id: str, **changes: Any) -> Neighbour:
    """A good neighbour on gallery 7 of the Vulcanus complex with room for one buddy."""
    bram = Neighbour(id=id, complex="vulcanus", section=GALLERY_7, languages=frozenset({"nl"}))
    return replace(bram, **changes)


def pairs(
    seekers: list[Seeker], neighbours: list[Neighbour], objective: Objective = Objective.COVERAGE
) -> set[tuple[str, str]]:
    return {(p.seeker_id, p.neighbour_id) for p in match(seekers, neighbours, objective=objective)}


def test_it_prefers_a_neighbour_on_the_same_gallery_over_one_elsewhere_in_the_complex() -> None:
    # given
    far = neighbour("bram", section=GALLERY_7, interests=frozenset({"cooking", "music", "walking"}))
    near = neighbour("chris", section=GALLERY_3)
    # when
    proposals = match([seeker()], [far, near])
    # then
    assert [(p.seeker_id, p.neighbour_id) for p in proposals] == [("amina", "chris")]
    assert proposals[0].reasons[0] == Reason(ReasonCode.SAME_SECTION, ("galerij",), 120)
    assert describe(proposals[0]) == "Jullie wonen aan dezelfde galerij; Jullie spreken allebei Nederlands"


def test_it_proposes_a_neighbour_elsewhere_in_the_complex_when_nobody_on_the_gallery_can() -> None:
    # given
    proposals = match([seeker()], [neighbour("bram", section=GALLERY_7)])
    # then
    assert proposals[0].reasons[0] == Reason(ReasonCode.SAME_COMPLEX, (), 20)
    assert describe(proposals[0], "en") == "You live in the same complex; You both speak Dutch"


def test_it_never_pairs_residents_of_different_complexes() -> None:
    # given
    elsewhere = neighbour("bram", complex="majella", section=GALLERY_3)
    # when
    result = plan([seeker()], [elsewhere])
    # then
    assert result.proposals == ()
    assert result.unmatched[0].reason.code is ReasonCode.NO_NEIGHBOUR_IN_COMPLEX
    assert assess(seeker(), elsewhere) is None


def test_it_pairs_a_resident_who_needs_a_shared_language_only_with_a_neighbour_who_speaks_it() -> None:
    # given
    semhar = seeker("semhar", languages=frozenset({"ti"}), needs_shared_language=True)
    dutch_on_gallery = neighbour("bram", section=GALLERY_3, languages=frozenset({"nl"}))
    tigrinya_speaker = neighbour("yonas", section=GALLERY_7, languages=frozenset({"nl", "ti"}))
    # when
    proposals = match([semhar], [dutch_on_gallery, tigrinya_speaker])
    # then
    assert [p.neighbour_id for p in proposals] == ["yonas"]
    assert Reason(ReasonCode.SHARED_LANGUAGE, ("ti",), 30) in proposals[0].reasons
    assert "Jullie spreken allebei Tigrinya" in describe(proposals[0])
    assert assess(semhar, dutch_on_gallery) is None


def test_it_tells_why_a_resident_got_no_buddy_when_no_neighbour_speaks_their_language() -> None:
    # given
    semhar = seeker("semhar", languages=frozenset({"ti", "ar"}), needs_shared_language=True)
    # when
    result = plan([semhar], [neighbour("bram", languages=frozenset({"nl", "en"}))])
    # then
    (unmatched,) = result.unmatched
    assert unmatched.reason == Reason(ReasonCode.NO_SHARED_LANGUAGE, ("ar", "ti"))
    assert explain(unmatched.reason) == "Geen goede buur in dit complex spreekt Arabisch of Tigrinya"


def test_it_treats_three_letter_and_regional_language_codes_as_the_same_language() -> None:
    # given
    semhar = seeker("semhar", languages=frozenset({"TIR"}), needs_shared_language=True)
    yonas = neighbour("yonas", languages=frozenset({"ti-ER"}))
    # when
    proposals = match([semhar], [yonas])
    # then
    assert Reason(ReasonCode.SHARED_LANGUAGE, ("ti",), 30) in proposals[0].reasons


def test_it_gives_a_bonus_for_a_shared_language_even_when_not_needed() -> None:
    # given
    arabic = neighbour("bram", languages=frozenset({"nl", "ar"}))
    dutch = neighbour("chris", languages=frozenset({"en"}))
    amina = seeker(languages=frozenset({"ar"}))
    # when / then
    assert [p.neighbour_id for p in match([amina], [dutch, arabic])] == ["bram"]


def test_it_breaks_a_tie_on_proximity_with_shared_interests() -> None:
    # given
    amina = seeker(interests=frozenset({"cooking", "gardening"}))
    bram = neighbour("bram", interests=frozenset({"football"}))
    chris = neighbour("chris", interests=frozenset({"Cooking "}))
    # when
    proposals = match([amina], [bram, chris])
    # then
    assert [p.neighbour_id for p in proposals] == ["chris"]
    assert Reason(ReasonCode.SHARED_INTERESTS, ("cooking",), 5) in proposals[0].reasons
    assert "Gedeelde interesse: koken" in describe(proposals[0])


def test_it_breaks_a_tie_with_shared_availability_and_reads_weekend_as_both_days() -> None:
    # given
    amina = seeker(availability=frozenset({"sat_morning", "mon_evening"}))
    bram = neighbour("bram", availability=frozenset({"tue_morning"}))
    chris = neighbour("chris", availability=frozenset({"weekend"}))
    # when
    proposals = match([amina], [bram, chris])
    # then
    assert [p.neighbour_id for p in proposals] == ["chris"]
    assert Reason(ReasonCode.SHARED_AVAILABILITY, ("sat_morning",), 2) in proposals[0].reasons
    assert "Allebei beschikbaar: zaterdagochtend" in describe(proposals[0])


def test_interests_and_availability_never_outweigh_a_shared_language() -> None:
    # given
    amina = seeker(
        languages=frozenset({"so"}),
        interests=frozenset({"cooking", "music", "walking"}),
        availability=frozenset({"weekend"}),
    )
    same_hobbies = neighbour(
        "bram",
        languages=frozenset({"nl"}),
        interests=frozenset({"cooking", "music", "walking"}),
        availability=frozenset({"weekend"}),
    )
    speaks_somali = neighbour("chris", languages=frozenset({"so"}))
    # when
    proposals = match([amina], [same_hobbies, speaks_somali])
    # then
    assert [p.neighbour_id for p in proposals] == ["chris"]


def test_the_weight_is_the_sum_of_the_points_of_its_reasons() -> None:
    # given
    semhar = seeker(
        "semhar",
        languages=frozenset({"ti"}),
        needs_shared_language=True,
        interests=frozenset({"cooking"}),
        availability=frozenset({"sat_morning"}),
    )
    yonas = neighbour(
        "yonas",
        section=GALLERY_3,
        languages=frozenset({"ti", "nl"}),
        interests=frozenset({"cooking", "music"}),
        availability=frozenset({"sat"}),
    )
    # when
    (proposal,) = match([semhar], [yonas])
    # then
    assert proposal.weight == 120 + 30 + 5 + 2 == sum(r.points for r in proposal.reasons)
    assert describe(proposal) == (
        "Jullie wonen aan dezelfde galerij; Jullie spreken allebei Tigrinya; "
        "Gedeelde interesse: koken; Allebei beschikbaar: zaterdagochtend"
    )
    assert describe(proposal, "en") == (
        "You live on the same gallery; You both speak Tigrinya; "
        "Shared interest: cooking; Both available: Saturday morning"
    )


def test_it_never_gives_a_neighbour_more_buddies_than_capacity_minus_current() -> None:
    # given
    bram = neighbour("bram", section=GALLERY_3, capacity=3, current=1)
    seekers = [seeker(f"s{i}") for i in range(4)]
    # when
    result = plan(seekers, [bram])
    # then
    assert len(result.proposals) == 2
    assert {u.reason.code for u in result.unmatched} == {ReasonCode.NEIGHBOURS_TAKEN}
    assert "in deze ronde aan andere bewoners voorgesteld" in explain(result.unmatched[0].reason)


def test_it_tells_a_resident_that_every_neighbour_who_fits_is_full() -> None:
    # given
    full = neighbour("bram", capacity=2, current=2)
    # when
    result = plan([seeker()], [full])
    # then
    assert result.proposals == ()
    assert result.unmatched[0].reason.code is ReasonCode.ALL_NEIGHBOURS_FULL


def test_it_does_not_propose_an_ended_pairing_again() -> None:
    # given
    amina = seeker(excluded=frozenset({"bram"}))
    bram = neighbour("bram", section=GALLERY_3)
    chris = neighbour("chris", section=GALLERY_7)
    # when / then
    assert pairs([amina], [bram, chris]) == {("amina", "chris")}
    assert plan([amina], [bram]).unmatched[0].reason.code is ReasonCode.ALL_NEIGHBOURS_EXCLUDED


def test_it_never_pairs_a_person_with_themselves() -> None:
    # given a good neighbour who also asked for a buddy
    result = plan([seeker("dana")], [neighbour("dana", section=GALLERY_3)])
    # then
    assert result.proposals == ()
    assert result.unmatched[0].reason.code is ReasonCode.ALL_NEIGHBOURS_EXCLUDED


def test_it_gives_more_residents_a_buddy_rather_than_one_resident_a_closer_buddy() -> None:
    # given Amina fits Chris on her gallery and Bram elsewhere; Eva only fits Chris
    amina = seeker()
    eva = seeker("eva", section=GALLERY_7, languages=frozenset({"pl"}), needs_shared_language=True)
    bram = neighbour("bram", section=GALLERY_7)
    chris = neighbour("chris", section=GALLERY_3, languages=frozenset({"nl", "pl"}))
    # when / then
    assert pairs([amina, eva], [bram, chris]) == {("amina", "bram"), ("eva", "chris")}
    assert pairs([amina, eva], [bram, chris], objective=Objective.WEIGHT) == {("amina", "chris")}


def test_it_gives_the_same_proposals_whatever_the_order_of_the_residents() -> None:
    # given identical neighbours, so that only the tie-breaking decides
    seekers = [seeker(f"s{i}", section=None) for i in range(6)]
    neighbours = [neighbour(f"n{i}", section=None, capacity=1) for i in range(4)]
    expected = match(seekers, neighbours)
    rng = random.Random(7)
    # when / then
    for _ in range(10):
        rng.shuffle(seekers)
        rng.shuffle(neighbours)
        assert match(seekers, neighbours) == expected


def test_it_orders_proposals_by_complex_then_resident() -> None:
    # given
    seekers = [seeker("z", complex="b"), seeker("y", complex="a"), seeker("x", complex="b")]
    neighbours = [neighbour(f"n{c}{i}", complex=c) for c in "ab" for i in range(2)]
    # when
    proposals = match(seekers, neighbours)
    # then
    assert [(p.complex, p.seeker_id) for p in proposals] == [("a", "y"), ("b", "x"), ("b", "z")]


def test_it_rejects_a_resident_listed_twice() -> None:
    with pytest.raises(ValueError, match="seeker 'amina'"):
        plan([seeker(), seeker()], [])
    with pytest.raises(ValueError, match="neighbour 'bram'"):
        plan([], [neighbour("bram"), neighbour("bram")])


def test_it_rejects_a_negative_capacity() -> None:
    with pytest.raises(ValueError, match="negative"):
        plan([], [neighbour("bram", capacity=-1)])
