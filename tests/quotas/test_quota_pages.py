"""The taakstelling pages: entering, importing, acknowledging; the forecast and its command."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from omkijken.quotas.forecast_model import ComplexTurnover, ForecastInputs, PipelineItem, simulate
from omkijken.quotas.models import Quota, QuotaChange
from omkijken.quotas.selectors import backtest, forecast
from omkijken.residents.demo_history import build_lease_history

pytestmark = pytest.mark.django_db


def test_the_municipality_enters_a_figure_and_the_change_is_kept(login) -> None:  # type: ignore[no-untyped-def]
    # given the municipal officer and Woonhaven's task for any vulnerable household this year
    client = login("gemeente")
    quota = Quota.objects.filter(target_group="*", period="Y").order_by("-year").first()
    assert quota is not None
    # when the figure is changed on the form
    response = client.post(
        reverse("quota_edit"),
        {"corporation": quota.corporation_id, "year": quota.year, "period": "Y", "target_group": "*",
         "required": quota.required + 7},
    )  # fmt: skip
    # then it is saved, with who, old and new in its history, and asks for a new acknowledgement
    assert response.status_code == 302
    quota.refresh_from_db()
    change = quota.changes.filter(source=QuotaChange.Source.FORM).get()
    assert (change.old_required, change.new_required, change.by.username) == (
        quota.required - 7, quota.required, "gemeente"
    )  # fmt: skip
    assert quota.acknowledged_at is None


def test_a_half_year_is_refused_for_other_groups_than_status_holders(login) -> None:  # type: ignore[no-untyped-def]
    client = login("gemeente")
    corporation_id = Quota.objects.values_list("corporation_id", flat=True).first()
    response = client.post(
        reverse("quota_edit"),
        {"corporation": corporation_id, "year": 2031, "period": "H1", "target_group": "DAK", "required": 5},
    )
    assert response.status_code == 200
    assert "halfjaar" in response.content.decode() or "half-year" in response.content.decode()
    assert not Quota.objects.filter(year=2031).exists()


def test_an_import_with_one_bad_row_imports_nothing_and_names_the_rows(login) -> None:  # type: ignore[no-untyped-def]
    # given a file with a good row, an unknown corporation and an unknown target group
    client = login("gemeente")
    text = "corporation,year,period,target_group,required\nWoonhaven,2031,Y,*,90\nNergenswonen,2031,Y,DAK,5\nWoonhaven,2031,Y,XYZ,3\n"
    # when it is imported
    response = client.post(reverse("quota_import"), {"file": SimpleUploadedFile("q.csv", text.encode())})
    # then nothing is written and rows 3 and 4 are named with what is wrong
    body = response.content.decode()
    assert response.status_code == 400
    assert not Quota.objects.filter(year=2031).exists()
    assert "Nergenswonen" in body and "XYZ" in body and ("Regel 3" in body or "Row 3" in body)


def test_a_good_import_writes_every_row_with_its_history(login) -> None:  # type: ignore[no-untyped-def]
    client = login("gemeente")
    text = (
        "corporation;year;period;target_group;required\nWoonhaven;2031;H1;STH;12\nWoonhaven;2031;H2;STH;14\n"
    )
    response = client.post(reverse("quota_import"), {"file": SimpleUploadedFile("q.csv", text.encode())})
    assert response.status_code == 302
    assert sorted(Quota.objects.filter(year=2031).values_list("period", "required")) == [
        ("H1", 12),
        ("H2", 14),
    ]
    assert QuotaChange.objects.filter(quota__year=2031, source="import").count() == 2


def test_the_corporation_acknowledges_a_figure_once(login) -> None:  # type: ignore[no-untyped-def]
    # given the letting officer of Woonhaven and a figure not yet acknowledged
    client = login("verhuur")
    quota = Quota.objects.filter(corporation__name="Woonhaven", acknowledged_at=None).first()
    assert quota is not None
    # when it is acknowledged
    response = client.post(reverse("quota_acknowledge", args=[quota.pk]))
    # then who and when are on it, and the page shows it
    quota.refresh_from_db()
    assert response.status_code == 302 and quota.acknowledged_by.username == "verhuur"
    assert quota.changes.filter(kind="ack").count() == 1
    page = client.get(f"{reverse('quota_overview')}?year={quota.year}").content.decode()
    assert "Verhuur" in page or "verhuur" in page


def test_the_municipality_may_not_acknowledge(login) -> None:  # type: ignore[no-untyped-def]
    client = login("gemeente")
    quota = Quota.objects.first()
    assert quota is not None
    assert client.post(reverse("quota_acknowledge", args=[quota.pk])).status_code == 403


def test_the_same_seed_gives_the_same_forecast_and_another_seed_may_not() -> None:
    inputs = ForecastInputs(
        required=40, realised=20, remaining_months=5, pipeline=[PipelineItem(0.6)] * 8,
        turnover=[ComplexTurnover(300, 0.01, 0.2)],
    )  # fmt: skip
    one, two = simulate(inputs, seed=1), simulate(inputs, seed=1)
    assert one == two
    assert 20 <= one.low <= one.mid <= one.high
    assert one.verdict in {"met", "at_risk", "short"}


def test_the_forecast_page_shows_the_plot_and_its_text_alternative(login) -> None:  # type: ignore[no-untyped-def]
    response = login("gemeente").get(reverse("quota_forecast"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and "<title>" in body and ("verwacht" in body.lower() or "expected" in body.lower())


def test_the_forecast_command_prints_every_figure_per_target_group() -> None:
    # given the demo with its three years of history
    build_lease_history(seed=2026)
    year = timezone.localdate().year
    # when the forecast is asked for as JSON
    out = StringIO()
    call_command("quota", "forecast", "--year", str(year), "--format", "json", "--runs", "500", stdout=out)
    doc = json.loads(out.getvalue())
    # then each group has required, realised, low/mid/high and backlog
    assert doc["groups"]
    for g in doc["groups"]:
        assert {"required", "realised", "backlog", "forecast"} <= g.keys()
        assert g["forecast"]["low"] <= g["forecast"]["mid"] <= g["forecast"]["high"]
        assert g["forecast"]["low"] >= g["realised"]


def test_the_backtest_runs_on_the_demo_and_reports_an_error() -> None:
    # given the demo with its history
    build_lease_history(seed=2026)
    year = timezone.localdate().year - 1
    # when last year is forecast from 1 July with what was known then
    result = backtest(year=year, on=dt.date(year, 7, 1), runs=500)
    out = StringIO()
    call_command("quota", "backtest", "--year", str(year), "--runs", "500", stdout=out)
    # then it reports an error per group and overall
    assert result.rows and result.mean_absolute_error >= 0
    assert "mean absolute error" in out.getvalue()
    again = forecast(None, year=year, on=dt.date(year, 7, 1), runs=500, historical=True)
    assert [g.mid for g in again.groups] == [r.mid for r in result.rows]


def test_the_municipality_sees_no_small_count_in_the_forecast() -> None:
    # given the demo with its history, and the municipal officer
    from tests.factories import persona_user

    build_lease_history(seed=2026)
    gemeente = persona_user("gemeente")
    # when the forecast of this year is made for the municipality
    made = forecast(gemeente, year=timezone.localdate().year, runs=300)
    # then every realised count it shows is 5 or more, and so is every step of the plotted line
    assert made.groups
    for g in made.groups:
        assert g.realised_suppressed or g.realised >= 5
        before = 0
        for _day, n in g.cumulative:
            assert n - before >= 5 or n == before == 0
            before = n
