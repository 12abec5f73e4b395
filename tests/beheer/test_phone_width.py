"""Part 9: every page of the building manager fits a 390 px phone, his menu is usable there, and
his new pages are axe-clean (Chromium)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}
SKIP = ("/i18n/", "/static/", "/api/", "/beheer/", "/uitloggen/")


def _pattern(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def test_every_page_of_the_building_manager_fits_a_phone_and_his_menu_is_usable(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.beheer.demo import build_beheer_demo

    build_beheer_demo(seed=2026)
    # given the building manager on a 390 px wide phone
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "beheerder")
    # then every menu item lies inside the screen and leads to its page
    nav = page.locator("nav.site-nav a")
    menu = [nav.nth(i).get_attribute("href") for i in range(nav.count())]
    assert "/vandaag/" in menu
    for i in range(nav.count()):
        box = nav.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], menu[i]
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Vandaag").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/vandaag/")
    # when he opens each page of his menu, and one page of each kind linked from there
    widths: dict[str, int] = {}
    todo = [str(href) for href in menu]
    seen: set[str] = set()
    while todo:
        path = todo.pop(0)
        if _pattern(path) in seen:
            continue
        seen.add(_pattern(path))
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        widths[path] = page.evaluate("() => document.documentElement.scrollWidth")
        if path in menu:
            for href in page.eval_on_selector_all(
                "main a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
            ):
                link = href.split("#")[0]
                if link.split("?")[0].endswith((".pdf", ".ics")) or any(link.startswith(s) for s in SKIP):
                    continue
                if _pattern(link) not in seen:
                    todo.append(link)
    # then none is wider than the phone
    assert len(widths) >= 10, widths
    assert {path: w for path, w in widths.items() if w > PHONE["width"]} == {}


def test_his_new_pages_are_axe_clean_on_a_phone(page, live_server, demo_world_committed) -> None:  # type: ignore[no-untyped-def]
    from omkijken.beheer.demo import build_beheer_demo
    from omkijken.letting.models import KeyHandover
    from omkijken.portfolio.models import Complex
    from omkijken.residents.models import Person

    build_beheer_demo(seed=2026)
    vliethof = Complex.objects.get(name="Vliethof")
    bewoner = Person.objects.get(user__username="bewoner").household
    handover = KeyHandover.objects.filter(offer__unit__complex__managers__username="beheerder").first()
    assert handover is not None
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "beheerder")
    problems = {}
    for path in (
        "/vandaag/",
        f"/vandaag/complexen/{vliethof.pk}/bewoners/",
        f"/vandaag/huishoudens/{bewoner.pk}/contact/",
        f"/vandaag/sleuteloverdrachten/{handover.pk}/",
    ):
        page.goto(live_server.url + path)
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
    page.context.clear_cookies()
    log_in(page, live_server.url, "bewoner")
    page.goto(live_server.url + "/mijn-gegevens/delen/")
    if violations := axe_violations(page):
        problems["/mijn-gegevens/delen/"] = violations
    assert problems == {}
