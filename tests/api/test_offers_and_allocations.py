"""Offers with their VERA lifecycle, allocations and round proposals through the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omkijken.accounts.models import AccessEvent, Organisation
from omkijken.demo.personas import OTHER_CORPORATION
from omkijken.letting.models import Allocation, KeyHandover, Offer, Response, Round
from omkijken.residents.models import Lease

pytestmark = pytest.mark.django_db


def make_offer(client, world, household=None):  # type: ignore[no-untyped-def]
    household = household or world.seeker
    return client.post(
        "/api/v1/offers/",
        {
            "unit": world.published.unit_id,
            "household": household.pk,
            "advert": world.published.pk,
            "respond_by": str(timezone.localdate() + dt.timedelta(days=7)),
        },
        format="json",
    )


def soon(days: int = 3) -> str:
    return (timezone.now() + dt.timedelta(days=days)).isoformat()


def test_the_officer_makes_an_offer_and_it_goes_through_viewing_to_acceptance(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    made = make_offer(client, world)
    assert made.status_code == 201, made.content
    offer = made.json()
    assert offer["status"] == "offered" and offer["vera_status"] == "AAN"
    viewing = client.post(f"/api/v1/offers/{offer['id']}/viewing/", {"at": soon(2)}, format="json")
    assert viewing.status_code == 200 and viewing.json()["status"] == "viewing"
    accepted = client.post(
        f"/api/v1/offers/{offer['id']}/accept/",
        {"start_date": str(timezone.localdate() + dt.timedelta(days=14)), "key_handover_at": soon(14)},
        format="json",
    )
    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    assert body["status"] == "accepted" and body["vera_status"] == "TOE"
    assert body["lease"] and Lease.objects.filter(pk=body["lease"]["id"], household=world.seeker).exists()
    assert body["key_handover"] and KeyHandover.objects.filter(offer_id=offer["id"]).exists()
    assert [e["to_status"] for e in body["events"]] == ["offered", "viewing", "accepted"]


def test_a_transition_not_allowed_from_the_current_status_is_409(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    offer_id = make_offer(client, world).json()["id"]
    assert (
        client.post(f"/api/v1/offers/{offer_id}/decline/", {"reason_code": "HUU"}, format="json").status_code
        == 200
    )
    again = client.post(f"/api/v1/offers/{offer_id}/no-response/")
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_state" and again.json()["detail"]
    withdraw = client.post(f"/api/v1/offers/{offer_id}/withdraw/", {"reason_code": "ONT"}, format="json")
    assert withdraw.status_code == 409
    assert Offer.objects.get(pk=offer_id).status == "declined"


def test_a_second_live_offer_for_the_same_home_is_refused_with_a_reason(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    assert make_offer(client, world).status_code == 201
    Response.objects.create(advert=world.published, household=world.buur_household)
    second = make_offer(client, world, household=world.buur_household)
    assert second.status_code in (400, 409)
    assert second.json()["detail"] and second.json()["errors"]
    assert Offer.objects.filter(unit=world.published.unit).count() == 1


def test_invalid_offer_inputs_are_400_and_write_nothing(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    offer_id = make_offer(client, world).json()["id"]
    bad = [
        ("viewing", {"at": (timezone.now() - dt.timedelta(days=1)).isoformat()}, "at"),
        ("viewing", {"at": "morgen"}, "at"),
        ("decline", {"reason_code": "XYZ"}, "reason_code"),
        ("decline", {}, "reason_code"),
        ("withdraw", {"reason_code": "HUU"}, "reason_code"),  # a decline code is no withdraw code
        ("accept", {"start_date": "2025-02-30", "key_handover_at": soon()}, "start_date"),
        (
            "accept",
            {"start_date": "2030-01-01", "key_handover_at": soon(), "lease_type": "koop"},
            "lease_type",
        ),
        (
            "accept",
            {"start_date": "2030-01-01", "key_handover_at": soon(), "care_partner": 999999999},
            "care_partner",
        ),
    ]
    for action, body, field in bad:
        response = client.post(f"/api/v1/offers/{offer_id}/{action}/", body, format="json")
        assert response.status_code == 400, (action, body, response.content)
        assert field in response.json()["errors"], (action, response.json())
    assert Offer.objects.get(pk=offer_id).status == "offered"
    assert Offer.objects.get(pk=offer_id).events.count() == 1


def test_an_offer_for_another_corporations_home_or_household_is_refused_without_revealing_it(
    api, world
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.residents.models import Household

    client = api("verhuur")
    other_household = Household.objects.filter(corporation__name=OTHER_CORPORATION).first()
    respond_by = str(timezone.localdate() + dt.timedelta(days=7))
    response = client.post(
        "/api/v1/offers/",
        {
            "unit": world.other_advert.unit_id,
            "household": world.seeker.pk,
            "respond_by": respond_by,
            "advert": world.published.pk,
        },
        format="json",
    )
    assert response.status_code == 400 and "unit" in response.json()["errors"]
    response = client.post(
        "/api/v1/offers/",
        {
            "unit": world.published.unit_id,
            "household": other_household.pk,
            "respond_by": respond_by,
            "advert": world.published.pk,
        },
        format="json",
    )
    assert response.status_code == 400 and "household" in response.json()["errors"]


def test_another_corporations_offer_answers_404(api, world) -> None:  # type: ignore[no-untyped-def]
    from omkijken.residents.models import Household

    other_corp = Organisation.objects.get(name=OTHER_CORPORATION)
    household = Household.objects.filter(corporation=other_corp).first()
    offer = Offer.objects.create(
        corporation=other_corp,
        unit=world.other_advert.unit,
        household=household,
        advert=world.other_advert,
        respond_by=timezone.localdate(),
    )
    client = api("verhuur")
    assert client.get(f"/api/v1/offers/{offer.pk}/").status_code == 404
    assert client.post(f"/api/v1/offers/{offer.pk}/no-response/").status_code == 404
    assert offer.pk not in {o["id"] for o in client.get("/api/v1/offers/?page_size=200").json()["results"]}


def test_a_household_member_sees_only_the_offers_to_their_own_household(api, world) -> None:  # type: ignore[no-untyped-def]
    officer = api("verhuur")
    Response.objects.create(advert=world.published, household=world.buur_household)
    own = make_offer(officer, world, household=world.buur_household).json()["id"]
    buur = api("buur")
    assert [o["id"] for o in buur.get("/api/v1/offers/").json()["results"]] == [own]
    assert buur.get(f"/api/v1/offers/{own}/").status_code == 200
    assert api("bewoner").get(f"/api/v1/offers/{own}/").status_code == 404
    assert buur.post(f"/api/v1/offers/{own}/no-response/").status_code == 403


@pytest.mark.parametrize("persona", ["beheerder", "zorgpartner", "gemeente"])
def test_building_manager_care_partner_and_municipality_get_403_on_offers_and_allocations(
    api, world, persona: str
) -> None:  # type: ignore[no-untyped-def]
    client = api(persona)
    for url in ("/api/v1/offers/", "/api/v1/allocations/", "/api/v1/rounds/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert response.json()["code"] == "permission_denied"


def test_the_project_leader_reads_offers_but_may_not_make_them(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("projectleider")
    assert client.get("/api/v1/offers/").status_code == 200
    assert make_offer(client, world).status_code == 403


def _round_with_allocation(world, channel: str) -> tuple[Round, Allocation]:  # type: ignore[no-untyped-def]
    rnd = Round.objects.create(
        corporation=world.published.corporation,
        name="API-ronde",
        round_date=timezone.localdate(),
        status="accepted",
    )
    rnd.adverts.add(world.published)
    allocation = Allocation.objects.create(
        round=rnd,
        advert=world.published,
        unit=world.published.unit,
        household=world.own_nomination.household,
        channel=channel,
        passendheid="PAS",
    )
    return rnd, allocation


def test_allocations_are_listed_for_the_corporation_and_direct_ones_are_logged_reads(api, world) -> None:  # type: ignore[no-untyped-def]
    rnd, allocation = _round_with_allocation(world, "DIRECT")
    client = api("projectleider")
    before = AccessEvent.objects.filter(view="api_allocation_list").count()
    rows = client.get(f"/api/v1/allocations/?round={rnd.pk}").json()["results"]
    assert [r["id"] for r in rows] == [allocation.pk] and rows[0]["channel"] == "DIRECT"
    assert AccessEvent.objects.filter(view="api_allocation_list").count() == before + 1
    assert client.get(f"/api/v1/allocations/{allocation.pk}/").status_code == 200
    event = AccessEvent.objects.filter(view="api_allocation_detail").latest("id")
    assert event.household_id == world.own_nomination.household_id and event.actor.username == "projectleider"


def test_a_regular_allocation_read_is_not_a_special_category_read(api, world) -> None:  # type: ignore[no-untyped-def]
    _rnd, allocation = _round_with_allocation(world, "REGULAR")
    before = AccessEvent.objects.count()
    assert api("verhuur").get(f"/api/v1/allocations/{allocation.pk}/").status_code == 200
    assert AccessEvent.objects.count() == before


def test_another_corporations_round_and_allocation_answer_404(api, world) -> None:  # type: ignore[no-untyped-def]
    rnd, allocation = _round_with_allocation(world, "REGULAR")
    Round.objects.filter(pk=rnd.pk).update(corporation=Organisation.objects.get(name=OTHER_CORPORATION))
    client = api("verhuur")
    assert client.get(f"/api/v1/rounds/{rnd.pk}/").status_code == 404
    assert client.get(f"/api/v1/rounds/{rnd.pk}/proposal/").status_code == 404
    assert client.get(f"/api/v1/allocations/{allocation.pk}/").status_code == 404


def test_the_round_proposal_is_readable(api, world) -> None:  # type: ignore[no-untyped-def]
    rnd, _allocation = _round_with_allocation(world, "REGULAR")
    response = api("verhuur").get(f"/api/v1/rounds/{rnd.pk}/proposal/")
    assert response.status_code == 200, response.content
    assert response.json()["round"]["id"] == rnd.pk
    assert rnd.pk in {r["id"] for r in api("verhuur").get("/api/v1/rounds/").json()["results"]}


def test_the_key_handover_can_be_planned_with_a_colleague_but_not_with_a_stranger(api, world) -> None:  # type: ignore[no-untyped-def]
    from omkijken.accounts.models import User

    client = api("verhuur")
    offer_id = make_offer(client, world).json()["id"]
    body = {"start_date": str(timezone.localdate() + dt.timedelta(days=14)), "key_handover_at": soon(14)}
    stranger = User.objects.get(username="zorgpartner")
    response = client.post(
        f"/api/v1/offers/{offer_id}/accept/", {**body, "key_handover_with": stranger.pk}, format="json"
    )
    assert response.status_code == 400 and "key_handover_with" in response.json()["errors"]
    colleague = User.objects.get(username="beheerder")
    response = client.post(
        f"/api/v1/offers/{offer_id}/accept/", {**body, "key_handover_with": colleague.pk}, format="json"
    )
    assert response.status_code == 200, response.content
    assert KeyHandover.objects.get(offer_id=offer_id).with_user == colleague
