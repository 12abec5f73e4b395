"""An officer's change of a proposal is measured again by the engine: justifications, figures, page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from omkijken.engine.allocation import verify
from omkijken.letting.models import Response
from omkijken.letting.rounds.ids import household_id
from omkijken.letting.rounds.services import round_accept, round_change, round_run
from tests.factories import make_advert

from .conftest import TODAY, home, seeker

pytestmark = pytest.mark.django_db


def test_an_urgent_household_put_in_by_hand_gets_the_justification_of_its_urgency(world, officer) -> None:  # type: ignore[no-untyped-def]
    # given a home above the 2026 lage aftoppingsgrens (713.44), first given by the engine to a
    # household above the passend limit; and an urgent household (calamity, DAK) under the limit
    unit = home(world.plain, 7)
    unit.net_rent = 750
    unit.save()
    advert = make_advert(
        unit=unit,
        channels=["REGULAR"],
        starts_on=TODAY - dt.timedelta(days=20),
        ends_on=TODAY + dt.timedelta(days=5),
        created_by=officer,
    )
    rich = seeker(world.corporation, "RICH", registered=6000)
    rich.registration.yearly_income = 35000
    rich.registration.save()
    urgent = seeker(world.corporation, "URG", registered=10)
    urgent.registration.urgency_category = "DAK"
    urgent.registration.urgency_valid_until = TODAY + dt.timedelta(days=90)
    urgent.registration.save()
    Response.objects.create(advert=advert, household=rich, preference=1)
    Response.objects.create(advert=advert, household=urgent, preference=1)
    rnd = round_run(actor=officer, adverts=[advert], name="Ronde", on=TODAY)
    assert rnd.result["assignments"][0]["candidate"] == household_id(rich.pk)
    # and the corporation's letting policy leaves room for one non-passende allocation
    rnd.snapshot["rules"] = {"passend_exceptions": 1}
    rnd.save(update_fields=["snapshot"])
    # when the officer gives the home to the urgent household
    round_change(actor=officer, round=rnd, assignments=[(unit.pk, urgent.pk)], reason="Calamiteit")
    # then it is marked not passend, justified by rehousing after a calamity (HHV), not BIJ
    rnd.refresh_from_db()
    (a,) = rnd.result["assignments"]
    assert (a["passendheid"], a["justification"]) == ("NIE", "HHV")
    assert verify(rnd.snapshot, rnd.result) == []
    (allocation,) = round_accept(actor=officer, round=rnd)
    assert allocation.justification == "HHV"


def test_the_figures_and_the_round_page_follow_the_change(world, officer, login) -> None:  # type: ignore[no-untyped-def]
    # given a proposal: the engine gives the plain home to the status holder M (towards the quota)
    rnd = round_run(actor=officer, adverts=[world.adverts["plain"]], name="Ronde", on=TODAY)
    b, m = world.households["B"], world.households["M"]
    assert rnd.result["assignments"][0]["candidate"] == household_id(m.pk)
    before = rnd.result["metrics"]
    # when the officer gives it to the home seeker B instead
    round_change(actor=officer, round=rnd, assignments=[(world.units["plain"].pk, b.pk)], reason="Werkgroep")
    # then the engine measured the changed allocation: quota and objective are those of the change
    rnd.refresh_from_db()
    after = rnd.result["metrics"]
    assert after["method"] == "reassigned"
    assert after["quota"]["STH"]["placed"] == before["quota"]["STH"]["placed"] - 1
    assert after["objective"]["quota_shortfall"] == before["objective"]["quota_shortfall"] + 2  # STH and *
    assert after["objective"]["weighted"] > before["objective"]["weighted"]
    assert after["bound"] == before["bound"] and after["gap"] > before["gap"]
    # and the round page shows the figures measured after the change
    body = login("verhuur").get(reverse("letting_round_detail", args=[rnd.pk])).content.decode()
    assert "opnieuw gemeten" in body.lower()
    assert f"<td>{after['objective']['quota_shortfall']}</td>" in body
