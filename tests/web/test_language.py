"""Dutch first: Dutch by default whatever the browser asks, English when chosen."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_page_is_dutch_even_for_a_browser_that_prefers_english(client: Client) -> None:
    # when a browser asking for English opens the login page
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    # then it is in Dutch
    assert "Inloggen" in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_choosing_english_with_the_switcher_shows_english_pages(client: Client) -> None:
    # given the switcher's form
    # when the visitor chooses English
    client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    response = client.get(reverse("login"))
    # then the page is English
    body = response.content.decode()
    assert "Log in to Omkijken" in body
    assert response["Content-Language"] == "en"


def test_english_is_complete_on_a_staff_home_page(login) -> None:  # type: ignore[no-untyped-def]
    # given the project leader who chose English
    client = login("projectleider")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    # when the home page opens
    body = client.get(reverse("home")).content.decode()
    # then it speaks English, not Dutch
    assert "Good to see you, Fenna" in body
    assert "Fijn dat je er bent" not in body
