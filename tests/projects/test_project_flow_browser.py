"""Acceptance of issue 12 (parts 1-4, 10) in Debian's Chromium against the live server.

The project leader starts a new project from De Brug's checklists, records a talk with a care
partner and moves it to overeenkomst (which makes the agreement), and moves the project's phase;
a working-group member ticks off a task on a phone. axe-core finds no WCAG 2.x A/AA violation on
any page of the flow, and the phone page does not scroll sideways.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

# The browser fixture is tests/browser's; importing it makes it this module's too.
from tests.browser.conftest import axe_violations, browser, log_in  # noqa: F401

pytestmark = [pytest.mark.browser]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def checked(page, found: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_load_state("networkidle")
    if violations := axe_violations(page):
        found[page.url] = violations


def test_the_project_leader_sets_up_a_project_and_a_member_ticks_off_a_task_on_a_phone(
    browser,  # noqa: F811
    live_server,
    demo_world_committed,
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.projects.models import CarePartnerAgreement, Phase, Project
    from omkijken.projects.partners.models import PartnerTalk, Stage
    from omkijken.projects.tasks.models import Task

    found: dict[str, object] = {}
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    page = context.new_page()
    log_in(page, live_server.url, "projectleider")

    # 1. she starts a new project from De Brug's checklists
    page.goto(f"{live_server.url}/projecten/")
    checked(page, found)
    page.get_by_role("link", name="Nieuw project").click()
    checked(page, found)
    page.get_by_label("Naam", exact=True).fill("Gemengd wonen De Vaart")
    page.get_by_role("checkbox", name="Dreefhoven").check()
    page.get_by_label("Streefaandeel kwetsbare huishoudens (%)").fill("25")
    page.get_by_label("Startdatum").fill(timezone.localdate().isoformat())
    page.get_by_label("Beginnen zoals").select_option(label="Gemengd wonen De Brug")
    page.get_by_role("button", name="Project aanmaken").click()
    checked(page, found)
    assert "Het project is aangemaakt." in page.content()
    project = Project.objects.get(name="Gemengd wonen De Vaart")
    assert (
        project.task_templates.count()
        == Project.objects.get(name="Gemengd wonen De Brug").task_templates.count()
    )
    page.get_by_role("link", name="Checklists").click()
    checked(page, found)
    page.get_by_role("link", name="Taken").first.click()
    checked(page, found)
    assert "Beheerervaring van vergelijkbare complexen ophalen" in page.content()

    # 2. she records a talk with a care partner and moves it to overeenkomst
    page.get_by_role("link", name="Gesprekken met zorgpartners").click()
    checked(page, found)
    page.get_by_label("Zorgpartner", exact=True).select_option(label="Stichting Tussenstap")
    page.get_by_label("Complex", exact=True).select_option(label="Dreefhoven")
    page.get_by_role("checkbox", name="Voorheen dakloos").check()
    page.get_by_label("Voorgesteld aantal cliënten").fill("6")
    page.get_by_label("Ruimte in het gebouw").fill("Ruimte 0.05")
    page.get_by_role("button", name="Gesprekken vastleggen").click()
    checked(page, found)
    assert "nooit over cliënten" in page.content()
    page.get_by_label("Datum van het gesprek").fill(timezone.localdate().isoformat())
    page.get_by_label("Wat er besproken is").fill(
        "Kennismaking: zes plekken, begeleiding twee dagdelen per week."
    )
    page.get_by_role("button", name="Notitie opslaan").click()
    checked(page, found)
    page.get_by_label("Nieuwe fase").select_option(value=Stage.AGREEMENT)
    page.get_by_role("button", name="Fase wijzigen").click()
    checked(page, found)
    assert "samenwerkingsovereenkomst met de zorgpartner is gemaakt" in page.content()
    talk = PartnerTalk.objects.get(project=project)
    assert talk.stage == Stage.AGREEMENT
    assert CarePartnerAgreement.objects.filter(
        project=project, care_partner__name="Stichting Tussenstap", capacity=6
    ).exists()

    # 3. she moves the project's phase
    page.goto(f"{live_server.url}/projecten/{project.pk}/")
    checked(page, found)
    page.get_by_label("Nieuwe fase").select_option(value=Phase.DEVELOPMENT)
    page.get_by_role("button", name="Fase wijzigen").click()
    checked(page, found)
    project.refresh_from_db()
    assert project.phase == Phase.DEVELOPMENT
    assert Task.objects.filter(project=project, phase=Phase.DEVELOPMENT).exists()
    page.goto(f"{live_server.url}/projecten/overzicht/")
    checked(page, found)
    context.close()

    # 4. a working-group member ticks off a task on a phone
    phone = browser.new_context(viewport=PHONE, locale="nl-NL", is_mobile=True, has_touch=True)
    page = phone.new_page()
    log_in(page, live_server.url, "verhuur")
    kompas = Project.objects.get(name="Gemengd wonen Het Kompas")
    task = Task.objects.get(project=kompas, title="Sleutels van de laatste portiek klaarleggen")
    page.goto(f"{live_server.url}/projecten/{kompas.pk}/taken/")
    checked(page, found)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name=f"“{task.title}” afvinken").click()
    checked(page, found)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    task.refresh_from_db()
    assert task.status == Task.Status.DONE and task.done_by is not None and task.done_by.username == "verhuur"
    phone.close()
    assert found == {}
