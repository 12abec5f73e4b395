"""The monitoring pages on the demo with its monitoring layer: what each role sees, within 20 queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
PAGES = ["/monitoring/", "/monitoring/leefbaarheid/", "/monitoring/nieuwe-buren/"]


@pytest.mark.parametrize("persona", ["projectleider", "beheerder", "gemeente", "admin"])
def test_monitoring_pages_stay_within_twenty_queries(monitoring_demo, login, persona) -> None:  # type: ignore[no-untyped-def]
    client = login(persona)
    for url in PAGES:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert response.status_code == 200, url
        assert len(ctx.captured_queries) <= 20, (url, len(ctx.captured_queries))


def test_the_indicator_page_shows_the_target_the_mix_chart_and_its_table(monitoring_demo, login) -> None:  # type: ignore[no-untyped-def]
    page = login("projectleider").get("/monitoring/").content.decode()
    assert "30%" in page  # the 3-in-10 target
    assert 'class="line-chart"' in page and "<polyline" in page
    assert "Gegevenstabel" in page
    assert "Wie een vertrekkende" not in page  # no household names or promises leak in here


def test_the_municipality_sees_survey_rounds_and_nieuwe_buren_only_as_aggregates(
    monitoring_demo, login
) -> None:  # type: ignore[no-untyped-def]
    client = login("gemeente")
    nb = client.get("/monitoring/nieuwe-buren/").content.decode()
    assert "Vliethof" in nb
    assert "Elk vertrek in" not in nb  # the list of departures is for the corporation only
    live = client.get("/monitoring/leefbaarheid/").content.decode()
    assert "Bewonersenquête" in live


def test_the_liveability_page_shows_two_closed_rounds_with_results(monitoring_demo, login) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from omkijken.monitoring.selectors import liveability
    from tests.factories import persona_user

    data = liveability(persona_user("projectleider"), year=timezone.localdate().year)
    assert data is not None
    shown = [r for r in data.rounds if r.result.shown]
    assert len({r.round.title for r in shown}) >= 2
    assert all(0 <= (r.result.loneliness or 0) <= 6 for r in shown)
    assert any(y.leefbaarometer for n in data.neighbourhoods for y in n.years)
