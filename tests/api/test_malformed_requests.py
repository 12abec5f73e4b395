"""Every malformed request answers 4xx with a reason, never 5xx, and writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from omkijken.letting.models import Advert, Nomination, Offer, Response

pytestmark = pytest.mark.django_db
HUGE = 10**30
LONG = "x" * 10_000


def advert_body(world, **changes):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    body = {
        "unit": world.vacant_unit.pk,
        "channels": ["REGULAR"],
        "criteria": "Huishoudens van 1 tot 3 personen.",
        "starts_on": str(today),
        "ends_on": str(today + dt.timedelta(days=14)),
        "override_reason": "test",
    }
    body.update(changes)
    return body


def assert_400(response, field: str | None = None) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) == {"detail", "code", "errors"} and body["detail"]
    if field is not None:
        assert field in body["errors"], body
        assert all(isinstance(m, str) and m for m in body["errors"][field])
    return body


ADVERT_CASES = [
    ("unknown field", {"colour": "red"}, "colour"),
    ("missing unit", {"unit": None}, "unit"),
    ("unit as text", {"unit": "abc"}, "unit"),
    ("unit negative", {"unit": -5}, "unit"),
    ("unit zero", {"unit": 0}, "unit"),
    ("unit huge", {"unit": HUGE}, "unit"),
    ("unit as float", {"unit": 1.5}, "unit"),
    ("unit as list", {"unit": [1]}, "unit"),
    ("unit of nobody", {"unit": 2**62}, "unit"),
    ("invalid channel", {"channels": ["LOTTERY"]}, "channels.0"),
    ("channels empty", {"channels": []}, "channels"),
    ("channels not a list", {"channels": "REGULAR"}, "channels"),
    ("criteria 10,000 chars", {"criteria": LONG}, "criteria"),
    ("criteria with NUL", {"criteria": "a\x00b"}, "criteria"),
    ("criteria as object", {"criteria": {"a": 1}}, "criteria"),
    ("bad date", {"starts_on": "2025-02-30"}, "starts_on"),
    ("date as text", {"starts_on": "morgen"}, "starts_on"),
    ("date far future", {"ends_on": "9999-12-31"}, "ends_on"),
    ("date far past", {"starts_on": "0001-01-01"}, "starts_on"),
    ("period reversed", {"ends_on": "2000-01-01"}, "ends_on"),
    ("override reason too long", {"override_reason": LONG}, "override_reason"),
    ("override reason with NUL", {"override_reason": "\x00"}, "override_reason"),
    ("publish as text", {"publish": "perhaps"}, "publish"),
]


@pytest.mark.parametrize(("case", "changes", "field"), ADVERT_CASES, ids=[c[0] for c in ADVERT_CASES])
def test_a_malformed_advert_is_refused_with_the_field_named(api, world, case, changes, field) -> None:  # type: ignore[no-untyped-def]
    body = advert_body(world, **changes)
    if changes.get("unit", 1) is None:
        del body["unit"]
    before = Advert.objects.count()
    assert_400(api("verhuur").post("/api/v1/adverts/", body, format="json"), field)
    assert Advert.objects.count() == before


@pytest.mark.parametrize(
    "raw",
    [b"{", b'{"unit": }', b"not json", b"", b"[]", b'"text"', b"null", b"42", b'{"unit": NaN}', b"\xff\xfe"],
    ids=[
        "truncated",
        "no value",
        "not json",
        "empty",
        "array",
        "string",
        "null",
        "number",
        "NaN",
        "bad utf-8",
    ],
)
def test_a_body_that_is_not_a_json_object_is_400(api, world, raw: bytes) -> None:  # type: ignore[no-untyped-def]
    response = api("verhuur").post("/api/v1/adverts/", raw, content_type="application/json")
    assert_400(response)


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml"],
)
def test_a_body_that_is_not_json_is_415(api, world, content_type: str) -> None:  # type: ignore[no-untyped-def]
    response = api("verhuur").post("/api/v1/adverts/", b"unit=1", content_type=content_type)
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=-1",
        "page=abc",
        "page=1.5",
        "page=99999999999999999999",
        "page_size=0",
        "page_size=100000",
        "page_size=x",
        "status=unknown",
        "status=",
        "complex=abc",
        "complex=-1",
        "complex=99999999999999999999999",
        "status=draft%00",
        "q%00=1",
    ],
)
def test_bad_query_parameters_are_400(api, world, query: str) -> None:  # type: ignore[no-untyped-def]
    assert_400(api("verhuur").get(f"/api/v1/adverts/?{query}"))


def test_a_page_beyond_the_last_is_404_with_a_reason(api, world) -> None:  # type: ignore[no-untyped-def]
    response = api("verhuur").get("/api/v1/adverts/?page=999999")
    assert response.status_code == 404
    assert "999999" in response.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/adverts/99999999999999999999999999/",
        "/api/v1/adverts/9223372036854775808/",
        "/api/v1/adverts/-1/",
        "/api/v1/adverts/abc/",
        "/api/v1/adverts/0/",
        "/api/v1/nominations/99999999999999999999999999/",
        "/api/v1/offers/9223372036854775807/",
        "/api/v1/adverts/%00/",
    ],
)
def test_ids_that_cannot_exist_are_404(api, world, path: str) -> None:  # type: ignore[no-untyped-def]
    response = api("verhuur").get(path)
    assert response.status_code == 404
    assert response.json()["detail"]


NOMINATION_CASES = [
    ("unknown field", {"diagnosis": "x"}, "diagnosis"),
    ("household size zero", {"household_size": 0}, "household_size"),
    ("household size huge", {"household_size": HUGE}, "household_size"),
    ("household size text", {"household_size": "two"}, "household_size"),
    ("target group invalid", {"target_group": "XXX"}, "target_group"),
    ("income class invalid", {"income_class": "rich"}, "income_class"),
    ("needs invalid", {"needs": ["POOL"]}, "needs.0"),
    ("complexes empty", {"complexes": []}, "complexes"),
    ("complexes of text", {"complexes": ["a"]}, "complexes.0"),
    ("complexes huge", {"complexes": [HUGE]}, "complexes.0"),
    ("consent reference NUL", {"consent_reference": "TOE\x00"}, "consent_reference"),
    ("consent reference long", {"consent_reference": LONG}, "consent_reference"),
    ("consent reference free text", {"consent_reference": "cliënt heeft psychose"}, "consent_reference"),
    ("nomination in future", {"nominated_on": "2099-01-01"}, "nominated_on"),
    ("support before nomination", {"support_until": "2001-01-01"}, "support_until"),
    ("pension age text", {"pension_age": "old"}, "pension_age"),
    ("household of nobody", {"household": HUGE}, "household"),
]


@pytest.mark.parametrize(("case", "changes", "field"), NOMINATION_CASES, ids=[c[0] for c in NOMINATION_CASES])
def test_a_malformed_nomination_is_refused_with_the_field_named(api, world, case, changes, field) -> None:  # type: ignore[no-untyped-def]
    from tests.api.test_letting_endpoints import _nomination_body

    Nomination.objects.filter(pk=world.own_nomination.pk).update(status="withdrawn")
    before = Nomination.objects.count()
    assert_400(
        api("zorgpartner").post("/api/v1/nominations/", _nomination_body(world, **changes), format="json"),
        field,
    )
    assert Nomination.objects.count() == before


RESPONSE_CASES = [
    ("no advert", {}, "advert"),
    ("advert text", {"advert": "x"}, "advert"),
    ("advert huge", {"advert": HUGE}, "advert"),
    ("preference zero", {"preference": 0}, "preference"),
    ("preference huge", {"preference": HUGE}, "preference"),
    ("unknown field", {"advert": 1, "note": "hi"}, "note"),
]


@pytest.mark.parametrize(("case", "body", "field"), RESPONSE_CASES, ids=[c[0] for c in RESPONSE_CASES])
def test_a_malformed_response_is_refused(api, world, case, body, field) -> None:  # type: ignore[no-untyped-def]
    before = Response.objects.count()
    assert_400(api("buur").post("/api/v1/responses/", body, format="json"), field)
    assert Response.objects.count() == before


OFFER_CASES = [
    ("respond by in the past", {"respond_by": "2001-01-01"}, "respond_by"),
    ("respond by bad", {"respond_by": "31-12-2030"}, "respond_by"),
    ("household text", {"household": "x"}, "household"),
    ("allocation of nobody", {"allocation": 2**60, "advert": None}, "allocation"),
    ("advert of nobody", {"advert": 2**60}, "advert"),
    ("neither allocation nor advert", {"advert": None}, "non_field_errors"),
]


@pytest.mark.parametrize(("case", "changes", "field"), OFFER_CASES, ids=[c[0] for c in OFFER_CASES])
def test_a_malformed_offer_is_refused(api, world, case, changes, field) -> None:  # type: ignore[no-untyped-def]
    body = {
        "unit": world.published.unit_id,
        "household": world.seeker.pk,
        "advert": world.published.pk,
        "respond_by": str(timezone.localdate() + dt.timedelta(days=7)),
    }
    body.update(changes)
    before = Offer.objects.count()
    assert_400(api("verhuur").post("/api/v1/offers/", body, format="json"), field)
    assert Offer.objects.count() == before


def test_a_wrong_method_on_an_action_is_405(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    assert client.get(f"/api/v1/adverts/{world.draft.pk}/publish/").status_code == 405
    assert client.put(f"/api/v1/adverts/{world.draft.pk}/", {}, format="json").status_code == 405
    assert client.delete(f"/api/v1/adverts/{world.draft.pk}/").status_code == 405


def test_an_error_in_english_when_asked(api, world) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    body = client.get("/api/v1/adverts/?status=unknown").json()
    assert "valid choice" in body["errors"]["status"][0]
    dutch = api("verhuur").get("/api/v1/adverts/?status=unknown").json()
    assert dutch["errors"]["status"][0] != body["errors"]["status"][0]


def test_options_and_unknown_methods_are_405_and_unauthenticated_is_401_first(api, world) -> None:  # type: ignore[no-untyped-def]
    from rest_framework.test import APIClient

    client = api("verhuur")
    assert client.options("/api/v1/adverts/").status_code == 405
    assert client.patch(f"/api/v1/offers/{world.draft.pk}/accept/", {}, format="json").status_code == 405
    assert APIClient().get(f"/api/v1/adverts/{world.draft.pk}/publish/").status_code == 401
