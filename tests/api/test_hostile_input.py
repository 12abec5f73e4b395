"""Input from outside that used to answer 500 (nothing written) answers a clear 4xx: hostile JSON
on the API, and a POST to an unknown API address."""

from __future__ import annotations

import pytest
from django.test import Client

from omkijken.letting.models import Response

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("[" * 50_000 + "]" * 50_000, "genest"),
        ('{"advert": ' + "9" * 5_000 + "}", "cijfers"),
        ('{"advert": 1e400}', "te groot"),
        ('{"advert": 1, "x": "a\\u0000b"}', "NUL"),
        ('{"advert": 1, "x": "\\ud800"}', "surrogaat"),
    ],
    ids=["50000-deep", "5000-digits", "infinite", "nul", "lone-surrogate"],
)
def test_a_hostile_json_body_on_the_responses_endpoint_answers_400_and_writes_nothing(
    api, body, says
) -> None:  # type: ignore[no-untyped-def]
    # given an applicant with a token and the number of responses
    before = Response.objects.count()
    # when they post a body our code or the database cannot handle
    answer = api("buur").post("/api/v1/responses/", body, content_type="application/json")
    # then it is a 400 that says what is wrong, in the API's error shape, and nothing is written
    assert answer.status_code == 400, answer.content[:200]
    error = answer.json()
    assert says in " ".join([error["detail"], *(m for ms in error["errors"].values() for m in ms)])
    assert Response.objects.count() == before


def test_a_post_to_an_unknown_api_address_is_a_json_404_not_a_csrf_page() -> None:
    # given a client that, like a browser, gets CSRF checks
    client = Client(enforce_csrf_checks=True)
    # when it posts to an address the API does not have
    answer = client.post("/api/v1/bestaat-niet/", {"a": 1})
    # then the answer is the API's JSON 404
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json()["code"] == "not_found"
