"""axe-core finds no WCAG 2.2 A/AA violation on the pages each persona uses most."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser]

PAGES = {
    "projectleider": ["/", "/projecten/", "/complexen/", "/rapportage/"],
    "verhuur": ["/", "/huishoudens/"],
    "beheerder": ["/", "/complexen/"],
    "zorgpartner": ["/", "/clienten/"],
    "gemeente": ["/", "/rapportage/"],
    "buur": ["/"],
    "admin": ["/toegangslog/"],
}


def test_the_login_page_and_each_personas_main_pages_have_no_axe_violations(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    found: dict[str, object] = {}
    # given the login page
    page.goto(f"{live_server.url}/inloggen/")
    if violations := axe_violations(page):
        found["/inloggen/"] = violations
    for username, urls in PAGES.items():
        # when each persona opens their pages
        log_in(page, live_server.url, username)
        for url in urls:
            page.goto(f"{live_server.url}{url}")
            # then axe reports nothing
            if violations := axe_violations(page):
                found[f"{username} {url}"] = violations
        page.context.clear_cookies()
    assert found == {}


def test_the_detail_pages_have_no_axe_violations(page, live_server, demo_world_committed) -> None:  # type: ignore[no-untyped-def]
    from omkijken.portfolio.models import Complex
    from omkijken.projects.models import Project
    from omkijken.residents.models import Person

    brug = Complex.objects.get(name="De Brug")
    project = Project.objects.get(complexes=brug)
    household = Person.objects.get(user__username="bewoner").household
    log_in(page, live_server.url, "projectleider")
    found = {}
    for url in [f"/complexen/{brug.pk}/", f"/projecten/{project.pk}/", f"/huishoudens/{household.pk}/"]:
        page.goto(f"{live_server.url}{url}")
        if violations := axe_violations(page):
            found[url] = violations
    assert found == {}
