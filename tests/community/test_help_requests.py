"""Help requests: asked, claimed by one neighbour, closed with a note; the manager sees the ones nobody took."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from omkijken.community import scope
from omkijken.community.help import selectors as help_selectors
from omkijken.community.help import services as help_services
from omkijken.community.help.selectors import UNCLAIMED_AFTER
from omkijken.community.models import HelpRequest
from omkijken.community.signal_keys import unclaimed_help_key
from omkijken.signals.models import Signal

pytestmark = pytest.mark.django_db


def a_vliethof_neighbour(person_of, resident_login):  # type: ignore[no-untyped-def]
    from omkijken.community.models import NeighbourProfile

    profile = (
        NeighbourProfile.objects.filter(is_good_neighbour=True)
        .exclude(person=person_of("buur"))
        .filter(person__in=scope.persons_in_complex(scope.place_of_person(person_of("buur").pk).complex.pk))
        .first()
    )
    return resident_login(profile.person)


def test_a_neighbour_claims_a_request_and_closes_it_with_a_note(
    network, persona, person_of, resident_login
) -> None:  # type: ignore[no-untyped-def]
    # given a neighbour who asks for help with a letter
    asker = a_vliethof_neighbour(person_of, resident_login)
    request = help_services.help_request_create(actor=asker, kind="paperwork", title="Brief van de belasting")
    # when buur claims it and closes it with a note
    help_services.help_request_claim(actor=persona("buur"), help_request=request)
    help_services.help_request_close(
        actor=persona("buur"), help_request=request, note="Samen de brief gelezen."
    )
    # then it is closed, by buur, with the note
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.CLOSED
    assert request.helper == person_of("buur") and request.closing_note == "Samen de brief gelezen."


def test_a_second_claim_gets_a_clear_message_and_changes_nothing(
    network, persona, person_of, resident_login
) -> None:  # type: ignore[no-untyped-def]
    # given a request buur already claimed
    asker = a_vliethof_neighbour(person_of, resident_login)
    request = help_services.help_request_create(actor=asker, kind="company", title="Samen koffie drinken")
    help_services.help_request_claim(actor=persona("buur"), help_request=request)
    # when another neighbour tries to claim it
    other = resident_login(
        scope.persons_in_complex(request.complex_id)
        .exclude(pk__in=[request.requester_id, person_of("buur").pk])
        .filter(user__isnull=True)
        .first()
    )
    with translation.override("nl"), pytest.raises(help_services.AlreadyClaimed) as caught:
        help_services.help_request_claim(actor=other, help_request=request)
    # then they are told someone else took it, and buur is still the helper
    assert caught.value.messages == [
        "Een andere buur heeft deze vraag al opgepakt. Bedankt dat je wilde helpen!"
    ]
    request.refresh_from_db()
    assert request.helper == person_of("buur")


def test_nobody_can_claim_their_own_request(network, persona) -> None:  # type: ignore[no-untyped-def]
    request = help_services.help_request_create(
        actor=persona("buur"), kind="practical", title="Kast in elkaar zetten"
    )
    with pytest.raises(ValidationError):
        help_services.help_request_claim(actor=persona("buur"), help_request=request)
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.OPEN


def test_closing_without_a_note_is_refused(network, persona, person_of, resident_login) -> None:  # type: ignore[no-untyped-def]
    asker = a_vliethof_neighbour(person_of, resident_login)
    request = help_services.help_request_create(actor=asker, kind="transport", title="Naar de huisarts")
    help_services.help_request_claim(actor=persona("buur"), help_request=request)
    with pytest.raises(ValidationError):
        help_services.help_request_close(actor=persona("buur"), help_request=request, note="  ")
    request.refresh_from_db()
    assert request.status == HelpRequest.Status.CLAIMED


def test_the_building_manager_sees_requests_nobody_took_in_time(
    network, persona, person_of, resident_login
) -> None:  # type: ignore[no-untyped-def]
    # given a request asked at a known moment
    asked = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    asker = a_vliethof_neighbour(person_of, resident_login)
    request = help_services.help_request_create(actor=asker, kind="paperwork", title="Formulier", now=asked)
    manager = persona("beheerder")
    # then it is not overdue just before the limit, and overdue just after
    assert request not in help_selectors.unclaimed_help_requests(
        manager, now=asked + UNCLAIMED_AFTER - dt.timedelta(minutes=1)
    )
    assert request in help_selectors.unclaimed_help_requests(manager, now=asked + UNCLAIMED_AFTER)
    # and residents see no such list
    assert not help_selectors.unclaimed_help_requests(persona("buur"), now=asked + UNCLAIMED_AFTER).exists()


def test_the_signals_command_records_each_overdue_request_once(network, capsys) -> None:  # type: ignore[no-untyped-def]
    # given the demo's three-day-old unclaimed letter in Vliethof
    # when the command runs twice
    call_command("community_signals")
    call_command("community_signals")
    # then there is exactly one signal per overdue request
    overdue = help_selectors.overdue_help_requests(now=dt.datetime.now(tz=dt.UTC))
    assert overdue.exists()
    for request in overdue:
        assert (
            Signal.objects.filter(source_key=unclaimed_help_key(request.pk), kind="unclaimed_help").count()
            == 1
        )
    assert "unclaimed" in capsys.readouterr().out
