"""In a real browser: every persona logs in and sees their home page without console errors."""

from __future__ import annotations

import pytest

from omkijken.demo.personas import DEMO_PASSWORD, PERSONAS
from tests.browser.conftest import enter_code

pytestmark = [pytest.mark.browser]


def test_every_persona_logs_in_and_opens_their_home_page_without_console_errors(
    page,
    live_server,
    demo_world_committed,  # type: ignore[no-untyped-def]
) -> None:
    problems: list[str] = []
    page.on(
        "console", lambda msg: problems.append(f"{msg.type}: {msg.text}") if msg.type == "error" else None
    )
    page.on("pageerror", lambda exc: problems.append(f"pageerror: {exc}"))
    for username, persona in PERSONAS.items():
        # given the login page
        page.goto(f"{live_server.url}/inloggen/")
        # when the persona logs in with the keyboard-reachable form
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state("networkidle")
        if "/inloggen/code/" in page.url:  # the second step: the code of the persona's app
            enter_code(page, username)
        # then their own home page greets them, with no console error
        page.wait_for_load_state("networkidle")
        assert page.url.rstrip("/") == live_server.url, username
        heading = page.get_by_role("heading", level=1).inner_text()
        assert persona.first_name in heading, (username, heading)
        assert problems == [], (username, problems)
        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_url(f"{live_server.url}/inloggen/")


def test_search_on_the_complex_list_updates_the_results_in_place(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    # given the letting officer on the complex list
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("verhuur")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    if "/inloggen/code/" in page.url:  # the second step: the code of the persona's app
        enter_code(page, "verhuur")
    page.goto(f"{live_server.url}/complexen/")
    # when they type part of a name
    page.get_by_label("Zoek op naam, code, straat of buurt").fill("Vliet")
    # then htmx replaces the results with the matching complex only
    page.wait_for_url("**q=Vliet**")
    rows = page.locator("#results tbody tr")
    assert rows.count() == 1
    assert "Vliethof" in rows.first.inner_text()
