"""In Debian's Chromium: the municipality opens the forecast and sees the plot, its text
alternative and its data table, axe-clean (WCAG 2.x A and AA rules); and the taakstelling page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import axe_violations, log_in

pytestmark = [pytest.mark.browser]


def test_the_municipality_opens_the_forecast_and_sees_the_plot_and_its_text(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    # given the municipal officer, logged in
    log_in(page, live_server.url, "gemeente")
    # when they follow the menu to the taakstelling and from there to the forecast
    page.get_by_role("link", name="Taakstelling").first.click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Taakstelling")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Prognose: halen we het?").click()
    page.wait_for_load_state("networkidle")
    # then each target group has a plot with a text alternative and a data table
    plots = page.get_by_role("img")
    assert plots.count() >= 1
    label = plots.first.get_attribute("aria-label") or ""
    assert "verwacht" in label and " van " in label
    assert page.locator(".forecast-text").first.inner_text() == label
    assert page.get_by_role("table").count() >= plots.count()
    assert axe_violations(page) == []
