"""Running, changing and accepting allocation rounds, and the single-vacancy ranking."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from omkijken.accounts.models import Membership, Organisation, Role, User
from omkijken.demo.personas import OTHER_CORPORATION
from omkijken.engine.allocation import verify
from omkijken.letting.models import Advert, Allocation, Round
from omkijken.letting.rounds.services import round_accept, round_change, round_run
from tests.second_factor import log_in_verified

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def test_a_round_over_the_demo_vacancies_is_lawful_and_accepting_it_creates_the_allocations(officer) -> None:  # type: ignore[no-untyped-def]
    # given the demo's open vacancies
    adverts = list(
        Advert.objects.filter(corporation=officer.organisation, status__in=["published", "closed"])
    )
    # when the officer runs a round
    rnd = round_run(actor=officer, adverts=adverts, name="Ronde demo", on=TODAY)
    # then it is a proposal whose result keeps every hard rule
    assert rnd.status == Round.Status.PROPOSED
    assert verify(rnd.snapshot, rnd.result) == []
    assigned = rnd.result["assignments"]
    assert assigned
    # when accepted
    allocations = round_accept(actor=officer, round=rnd)
    # then one allocation per assignment, and those adverts are allocated
    assert len(allocations) == len(assigned) == Allocation.objects.filter(round=rnd).count()
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.ACCEPTED and rnd.accepted_by == officer
    assert Advert.objects.filter(rounds=rnd, status="allocated").count() == len(assigned)
    # and it cannot be accepted twice
    with pytest.raises(ValidationError):
        round_accept(actor=officer, round=rnd)


def test_only_a_letting_officer_may_run_a_round(world) -> None:  # type: ignore[no-untyped-def]
    leader = User.objects.get(username="projectleider")
    with pytest.raises(PermissionDenied):
        round_run(actor=leader, adverts=[world.adverts["plain"]], name="x", on=TODAY)


def test_a_change_that_gives_a_home_to_a_household_that_did_not_respond_is_refused_and_nothing_changes(
    world, officer
) -> None:  # type: ignore[no-untyped-def]
    # given a proposal for the plain vacancy
    rnd = round_run(actor=officer, adverts=[world.adverts["plain"]], name="Ronde", on=TODAY)
    before = rnd.result
    # when the officer gives it to A, who did not respond to it
    with pytest.raises(ValidationError) as refused:
        round_change(
            actor=officer,
            round=rnd,
            assignments=[(world.units["plain"].pk, world.households["A"].pk)],
            reason="A wil graag",
        )
    # then the refusal names the broken rule and nothing is saved
    assert any("1" in m for m in refused.value.messages)
    rnd.refresh_from_db()
    assert rnd.result == before and not rnd.changed and rnd.change_reason == ""


def test_a_change_that_breaks_the_section_cap_is_refused(world, officer) -> None:  # type: ignore[no-untyped-def]
    # given the section already holds its maximum once the nominee moves in... put the mixed vacancy in the section
    unit = world.units["v3"]
    unit.section = world.section
    unit.save()
    world.section.max_vulnerable = 1
    world.section.save()
    rnd = round_run(actor=officer, adverts=[world.adverts["v3"]], name="Ronde", on=TODAY)
    # when the officer gives v3 to the nominee anyway
    with pytest.raises(ValidationError) as refused:
        round_change(
            actor=officer, round=rnd, assignments=[(unit.pk, world.households["N"].pk)], reason="Toch doen"
        )
    assert any("4" in m for m in refused.value.messages)


def test_a_lawful_change_is_saved_with_its_reason(world, officer) -> None:  # type: ignore[no-untyped-def]
    # given a proposal: the plain home (REGULAR or DIRECT) goes to B (REGULAR) or M (DIRECT); the
    # care partner's nominee N cannot live there (the partner has no capacity in that complex)
    rnd = round_run(actor=officer, adverts=[world.adverts["plain"]], name="Ronde", on=TODAY)
    (assignment,) = rnd.result["assignments"]
    b, m = world.households["B"], world.households["M"]
    other = b if assignment["candidate"] == f"h{m.pk}" else m
    # when the officer gives it to the other channel's first household, with a reason
    round_change(
        actor=officer,
        round=rnd,
        assignments=[(world.units["plain"].pk, other.pk)],
        reason="Afgestemd met de werkgroep verhuur",
    )
    # then the change is saved, still lawful, and the reason kept
    rnd.refresh_from_db()
    assert rnd.changed and rnd.change_reason == "Afgestemd met de werkgroep verhuur"
    assert rnd.result["assignments"][0]["candidate"] == f"h{other.pk}"
    assert verify(rnd.snapshot, rnd.result) == []
    # and accepting it allocates the home to that household
    (allocation,) = round_accept(actor=officer, round=rnd)
    assert allocation.household_id == other.pk


def test_a_change_needs_a_reason(world, officer) -> None:  # type: ignore[no-untyped-def]
    rnd = round_run(actor=officer, adverts=[world.adverts["plain"]], name="Ronde", on=TODAY)
    with pytest.raises(ValidationError):
        round_change(actor=officer, round=rnd, assignments=[], reason="  ")


def test_the_ranking_page_shows_every_responder_and_why_an_ineligible_one_cannot_get_the_home(
    world, login
) -> None:  # type: ignore[no-untyped-def]
    # when the officer opens the ranking of v2 (for 1 to 2 persons)
    response = login("verhuur").get(reverse("letting_rank_vacancy", args=[world.adverts["v2"].pk]))
    # then every responder is listed and the household of five is told why not, in Dutch
    assert response.status_code == 200
    body = response.content.decode()
    for key in ("A", "B", "BIG"):
        assert world.households[key].name in body
    assert "1 tot en met 2 personen; uw huishouden telt 5 personen" in body


def test_the_round_pages_show_the_proposal_and_its_effect_on_the_mix(world, officer, login) -> None:  # type: ignore[no-untyped-def]
    rnd = round_run(actor=officer, adverts=list(world.adverts.values()), name="Ronde proef", on=TODAY)
    client = login("verhuur")
    detail = client.get(reverse("letting_round_detail", args=[rnd.pk]))
    assert detail.status_code == 200
    assert "Proefhof" in detail.content.decode()
    assert client.get(reverse("letting_round_change", args=[rnd.pk])).status_code == 200
    assert client.get(reverse("letting_round_list")).status_code == 200
    # another corporation's letting officer does not find it
    other = User.objects.create_user(username="verhuur-oost")
    Membership.objects.create(
        user=other, organisation=Organisation.objects.get(name=OTHER_CORPORATION), role=Role.LETTING_OFFICER
    )
    outsider = Client()
    log_in_verified(outsider, other)
    assert outsider.get(reverse("letting_round_detail", args=[rnd.pk])).status_code == 404
    response = client.post(reverse("letting_round_accept", args=[rnd.pk]))
    assert response.status_code == 302
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.ACCEPTED


def test_the_project_leader_of_the_same_corporation_sees_the_round(world, officer, login) -> None:  # type: ignore[no-untyped-def]
    rnd = round_run(actor=officer, adverts=list(world.adverts.values()), name="Ronde proef", on=TODAY)
    assert login("projectleider").get(reverse("letting_round_detail", args=[rnd.pk])).status_code == 200


def test_the_new_round_form_runs_a_round_over_the_selected_vacancies(world, login) -> None:  # type: ignore[no-untyped-def]
    client = login("verhuur")
    response = client.post(
        reverse("letting_round_new") + f"?complex={world.complex.pk}",
        {
            "name": "Ronde Proefhof",
            "on": TODAY.isoformat(),
            "method": "optimal",
            "select_all": "on",
            "complex": world.complex.pk,
        },
    )
    assert response.status_code == 302
    rnd = Round.objects.get(name="Ronde Proefhof")
    assert set(rnd.adverts.values_list("unit__complex_id", flat=True)) == {world.complex.pk}
    # and without any vacancy the form says so and runs nothing
    response = client.post(
        reverse("letting_round_new"), {"name": "Leeg", "on": TODAY.isoformat(), "method": "optimal"}
    )
    assert response.status_code == 200 and not Round.objects.filter(name="Leeg").exists()
