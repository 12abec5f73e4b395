"""The check-in rota: who calls whom and when; a missed call becomes a signal to the building manager."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from omkijken.community import scope, services
from omkijken.community.checkins import selectors as checkin_selectors
from omkijken.community.checkins import services as checkin_services
from omkijken.community.checkins.selectors import CHECK_IN_GRACE
from omkijken.community.signal_keys import missed_call_prefix
from omkijken.signals.models import Signal

pytestmark = pytest.mark.django_db

DUE = dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC)


def agreement(persona, person_of):  # type: ignore[no-untyped-def]
    buur = person_of("buur")
    called = scope.persons_in_complex(scope.place_of_person(buur.pk).complex.pk).exclude(pk=buur.pk).first()
    return checkin_services.check_in_agreement_create(
        actor=persona("beheerder"), resident=called, caller=buur, every_days=7, first_call_at=DUE
    )


def test_a_call_not_logged_within_the_grace_period_is_a_missed_check_in(network, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    made = agreement(persona, person_of)
    manager = persona("beheerder")
    assert made not in checkin_selectors.missed_check_ins(
        manager, now=DUE + CHECK_IN_GRACE - dt.timedelta(minutes=1)
    )
    assert made in checkin_selectors.missed_check_ins(manager, now=DUE + CHECK_IN_GRACE)
    # and the signal is recorded once, then resolved when the call is logged
    services.community_signals_record(now=DUE + CHECK_IN_GRACE)
    services.community_signals_record(now=DUE + CHECK_IN_GRACE + dt.timedelta(hours=1))
    signals = Signal.objects.filter(source_key__startswith=missed_call_prefix(made.pk))
    assert signals.count() == 1
    checkin_services.check_in_log(
        actor=persona("buur"), agreement=made, reached=True, now=DUE + dt.timedelta(days=2)
    )
    made.refresh_from_db()
    assert made.next_due_at == DUE + dt.timedelta(days=7)
    assert signals.get().status == Signal.Status.HANDLED


def test_only_the_caller_logs_the_call(network, persona, person_of, resident_login) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    made = agreement(persona, person_of)
    called = resident_login(made.resident)
    with pytest.raises((PermissionDenied, Http404)):
        checkin_services.check_in_log(actor=called, agreement=made, reached=True, now=DUE)


def test_an_agreement_across_complexes_is_refused(network, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        checkin_services.check_in_agreement_create(
            actor=persona("beheerder"),
            resident=person_of("bewoner"),
            caller=person_of("buur"),
            every_days=7,
            first_call_at=DUE,
        )
