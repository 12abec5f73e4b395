"""Issue 12 acceptance 5 and 6 in Chromium, with axe-core on every page: the buurtteam worker
updates an action of Vliethof's location plan on a phone, and a resident sees an announcement on
her home page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}


def sideways_scroll(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def check(page, found: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    if violations := axe_violations(page):
        found[page.url] = violations
    if (overflow := sideways_scroll(page)) > 0:
        found[f"{page.url} scrolls sideways"] = overflow


def test_the_buurtteam_worker_updates_an_action_of_the_location_plan_on_a_phone(
    browser, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.projects.locationplan.models import ActionNote, PlanAction

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="nl-NL")
    page = context.new_page()
    found: dict[str, object] = {}
    try:
        # given the buurtteam worker on her phone
        log_in(page, live_server.url, "buurtteam")
        check(page, found)
        # when she opens the location plans, Vliethof's plan and her team's first open action
        page.get_by_role("link", name="Locatieplannen").first.click()
        check(page, found)
        page.get_by_role("link", name="Locatieplan Vliethof").click()
        check(page, found)
        page.get_by_role("link", name="Spreekuur buurtteam in de buurtkamer, elke dinsdag").click()
        check(page, found)
        # and records progress
        page.get_by_label("Status").select_option("done")
        page.get_by_label("Voortgangsnotitie").fill("Spreekuur loopt; vaste tijd blijft dinsdag.")
        page.get_by_role("button", name="Voortgang opslaan").click()
        page.wait_for_load_state("networkidle")
        check(page, found)
        # then the page confirms it and shows her note
        assert page.get_by_text("De actie is bijgewerkt.").is_visible()
        assert page.get_by_text("Spreekuur loopt; vaste tijd blijft dinsdag.").is_visible()
    finally:
        context.close()
    action = PlanAction.objects.get(title="Spreekuur buurtteam in de buurtkamer, elke dinsdag")
    assert action.status == "done"
    assert ActionNote.objects.filter(action=action, by__username="buurtteam").exists()
    assert found == {}


def test_a_resident_sees_an_announcement_on_her_home_page(page, live_server, demo_world_committed) -> None:  # type: ignore[no-untyped-def]
    found: dict[str, object] = {}
    # given the lift works announced to Vliethof
    log_in(page, live_server.url, "buur")
    # then buur sees it on her home page
    check(page, found)
    assert page.get_by_text("Onderhoud liften 12 en 13").is_visible()
    # and on her announcements page she can choose to get essential news only
    page.get_by_role("link", name="Alle mededelingen en je keuze over nieuws").click()
    check(page, found)
    page.get_by_label("Stuur mij ook niet-noodzakelijk nieuws").uncheck()
    page.get_by_role("button", name="Keuze opslaan").click()
    page.wait_for_load_state("networkidle")
    check(page, found)
    assert not page.get_by_text("Buurtbarbecue op het grasveld").is_visible()
    assert page.get_by_text("Onderhoud liften 12 en 13").first.is_visible()
    assert found == {}


def test_the_project_work_pages_have_no_axe_violations(page, live_server, demo_world_committed) -> None:  # type: ignore[no-untyped-def]
    from omkijken.projects.announcements.models import Announcement
    from omkijken.projects.lessons.models import Evaluation
    from omkijken.projects.locationplan.models import LocationPlan
    from omkijken.projects.models import Project

    vliethof = Project.objects.get(complexes__name="Vliethof")
    plan = LocationPlan.objects.get(complex__name="Vliethof")
    evaluation = Evaluation.objects.filter(project=vliethof).first()
    announcement = Announcement.objects.filter(project=vliethof, sent_at__isnull=False).first()
    assert evaluation is not None and announcement is not None
    log_in(page, live_server.url, "projectleider")
    found: dict[str, object] = {}
    for url in [
        "/locatieplannen/",
        f"/locatieplannen/{plan.pk}/",
        f"/projecten/{vliethof.pk}/evaluaties/",
        f"/evaluaties/{evaluation.pk}/",
        "/lessen/?q=buurtkamer",
        f"/projecten/{vliethof.pk}/mededelingen/",
        f"/mededelingen/{announcement.pk}/",
        f"/projecten/{vliethof.pk}/agenda/",
    ]:
        page.goto(f"{live_server.url}{url}")
        if violations := axe_violations(page):
            found[url] = violations
    assert found == {}
