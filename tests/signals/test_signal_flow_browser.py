"""In Debian's Chromium on a 390 px phone, axe-clean on every page: a good neighbour reports that
an elderly neighbour has not been seen for days; the building manager triages it on "Vandaag",
records a visit, and routes it with the consent recorded to the care-partner contact; the care
partner marks it handled; the neighbour sees "Afgehandeld" and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from omkijken.demo.personas import DEMO_PASSWORD
from tests.browser.conftest import enter_code

pytestmark = [pytest.mark.browser]

AXE = (Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js").read_text(
    encoding="utf-8"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
NOTE = "Mevrouw is al drie dagen niet buiten geweest, de post ligt achter de deur."


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    contexts = []

    def open_as(live_server, username: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/inloggen/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state("networkidle")
        if "/inloggen/code/" in page.url:  # the second step: the code of the persona's app
            enter_code(page, username)
        page.wait_for_load_state("networkidle")
        return page

    yield open_as
    for context in contexts:
        context.close()


def checked(page) -> None:  # type: ignore[no-untyped-def]
    """The page fits the phone and axe-core finds no WCAG A/AA violation."""
    page.evaluate(AXE)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == [], page.url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], (page.url, width)


def test_a_worry_about_a_neighbour_from_report_to_handled_on_a_phone(
    demo_world_committed, live_server, phone
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.signals.forms import unit_label
    from omkijken.signals.models import Signal
    from tests.signals.conftest import client_home_in

    home = client_home_in("Vliethof")

    # 1. buur reports, from the neighbour network, that the neighbour has not been seen for days
    buur = phone(live_server, "buur")
    buur.goto(f"{live_server.url}/buurt/")
    buur.get_by_role("button", name="Signaal melden").click()
    assert "Bel bij nood eerst 112." in buur.content()
    checked(buur)
    buur.get_by_label("Al dagen niet gezien").check()
    buur.get_by_label("Een buur of een woning").check()
    buur.get_by_label("Welke woning").select_option(label=unit_label(home.unit))
    buur.get_by_label("Wat zag of hoorde je? (niet verplicht)").fill(NOTE)
    buur.get_by_role("button", name="Signaal versturen").click()
    assert "Je signaal is ontvangen" in buur.content()
    checked(buur)
    signal = Signal.objects.get(description=NOTE)

    # 2. beheerder sees it on "Vandaag", triages it and records a visit
    manager = phone(live_server, "beheerder")
    manager.goto(f"{live_server.url}/vandaag/")
    checked(manager)
    manager.locator(f'a[href="/meldingen/{signal.pk}/"]').first.click()
    checked(manager)
    manager.get_by_label("Urgentie").select_option("high")
    manager.get_by_role("button", name="Triage opslaan").click()
    assert "Het signaal is getrieerd." in manager.content()
    manager.get_by_role("link", name="Bezoek vastleggen").click()
    checked(manager)
    manager.get_by_label("Soort contact").select_option(index=0)
    manager.get_by_label("Wie waren erbij").fill("De bewoonster")
    manager.get_by_role("button", name="Contactmoment opslaan").click()
    manager.goto(f"{live_server.url}/meldingen/{signal.pk}/")

    # 3. he routes it, with the consent recorded, to the care-partner contact
    manager.get_by_label("Doorsturen naar").select_option("care_partner")
    manager.get_by_label("Toestemming van de bewoner").fill("Akkoord gegeven bij het huisbezoek")
    manager.get_by_role("button", name="Doorsturen", exact=True).click()
    assert "Het signaal is doorgestuurd." in manager.content()
    checked(manager)

    # 4. zorgpartner marks it handled
    partner = phone(live_server, "zorgpartner")
    partner.goto(f"{live_server.url}/meldingen/")
    checked(partner)
    partner.locator(f'a[href="/meldingen/{signal.pk}/"]').first.click()
    checked(partner)
    partner.get_by_role("button", name="Markeer als afgehandeld").click()
    assert "Het signaal is afgehandeld." in partner.content()

    # 5. buur sees "Afgehandeld" and nothing else
    buur.goto(f"{live_server.url}/meldingen/mijn/")
    checked(buur)
    row = buur.locator("tbody tr").filter(has_text="Al dagen niet gezien").first
    assert row.locator(".signal-status").inner_text() == "Afgehandeld"
    body = buur.content()
    assert "Tussenstap" not in body and NOTE not in body and "Akkoord gegeven" not in body
    assert "Doorgestuurd" not in body and "Hoog" not in body
