"""The demo's week of signals: open signals of several kinds and ages in Vliethof and De Brug,
exactly one escalated, and the building manager's worklist shows them by urgency and age."""

from __future__ import annotations

import pytest

from omkijken.signals.demo import build_signals_demo
from omkijken.signals.models import Signal
from omkijken.signals.selectors import open_signals_for

pytestmark = pytest.mark.django_db


def test_the_demo_has_open_signals_of_several_kinds_and_one_escalated(persona) -> None:  # type: ignore[no-untyped-def]
    build_signals_demo()
    for name in ("Vliethof", "De Brug"):
        open_here = Signal.objects.filter(complex__name=name).exclude(status="handled")
        assert open_here.values("kind").distinct().count() >= 3, name
    escalated = Signal.objects.filter(escalated_at__isnull=False)
    assert [s.kind_id for s in escalated] == ["aggression"]
    assert escalated.get().escalated_to == persona("projectleider")
    worklist = open_signals_for(persona("beheerder"))
    assert worklist[0].urgency == "high"
    assert {s.complex.name for s in worklist} >= {"Vliethof", "De Brug"}


def test_the_demo_has_a_withdrawn_signal_that_bewoner_asked_to_correct(persona, login) -> None:  # type: ignore[no-untyped-def]
    build_signals_demo()
    signal = Signal.objects.get(source_key="demo:correction:")
    assert signal.withdrawn_at is not None and signal.status == "handled"
    assert signal.corrections.get().outcome == "withdrawn"
    page = login("bewoner").get("/meldingen/mijn/").content.decode()
    assert "de zakken stonden bij een andere woning" in page
    assert "Vuilniszakken op de galerij" not in page
