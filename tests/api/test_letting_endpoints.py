"""Adverts, responses and nominations through the API: scoped exactly like the web pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omkijken.accounts.models import AccessEvent
from omkijken.letting.models import Advert, Nomination, Response

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- adverts ----------------------------------------------------------------------------------


def test_the_letting_officer_lists_only_the_corporations_adverts(api, world) -> None:  # type: ignore[no-untyped-def]
    found = ids(api("verhuur").get("/api/v1/adverts/?page_size=200"))
    assert {world.published.pk, world.draft.pk} <= found
    assert world.other_advert.pk not in found


def test_adverts_filter_by_status_and_complex(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    drafts = client.get("/api/v1/adverts/?status=draft&page_size=200").json()["results"]
    assert world.draft.pk in {row["id"] for row in drafts} and {row["status"] for row in drafts} == {"draft"}
    in_brug = ids(client.get(f"/api/v1/adverts/?complex={world.published.unit.complex_id}&page_size=200"))
    assert {world.published.pk, world.draft.pk} <= in_brug
    assert ids(client.get(f"/api/v1/adverts/?complex={world.other_advert.unit.complex_id}")) == set()


def test_another_corporations_advert_answers_404_not_403(api, world) -> None:  # type: ignore[no-untyped-def]
    response = api("verhuur").get(f"/api/v1/adverts/{world.other_advert.pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_an_applicant_sees_open_published_adverts_but_no_drafts(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("buur")
    found = ids(client.get("/api/v1/adverts/?page_size=200"))
    assert world.published.pk in found
    assert world.draft.pk not in found and world.other_advert.pk not in found
    detail = client.get(f"/api/v1/adverts/{world.published.pk}/").json()
    assert detail["proposal_reason"] is None and detail["response_count"] is None
    assert detail["responded"] is False
    assert client.get(f"/api/v1/adverts/{world.draft.pk}/").status_code == 404


def test_the_letting_officer_creates_and_publishes_an_advert(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    today = timezone.localdate()
    created = client.post(
        "/api/v1/adverts/",
        {
            "unit": world.vacant_unit.pk,
            "channels": ["REGULAR", "GOOD_NEIGHBOUR"],
            "criteria": "Huishoudens van 1 tot 3 personen.",
            "starts_on": str(today),
            "ends_on": str(today + dt.timedelta(days=14)),
            "override_reason": "Werkgroep koos voor beide kanalen.",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    advert = created.json()
    assert advert["status"] == "draft" and advert["unit"]["id"] == world.vacant_unit.pk
    published = client.post(f"/api/v1/adverts/{advert['id']}/publish/")
    assert published.status_code == 200 and published.json()["status"] == "published"


def test_publishing_an_advert_twice_is_a_409_with_the_reason(api, world) -> None:  # type: ignore[no-untyped-def]
    response = api("verhuur").post(f"/api/v1/adverts/{world.published.pk}/publish/")
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "invalid_state" and body["detail"]


def test_withdrawing_and_closing_follow_the_adverts_lifecycle(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    assert client.post(f"/api/v1/adverts/{world.published.pk}/close/").json()["status"] == "closed"
    assert client.post(f"/api/v1/adverts/{world.published.pk}/withdraw/").json()["status"] == "withdrawn"
    assert client.post(f"/api/v1/adverts/{world.published.pk}/withdraw/").status_code == 409


def test_an_advert_for_another_corporations_home_is_refused_without_revealing_it(api, world) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    response = api("verhuur").post(
        "/api/v1/adverts/",
        {
            "unit": world.other_advert.unit_id,
            "channels": ["REGULAR"],
            "criteria": "x",
            "starts_on": str(today),
            "ends_on": str(today),
        },
        format="json",
    )
    assert response.status_code == 400
    assert "unit" in response.json()["errors"]


@pytest.mark.parametrize("persona", ["projectleider", "beheerder", "zorgpartner", "gemeente", "buur"])
def test_roles_that_may_not_manage_adverts_get_403_on_writes(api, world, persona: str) -> None:  # type: ignore[no-untyped-def]
    response = api(persona).post(f"/api/v1/adverts/{world.draft.pk}/publish/")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("persona", ["beheerder", "zorgpartner", "gemeente"])
def test_building_manager_care_partner_and_municipality_may_not_read_adverts(
    api, world, persona: str
) -> None:  # type: ignore[no-untyped-def]
    assert api(persona).get("/api/v1/adverts/").status_code == 403
    assert api(persona).get(f"/api/v1/adverts/{world.published.pk}/").status_code == 403


def test_the_letting_officer_sees_who_responded_without_a_target_group(api, world) -> None:  # type: ignore[no-untyped-def]
    Response.objects.create(advert=world.published, household=world.buur_household)
    rows = api("verhuur").get(f"/api/v1/adverts/{world.published.pk}/responses/").json()["results"]
    by_household = {r["household"]["id"]: r for r in rows}
    assert set(by_household) == {world.buur_household.pk, world.seeker.pk}
    assert all("target_group" not in r for r in rows)
    assert by_household[world.buur_household.pk]["registration_date"] == "2019-03-01"


# --- responses --------------------------------------------------------------------------------


def test_an_applicant_responds_lists_and_withdraws(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("buur")
    created = client.post("/api/v1/responses/", {"advert": world.published.pk}, format="json")
    assert created.status_code == 201, created.content
    response_id = created.json()["id"]
    assert created.json()["preference"] == 1
    assert response_id in ids(client.get("/api/v1/responses/"))
    assert client.post("/api/v1/responses/", {"advert": world.published.pk}, format="json").status_code == 400
    withdrawn = client.post(f"/api/v1/responses/{response_id}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn"] is True
    assert client.post(f"/api/v1/responses/{response_id}/withdraw/").status_code == 409


def test_an_applicant_cannot_respond_to_another_corporations_or_a_draft_advert(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("buur")
    for advert in (world.other_advert, world.draft):
        response = client.post("/api/v1/responses/", {"advert": advert.pk}, format="json")
        assert response.status_code == 400
        assert "advert" in response.json()["errors"]
    assert not Response.objects.filter(household=world.buur_household).exists()


def test_someone_elses_response_answers_404(api, world) -> None:  # type: ignore[no-untyped-def]
    other = Response.objects.create(advert=world.published, household=world.own_nomination.household)
    assert api("buur").get(f"/api/v1/responses/{other.pk}/").status_code == 404
    assert api("buur").post(f"/api/v1/responses/{other.pk}/withdraw/").status_code == 404


@pytest.mark.parametrize("persona", ["verhuur", "beheerder", "zorgpartner", "gemeente"])
def test_staff_have_no_own_responses_endpoint(api, world, persona: str) -> None:  # type: ignore[no-untyped-def]
    assert api(persona).get("/api/v1/responses/").status_code == 403


# --- nominations ------------------------------------------------------------------------------


def test_the_care_partner_sees_only_its_own_nominations(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("zorgpartner")
    rows = client.get("/api/v1/nominations/?page_size=200").json()["results"]
    assert world.own_nomination.pk in {row["id"] for row in rows}
    assert {row["nominator"]["id"] for row in rows} == {world.own_nomination.nominator_id}
    assert client.get(f"/api/v1/nominations/{world.foreign_nomination.pk}/").status_code == 404
    assert client.get(f"/api/v1/nominations/{world.other_corp_nomination.pk}/").status_code == 404


def test_the_letting_officer_sees_the_nominations_made_to_the_corporation(api, world) -> None:  # type: ignore[no-untyped-def]
    rows = api("verhuur").get("/api/v1/nominations/?page_size=200").json()["results"]
    found = {row["id"] for row in rows}
    assert {world.own_nomination.pk, world.foreign_nomination.pk} <= found
    assert {row["corporation"]["id"] for row in rows} == {world.own_nomination.corporation_id}
    assert world.other_corp_nomination.pk not in found
    assert api("verhuur").get(f"/api/v1/nominations/{world.other_corp_nomination.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["beheerder", "gemeente", "buur", "bewoner"])
def test_roles_without_access_to_nominations_get_403(api, world, persona: str) -> None:  # type: ignore[no-untyped-def]
    assert api(persona).get("/api/v1/nominations/").status_code == 403
    assert api(persona).get(f"/api/v1/nominations/{world.own_nomination.pk}/").status_code == 403


def test_every_nomination_read_is_logged_as_an_access_event(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    before = AccessEvent.objects.count()
    listed = client.get("/api/v1/nominations/").json()["results"]
    events = AccessEvent.objects.order_by("-id")[: len(listed)]
    assert AccessEvent.objects.count() == before + len(listed)
    assert {e.household_id for e in events} == {row["household"]["id"] for row in listed}
    assert {e.record for e in events} == {"nomination"} and {e.view for e in events} == {
        "api_nomination_list"
    }
    client.get(f"/api/v1/nominations/{world.own_nomination.pk}/")
    latest = AccessEvent.objects.order_by("-id").first()
    assert AccessEvent.objects.count() == before + len(listed) + 1
    assert latest.household_id == world.own_nomination.household_id and latest.view == "api_nomination_detail"
    assert latest.actor.username == "verhuur" and latest.purpose == "letting"


def test_a_refused_nomination_read_logs_nothing(api, world) -> None:  # type: ignore[no-untyped-def]
    before = AccessEvent.objects.count()
    api("zorgpartner").get(f"/api/v1/nominations/{world.foreign_nomination.pk}/")
    api("beheerder").get("/api/v1/nominations/")
    assert AccessEvent.objects.count() == before


def _nomination_body(world, **changes):  # type: ignore[no-untyped-def]
    from omkijken.accounts.models import Organisation
    from omkijken.demo.personas import CARE_PARTNER
    from omkijken.letting.nominations.services import acceptable_complexes

    household = world.own_nomination.household
    partner = Organisation.objects.get(name=CARE_PARTNER)
    complexes = list(acceptable_complexes(partner, household.corporation_id).values_list("pk", flat=True))
    assert complexes
    body = {
        "household": household.pk,
        "target_group": "DAK",
        "household_size": 1,
        "income_class": "passend",
        "needs": ["LIFT"],
        "complexes": complexes[:1],
        "nominated_on": str(timezone.localdate()),
        "consent_reference": "TOE-2025-777",
    }
    body.update(changes)
    return body


def test_the_care_partner_nominates_its_client_and_withdraws_the_nomination(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("zorgpartner")
    # the client may have only one open nomination: withdraw the fixture's first
    assert (
        client.post(f"/api/v1/nominations/{world.own_nomination.pk}/withdraw/").json()["status"]
        == "withdrawn"
    )
    assert client.post(f"/api/v1/nominations/{world.own_nomination.pk}/withdraw/").status_code == 409
    created = client.post("/api/v1/nominations/", _nomination_body(world), format="json")
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "submitted"
    assert Nomination.objects.filter(pk=created.json()["id"], nominator__name__isnull=False).exists()


def test_a_second_open_nomination_for_the_same_client_is_refused_with_a_reason(api, world) -> None:  # type: ignore[no-untyped-def]
    response = api("zorgpartner").post("/api/v1/nominations/", _nomination_body(world), format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["non_field_errors"]


def test_the_care_partner_cannot_nominate_another_partners_client(api, world) -> None:  # type: ignore[no-untyped-def]
    body = _nomination_body(world, household=world.foreign_nomination.household_id)
    response = api("zorgpartner").post("/api/v1/nominations/", body, format="json")
    assert response.status_code == 400
    assert "household" in response.json()["errors"]


def test_the_care_partner_cannot_withdraw_another_partners_nomination(api, world) -> None:  # type: ignore[no-untyped-def]
    assert (
        api("zorgpartner").post(f"/api/v1/nominations/{world.foreign_nomination.pk}/withdraw/").status_code
        == 404
    )
    assert Nomination.objects.get(pk=world.foreign_nomination.pk).status == "submitted"


def test_the_letting_officer_may_read_but_not_make_nominations(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    assert client.post("/api/v1/nominations/", _nomination_body(world), format="json").status_code == 403
    assert client.post(f"/api/v1/nominations/{world.own_nomination.pk}/withdraw/").status_code == 403


def test_advert_status_filter_is_validated(api, world) -> None:  # type: ignore[no-untyped-def]
    response = api("verhuur").get("/api/v1/adverts/?status=bogus")
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    assert Advert.objects.filter(pk=world.published.pk).exists()


def test_the_applicant_persona_responds_to_an_open_advert(api, world) -> None:  # type: ignore[no-untyped-def]
    from omkijken.letting.models import Registration
    from omkijken.residents.models import Person

    household = Person.objects.get(user__username="zoeker").household
    assert Registration.objects.filter(household=household, status="active").exists()
    client = api("zoeker")
    assert world.published.pk in ids(client.get("/api/v1/adverts/?page_size=200"))
    created = client.post("/api/v1/responses/", {"advert": world.published.pk}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["id"] in ids(client.get("/api/v1/responses/?page_size=200"))
    assert client.get("/api/v1/nominations/").status_code == 403
    assert client.post(f"/api/v1/adverts/{world.published.pk}/close/").status_code == 403
