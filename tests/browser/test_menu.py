"""The main menu fits the window for every persona, and the language is switched on purpose."""

from __future__ import annotations

import pytest

from omkijken.demo.personas import PERSONAS
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser]

# Is the nav, or the page, wider than what the window shows?
OVERFLOW = """() => {
  const nav = document.querySelector("nav.site-nav");
  return {
    nav: nav ? nav.scrollWidth - nav.clientWidth : 0,
    page: document.documentElement.scrollWidth - window.innerWidth,
  };
}"""


@pytest.mark.parametrize("width", [1280, 375])
def test_every_persona_sees_the_whole_menu_and_the_logout_button_without_scrolling_sideways(
    page,
    live_server,
    demo_world_committed,
    width: int,  # type: ignore[no-untyped-def]
) -> None:
    # given a window of this width
    page.set_viewport_size({"width": width, "height": 800})
    problems: dict[str, object] = {}
    for username in PERSONAS:
        # when each persona logs in
        log_in(page, live_server.url, username)
        # then the logout button lies wholly inside the window
        logout = page.get_by_role("button", name="Uitloggen")
        box = logout.bounding_box()
        viewport = page.viewport_size
        assert box is not None and viewport is not None, username
        inside = box["x"] >= 0 and box["y"] >= 0
        inside = inside and box["x"] + box["width"] <= viewport["width"]
        inside = inside and box["y"] + box["height"] <= viewport["height"]
        if not inside:
            problems[f"{username}: logout at"] = box
        # and neither the menu nor the page overflows sideways
        overflow = page.evaluate(OVERFLOW)
        if overflow["nav"] > 0 or overflow["page"] > 0:
            problems[f"{username}: overflow"] = overflow
        page.context.clear_cookies()
    assert problems == {}


def test_the_language_is_switched_with_the_keyboard_by_the_button_not_by_the_choice(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    # given a persona on their Dutch home page
    log_in(page, live_server.url, "projectleider")
    assert page.locator("html").get_attribute("lang") == "nl"
    select = page.locator("#language-select")
    # when they tab to the language menu and choose English with the arrow key
    for _ in range(20):
        page.keyboard.press("Tab")
        if select.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the language menu cannot be reached with Tab")
    page.keyboard.press("ArrowDown")
    assert select.input_value() == "en"
    # then nothing happens yet: choosing alone does not change the page (WCAG 3.2.2)
    page.wait_for_timeout(300)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert select.evaluate("el => el === document.activeElement")
    # when they tab on to the button and press Enter
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Wissel"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # then the same page is shown in English
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url.rstrip("/") == live_server.url
    assert "Good to see you, Fenna" in page.content()
