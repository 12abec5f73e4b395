"""The calling rota and signals: one record per call, the rota moves on, a call that reached
nobody raises a signal (and does not close the missed-call signal), twice in a row escalates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from omkijken.community import scope
from omkijken.community import services as community_services
from omkijken.community.checkins import services as checkin_services
from omkijken.community.checkins.models import CheckIn
from omkijken.community.checkins.selectors import CHECK_IN_GRACE
from omkijken.community.signal_keys import missed_call_prefix
from omkijken.signals.models import Signal

pytestmark = pytest.mark.django_db

DUE = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def rota(persona, person_of):  # type: ignore[no-untyped-def]
    buur = person_of("buur")
    called = scope.persons_in_complex(scope.place_of_person(buur.pk).complex.pk).exclude(pk=buur.pk).first()
    return checkin_services.check_in_agreement_create(
        actor=persona("beheerder"), resident=called, caller=buur, every_days=7, first_call_at=DUE
    )


def test_a_call_logged_early_is_one_record_and_the_rota_moves_to_the_next_call(persona, person_of) -> None:  # type: ignore[no-untyped-def]
    agreement = rota(persona, person_of)
    # when buur logs the call an hour before it is due
    checkin_services.check_in_log(
        actor=persona("buur"), agreement=agreement, reached=True, due_at=DUE, now=DUE - dt.timedelta(hours=1)
    )
    # then there is one record, and the next call is a week later (not the same appointment)
    agreement.refresh_from_db()
    assert agreement.next_due_at == DUE + dt.timedelta(days=7)
    assert CheckIn.objects.filter(agreement=agreement).count() == 1
    # and pressing the other button on the stale page stores nothing contradictory
    with pytest.raises(ValidationError):
        checkin_services.check_in_log(
            actor=persona("buur"), agreement=agreement, reached=False, due_at=DUE, now=DUE
        )
    assert list(CheckIn.objects.filter(agreement=agreement).values_list("reached", flat=True)) == [True]


def test_not_reached_raises_a_signal_and_keeps_the_missed_call_signal_open(persona, person_of) -> None:  # type: ignore[no-untyped-def]
    agreement = rota(persona, person_of)
    community_services.community_signals_record(now=DUE + CHECK_IN_GRACE)
    missed = Signal.objects.get(source_key__startswith=missed_call_prefix(agreement.pk))
    # when the late call reached nobody
    checkin_services.check_in_log(
        actor=persona("buur"), agreement=agreement, reached=False, now=DUE + dt.timedelta(days=2)
    )
    # then the missed-call signal is still open and a "no contact" signal is raised about the resident
    missed.refresh_from_db()
    assert missed.status == Signal.Status.RECEIVED
    raised = Signal.objects.get(kind="not_reached", person=agreement.resident)
    assert raised.escalated_at is None
    # and the building manager sees both on his signals list
    page = persona("beheerder")
    from omkijken.signals.selectors import open_signals_for

    assert {missed, raised} <= set(open_signals_for(page))


def test_the_second_call_in_a_row_that_reached_nobody_escalates(persona, person_of) -> None:  # type: ignore[no-untyped-def]
    agreement = rota(persona, person_of)
    buur = persona("buur")
    checkin_services.check_in_log(actor=buur, agreement=agreement, reached=False, now=DUE)
    agreement.refresh_from_db()
    checkin_services.check_in_log(
        actor=buur, agreement=agreement, reached=False, now=DUE + dt.timedelta(days=7)
    )
    second = (
        Signal.objects.filter(kind="not_reached", person=agreement.resident).order_by("-created_at").first()
    )
    assert second is not None and second.escalated_at == DUE + dt.timedelta(days=7)
    assert second.escalated_to == persona("projectleider")
    assert second.urgency == Signal.Urgency.HIGH


def test_a_reached_call_closes_the_missed_call_signal(persona, person_of) -> None:  # type: ignore[no-untyped-def]
    agreement = rota(persona, person_of)
    community_services.community_signals_record(now=DUE + CHECK_IN_GRACE)
    checkin_services.check_in_log(
        actor=persona("buur"), agreement=agreement, reached=True, now=DUE + dt.timedelta(days=2)
    )
    missed = Signal.objects.get(source_key__startswith=missed_call_prefix(agreement.pk))
    assert missed.status == Signal.Status.HANDLED
