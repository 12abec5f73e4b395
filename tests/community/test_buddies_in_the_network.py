"""Buddy matching in the app: proposals from the engine, confirmed by a coordinator, never automatic."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from omkijken.accounts.models import AccessEvent
from omkijken.community import scope
from omkijken.community.buddies import selectors as buddy_selectors
from omkijken.community.buddies import services as buddy_services
from omkijken.community.models import BuddyPair, BuddyRequest, NeighbourProfile

pytestmark = pytest.mark.django_db


def vliethof_tigrinya_seeker() -> BuddyRequest:
    return BuddyRequest.objects.get(languages=["ti"], needs_shared_language=True)


def test_the_engine_proposes_the_tigrinya_speaking_good_neighbour_and_explains_why(
    network, persona, person_of
) -> None:  # type: ignore[no-untyped-def]
    # given a Vliethof resident who needs a buddy speaking Tigrinya, and "buur" who speaks it
    request = vliethof_tigrinya_seeker()
    place = scope.place_of_person(request.person_id)
    # when the building manager opens the buddy round of Vliethof
    found = buddy_selectors.buddy_round(persona("beheerder"), place.complex, view="test")
    # then buur is proposed, with "both speak Tigrinya" as a reason
    rows = [row for row in found.proposals if row.request.pk == request.pk]
    assert len(rows) == 1
    assert rows[0].neighbour == person_of("buur")
    assert "Tigrinya" in rows[0].why
    # and nothing was paired automatically
    assert not BuddyPair.objects.filter(request=request).exists()


def test_reading_buddy_requests_logs_one_access_event_per_household(network, persona) -> None:  # type: ignore[no-untyped-def]
    # given the building manager and the Vliethof buddy requests
    request = vliethof_tigrinya_seeker()
    complex_ = scope.place_of_person(request.person_id).complex
    before = AccessEvent.objects.filter(record="buddy_request").count()
    # when they read the list
    shown = buddy_selectors.buddy_requests_read(persona("beheerder"), complex_id=complex_.pk, view="test")
    # then one event per household shown was written
    households = {r.person.household_id for r in shown}
    assert AccessEvent.objects.filter(record="buddy_request").count() - before == len(households) > 0


def test_residents_and_other_staff_see_no_buddy_requests(network, persona) -> None:  # type: ignore[no-untyped-def]
    for username in ("buur", "bewoner", "verhuur", "gemeente", "projectleider"):
        assert not buddy_selectors.buddy_requests_for(persona(username)).exists(), username


def test_the_care_partner_sees_only_its_own_clients_requests(network, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    seen = list(buddy_selectors.buddy_requests_for(persona("zorgpartner")))
    assert person_of("bewoner").pk in {r.person_id for r in seen}
    assert all(r.person_id != vliethof_tigrinya_seeker().person_id or r.origin for r in seen)


def test_a_coordinator_confirms_a_proposal_and_capacity_is_never_exceeded(
    network, persona, person_of
) -> None:  # type: ignore[no-untyped-def]
    # given buur (capacity 2) and two open requests in Vliethof
    buur = person_of("buur")
    open_requests = list(
        buddy_selectors.buddy_requests_for(
            persona("beheerder"), complex_id=scope.place_of_person(buur.pk).complex.pk
        ).filter(status=BuddyRequest.Status.OPEN)
    )
    assert len(open_requests) >= 2
    NeighbourProfile.objects.filter(person=buur).update(buddy_capacity=1)
    # when the manager confirms buur for the first, then for the second
    pair = buddy_services.buddy_pair_confirm(
        actor=persona("beheerder"), buddy_request=open_requests[0], neighbour_id=buur.pk
    )
    # then the first is paired with the reasons stored, the second is refused: buur is full
    assert pair.status == BuddyPair.Status.ACTIVE and pair.reasons
    with pytest.raises(ValidationError):
        buddy_services.buddy_pair_confirm(
            actor=persona("beheerder"), buddy_request=open_requests[1], neighbour_id=buur.pk
        )
    assert BuddyPair.objects.filter(neighbour=buur, status=BuddyPair.Status.ACTIVE).count() == 1


def test_a_pair_across_complexes_is_refused(network, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    # given the bewoner (De Brug) and buur (Vliethof); the care partner coordinates the bewoner
    request = BuddyRequest.objects.get(person=person_of("bewoner"))
    # when the care partner tries to pair them
    with pytest.raises(ValidationError):
        buddy_services.buddy_pair_confirm(
            actor=persona("zorgpartner"), buddy_request=request, neighbour_id=person_of("buur").pk
        )
    # then nothing was written
    assert not BuddyPair.objects.filter(request=request).exists()


def test_a_declined_neighbour_is_never_proposed_again(network, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    request = vliethof_tigrinya_seeker()
    complex_ = scope.place_of_person(request.person_id).complex
    # when the manager declines the proposal of buur
    buddy_services.buddy_proposal_decline(
        actor=persona("beheerder"), buddy_request=request, neighbour_id=person_of("buur").pk
    )
    # then buur is not proposed again to that resident
    found = buddy_selectors.buddy_round(persona("beheerder"), complex_, view="test")
    assert all(not (r.request.pk == request.pk and r.neighbour == person_of("buur")) for r in found.proposals)


def test_a_building_manager_of_other_complexes_cannot_confirm(network, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    # given a building manager of Woonhaven who does not manage Vliethof
    from omkijken.accounts.models import Membership, Role, User

    other = User.objects.create(username="other-manager")
    Membership.objects.create(
        user=other, organisation=persona("beheerder").organisation, role=Role.BUILDING_MANAGER
    )
    request = vliethof_tigrinya_seeker()
    # when they try to confirm a Vliethof proposal, then they are refused and nothing is written
    with pytest.raises(PermissionDenied):
        buddy_services.buddy_pair_confirm(
            actor=other, buddy_request=request, neighbour_id=person_of("buur").pk
        )
    assert not BuddyPair.objects.filter(request=request).exists()


def test_either_side_can_end_a_pairing(network, persona, person_of, resident_login) -> None:  # type: ignore[no-untyped-def]
    # given a confirmed pair of the Tigrinya seeker and buur
    request = vliethof_tigrinya_seeker()
    pair = buddy_services.buddy_pair_confirm(
        actor=persona("beheerder"), buddy_request=request, neighbour_id=person_of("buur").pk
    )
    # when buur ends it
    buddy_services.buddy_pair_end(actor=persona("buur"), pair=pair)
    # then the pair is ended and the resident's request opens again
    pair.refresh_from_db()
    request.refresh_from_db()
    assert pair.status == BuddyPair.Status.ENDED and request.status == BuddyRequest.Status.OPEN
    # and when the resident withdraws, their request closes
    seeker_login = resident_login(request.person)
    buddy_services.buddy_request_withdraw(actor=seeker_login)
    request.refresh_from_db()
    assert request.status == BuddyRequest.Status.CLOSED


def test_a_care_partner_proposal_needs_the_residents_consent(network, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    # given the bewoner's open request is closed, so a new one may be proposed
    BuddyRequest.objects.filter(person=person_of("bewoner")).update(status=BuddyRequest.Status.CLOSED)
    # when the care partner proposes one without consent
    with pytest.raises(ValidationError):
        buddy_services.buddy_request_propose(
            actor=persona("zorgpartner"), person=person_of("bewoner"), consent_given=False, shares={}
        )
    # then nothing is written; with consent it is
    assert not BuddyRequest.objects.filter(person=person_of("bewoner")).exclude(status="closed").exists()
    made = buddy_services.buddy_request_propose(
        actor=persona("zorgpartner"), person=person_of("bewoner"), consent_given=True, shares={}
    )
    assert made.origin == BuddyRequest.Origin.CARE_PARTNER


def test_a_care_partner_cannot_propose_for_someone_who_is_not_their_client(
    network, persona, person_of
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        buddy_services.buddy_request_propose(
            actor=persona("zorgpartner"), person=person_of("buur"), consent_given=True, shares={}
        )
