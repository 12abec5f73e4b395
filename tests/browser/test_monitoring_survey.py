"""In Debian's Chromium: a resident answers the survey with the keyboard only, each page checked
with axe-core (WCAG 2.x A and AA rules) for zero violations."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser]


def test_a_resident_answers_the_survey_by_keyboard_and_the_pages_are_axe_clean(  # type: ignore[no-untyped-def]
    demo_world_committed, live_server, page
) -> None:
    from django.utils import timezone

    from omkijken.monitoring.models import SurveyParticipation, SurveyResponse, SurveyRound
    from omkijken.portfolio.models import Complex

    # given an open survey round in Vliethof, where buur lives
    today = timezone.localdate()
    round_ = SurveyRound.objects.create(
        complex=Complex.objects.get(name="Vliethof"),
        title="Bewonersenquête najaar",
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=10),
    )
    log_in(page, live_server.url, "buur")
    page.goto(f"{live_server.url}/monitoring/enquete/")
    assert axe_violations(page) == []
    # when buur follows the link and answers every question with the keyboard
    page.get_by_role("link", name="Bewonersenquête najaar").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    page.locator("#id_emptiness_0").focus()
    # each group: the arrow key moves to (and checks) the next answer, Tab goes to the next group
    for _question in range(9):
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("networkidle")
    # then the thanks is shown, one anonymous response is stored, and buur is recorded as taking part
    assert "zonder je naam bewaard" in page.content()
    assert axe_violations(page) == []
    [answer] = SurveyResponse.objects.filter(round=round_)
    assert (answer.emptiness, answer.trust, answer.neighbours_by_name) == (1, 1, 1)
    assert SurveyParticipation.objects.filter(round=round_, person__user__username="buur").exists()
