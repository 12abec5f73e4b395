"""Date inputs show the date the server sends: an HTML date input takes only yyyy-MM-dd."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from django.conf import settings
from django.utils import translation

from omkijken.residents.forms import TargetGroupStatusForm
from omkijken.web.widgets import DateInput, DateTimeInput, TimeInput


def test_the_target_group_forms_since_date_is_sent_as_an_iso_date_in_dutch() -> None:
    with translation.override("nl"):
        html = str(TargetGroupStatusForm(initial={"start_date": dt.date(2026, 12, 2)})["start_date"])
    assert 'type="date"' in html
    assert 'value="2026-12-02"' in html
    assert "02-12-2026" not in html


def test_the_shared_inputs_render_the_formats_browsers_accept_in_every_language() -> None:
    moment = dt.datetime(2026, 12, 2, 9, 30)  # noqa: DTZ001 - a wall-clock value for a widget
    for language in ("nl", "en"):
        with translation.override(language):
            assert 'value="2026-12-02"' in DateInput().render("d", dt.date(2026, 12, 2))
            assert 'value="2026-12-02T09:30"' in DateTimeInput().render("t", moment)
            assert 'value="09:30"' in TimeInput().render("h", dt.time(9, 30))


def test_no_form_builds_a_date_input_that_would_send_the_language_format() -> None:
    # Django's own DateInput renders "02-12-2026" in Dutch, which a browser's date input drops.
    source = Path(settings.BASE_DIR) / "omkijken"
    offenders = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if path.name != "widgets.py"
        and re.search(r"forms\.(DateInput|DateTimeInput|TimeInput)\(", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
