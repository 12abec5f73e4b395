"""Response times are data; a signal past its response time escalates to the team lead (the
corporation's project leader). Time is frozen by passing ``now``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from omkijken.signals import services
from omkijken.signals.models import Signal, SignalKind

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)


def reported(persona, client_home, code: str = "not_seen") -> Signal:  # type: ignore[no-untyped-def]
    return services.signal_report(
        actor=persona("beheerder"), kind=SignalKind.objects.get(code=code), unit=client_home.unit, now=NOW
    )


def test_a_signal_escalates_to_the_team_lead_exactly_when_its_response_time_has_passed(
    persona, client_home
) -> None:  # type: ignore[no-untyped-def]
    # given a "not seen for days" signal (24 hours)
    signal = reported(persona, client_home)
    # when escalation runs a minute before the response time, nothing happens
    assert services.escalate_overdue(now=NOW + dt.timedelta(hours=24, minutes=-1)) == 0
    # and at the response time the signal goes to the project leader
    assert services.escalate_overdue(now=NOW + dt.timedelta(hours=24)) >= 1
    signal.refresh_from_db()
    assert signal.escalated_at == NOW + dt.timedelta(hours=24)
    assert signal.escalated_to == persona("projectleider")
    # and only once
    assert not Signal.objects.filter(pk=signal.pk).filter(escalated_at__gt=signal.escalated_at).exists()
    services.escalate_overdue(now=NOW + dt.timedelta(hours=48))
    signal.refresh_from_db()
    assert signal.escalated_at == NOW + dt.timedelta(hours=24)


def test_a_handled_signal_does_not_escalate(persona, client_home) -> None:  # type: ignore[no-untyped-def]
    signal = reported(persona, client_home)
    services.signal_handle(actor=persona("beheerder"), signal=signal, now=NOW + dt.timedelta(hours=2))
    services.escalate_overdue(now=NOW + dt.timedelta(days=3))
    signal.refresh_from_db()
    assert signal.escalated_at is None


def test_a_changed_response_time_applies_to_new_signals(persona, client_home) -> None:  # type: ignore[no-untyped-def]
    # given the team lead sets "damage" to 8 hours
    kind = SignalKind.objects.get(code="damage")
    services.kind_set_response_time(actor=persona("projectleider"), kind=kind, hours=8)
    # when a damage signal is reported
    signal = reported(persona, client_home, "damage")
    # then it is due 8 hours later and escalates then
    assert signal.due_at == NOW + dt.timedelta(hours=8)
    services.escalate_overdue(now=NOW + dt.timedelta(hours=8))
    signal.refresh_from_db()
    assert signal.escalated_at is not None


@pytest.mark.parametrize("hours", [0, -5])
def test_a_response_time_that_is_not_positive_is_refused_and_nothing_changes(persona, hours: int) -> None:  # type: ignore[no-untyped-def]
    kind = SignalKind.objects.get(code="damage")
    with pytest.raises(ValidationError) as caught:
        services.kind_set_response_time(actor=persona("projectleider"), kind=kind, hours=hours)
    assert "response_hours" in caught.value.error_dict
    kind.refresh_from_db()
    assert kind.response_hours == 120


def test_the_response_time_page_refuses_zero_with_a_dutch_message(login) -> None:  # type: ignore[no-untyped-def]
    response = login("projectleider").post(
        "/meldingen/soorten/", {"kind": "damage", "response_hours": "0"}, follow=True
    )
    assert "De reactietijd moet minstens 1 uur zijn." in response.content.decode()
    assert SignalKind.objects.get(code="damage").response_hours == 120


def test_a_building_manager_may_not_change_response_times(persona) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        services.kind_set_response_time(
            actor=persona("beheerder"), kind=SignalKind.objects.get(code="damage"), hours=4
        )


def test_the_command_escalates_with_a_given_now(persona, client_home, capsys) -> None:  # type: ignore[no-untyped-def]
    signal = reported(persona, client_home)
    call_command("escalate_signals", "--now", (NOW + dt.timedelta(days=1, hours=1)).isoformat())
    signal.refresh_from_db()
    assert signal.escalated_to == persona("projectleider")
    assert "escalated:" in capsys.readouterr().out
