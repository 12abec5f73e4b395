"""Token authentication is required, and every error has the same JSON shape with a reason."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from omkijken.accounts.models import User

pytestmark = pytest.mark.django_db


def assert_error(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}
    assert body["detail"]
    return body


def test_it_refuses_a_request_without_a_token_with_401_and_says_how_to_authenticate() -> None:
    response = APIClient().get("/api/v1/me/")
    body = assert_error(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    assert body["code"] == "not_authenticated"


def test_it_refuses_a_wrong_token_with_401() -> None:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    body = assert_error(client.get("/api/v1/me/"), 401)
    assert body["code"] == "authentication_failed"


def test_it_refuses_the_token_of_a_deactivated_user(api) -> None:  # type: ignore[no-untyped-def]
    client = api("verhuur")
    User.objects.filter(username="verhuur").update(is_active=False)
    assert_error(client.get("/api/v1/me/"), 401)


def test_a_web_session_alone_does_not_open_the_api(login) -> None:  # type: ignore[no-untyped-def]
    assert_error(login("verhuur").get("/api/v1/me/"), 401)


def test_a_token_identifies_the_persona(api) -> None:  # type: ignore[no-untyped-def]
    response = api("verhuur").get("/api/v1/me/")
    assert response.status_code == 200
    assert response.json()["username"] == "verhuur"
    assert response.json()["role"] == "letting_officer"


def test_errors_are_dutch_by_default_and_english_on_request() -> None:
    dutch = APIClient().get("/api/v1/me/").json()["detail"]
    english = APIClient().get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    assert dutch != english
    assert "credentials" in english.lower()
    assert "authenticatie" in dutch.lower() or "inloggegevens" in dutch.lower()


def test_an_unknown_address_under_the_api_is_a_json_404() -> None:
    body = assert_error(APIClient().get("/api/v1/nothing-here/"), 404)
    assert body["code"] == "not_found"


def test_an_unsupported_method_is_405(api) -> None:  # type: ignore[no-untyped-def]
    body = assert_error(api("verhuur").delete("/api/v1/me/"), 405)
    assert body["code"] == "method_not_allowed"


def test_a_null_character_in_a_query_parameter_is_400(api) -> None:  # type: ignore[no-untyped-def]
    body = assert_error(api("verhuur").get("/api/v1/me/?q=a%00b"), 400)
    assert "query" in body["errors"]


def test_the_token_command_issues_a_working_token_and_revokes_it(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("api_token", "zorgpartner")
    key = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/me/").status_code == 200
    call_command("api_token", "zorgpartner", "--revoke")
    assert client.get("/api/v1/me/").status_code == 401
    assert not Token.objects.filter(user__username="zorgpartner").exists()


def test_the_token_page_shows_a_new_token_once_and_can_revoke_it(login) -> None:  # type: ignore[no-untyped-def]
    client = login("beheerder")
    assert client.get("/api/token/").status_code == 200
    made = client.post("/api/token/", {"action": "issue"})
    key = Token.objects.get(user__username="beheerder").key
    assert key in made.content.decode()
    assert made["Cache-Control"].startswith("max-age=0") or "no-store" in made["Cache-Control"]
    assert key not in client.get("/api/token/").content.decode()
    client.post("/api/token/", {"action": "issue"})
    assert Token.objects.get(user__username="beheerder").key != key
    client.post("/api/token/", {"action": "revoke"})
    assert not Token.objects.filter(user__username="beheerder").exists()


def test_the_schema_is_a_valid_openapi_3_document() -> None:
    from drf_spectacular.validation import validate_schema

    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    validate_schema(document)  # against the OpenAPI 3.0 JSON schema
    assert APIClient().get("/api/schema/").status_code == 200


def test_the_documentation_page_loads_nothing_from_elsewhere_and_runs_no_inline_script(login) -> None:  # type: ignore[no-untyped-def]
    response = login("verhuur").get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/api/v1/me/" in html
    assert "https://" not in html and "http://" not in html and "//cdn" not in html
    import re

    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag
    assert "style=" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
