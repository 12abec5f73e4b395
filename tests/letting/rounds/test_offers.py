"""The offer lifecycle (VERA), the lease and key handover on acceptance, and the e-mails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from omkijken.letting.models import KeyHandover, Nomination, Offer, OfferEvent
from omkijken.letting.offers import services as offers
from omkijken.letting.rounds.services import round_accept, round_run
from omkijken.residents.models import Lease, TargetGroupStatus

from .conftest import TODAY

pytestmark = pytest.mark.django_db

RESPOND_BY = TODAY + dt.timedelta(days=7)
START = TODAY + dt.timedelta(days=14)


def handover_at() -> dt.datetime:
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=14)


def offer_plain_to_b(world, officer) -> Offer:  # type: ignore[no-untyped-def]
    return offers.offer_make(
        actor=officer,
        unit=world.units["plain"],
        household=world.households["B"],
        respond_by=RESPOND_BY,
        advert=world.adverts["plain"],
    )


def test_an_offer_goes_through_viewing_to_declined_and_every_step_is_recorded(world, officer) -> None:  # type: ignore[no-untyped-def]
    offer = offer_plain_to_b(world, officer)
    offer = offers.offer_plan_viewing(actor=officer, offer=offer, at=timezone.now() + dt.timedelta(days=2))
    offer = offers.offer_decline(actor=officer, offer=offer, reason_code="HUU")
    assert offer.status == Offer.Status.DECLINED and offer.reason_code == "HUU"
    steps = list(
        OfferEvent.objects.filter(offer=offer).values_list("from_status", "to_status", "reason_code")
    )
    assert steps == [("", "offered", ""), ("offered", "viewing", ""), ("viewing", "declined", "HUU")]


def test_a_closed_offer_cannot_move_on_and_the_officer_is_told_why(world, officer) -> None:  # type: ignore[no-untyped-def]
    offer = offer_plain_to_b(world, officer)
    offers.offer_withdraw(actor=officer, offer=offer, reason_code="ONT")
    for act in (
        lambda: offers.offer_decline(actor=officer, offer=offer, reason_code="GEE"),
        lambda: offers.offer_no_response(actor=officer, offer=offer),
        lambda: offers.offer_accept(
            actor=officer, offer=offer, start_date=START, key_handover_at=handover_at()
        ),
    ):
        with pytest.raises(ValidationError) as refused:
            act()
        assert "withdrawn" in refused.value.messages[0] or "ingetrokken" in refused.value.messages[0]
    assert OfferEvent.objects.filter(offer=offer).count() == 2


def test_a_decline_or_withdrawal_needs_a_vera_reason(world, officer) -> None:  # type: ignore[no-untyped-def]
    offer = offer_plain_to_b(world, officer)
    with pytest.raises(ValidationError):
        offers.offer_decline(actor=officer, offer=offer, reason_code="XYZ")
    with pytest.raises(ValidationError):
        offers.offer_withdraw(actor=officer, offer=offer, reason_code="HUU")
    offers.offer_no_response(actor=officer, offer=offer)
    offer.refresh_from_db()
    assert offer.status == Offer.Status.NO_RESPONSE


def test_a_second_offer_for_the_same_home_is_refused(world, officer) -> None:  # type: ignore[no-untyped-def]
    offer_plain_to_b(world, officer)
    with pytest.raises(ValidationError):
        offers.offer_make(
            actor=officer,
            unit=world.units["v2"],
            household=world.households["B"],
            respond_by=RESPOND_BY,
            advert=world.adverts["v2"],
        )  # B already has a live offer
    with pytest.raises(ValidationError):
        offers.offer_make(
            actor=officer,
            unit=world.units["plain"],
            household=world.households["A"],
            respond_by=RESPOND_BY,
            advert=world.adverts["plain"],
        )  # A did not respond; and the home has a live offer


def test_accepting_creates_a_regular_lease_and_a_key_handover_and_mails_after_commit(
    world, officer, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        offer = offer_plain_to_b(world, officer)
    assert len(mail.outbox) == 1 and "b@example.org" in mail.outbox[0].to
    assert RESPOND_BY.strftime("%Y") in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        offer = offers.offer_accept(
            actor=officer, offer=offer, start_date=START, key_handover_at=handover_at()
        )
    # nothing is mailed before the transaction commits
    assert len(mail.outbox) == 1
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 2
    lease = Lease.objects.get(unit=world.units["plain"], household=world.households["B"])
    assert lease.lease_type == "regular" and lease.start_date == START and lease.care_partner is None
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED and offer.lease == lease
    handover = KeyHandover.objects.get(offer=offer)
    assert handover.place == world.units["plain"].address
    assert (
        handover.at.strftime("%H:%M") in mail.outbox[1].body
        or timezone.localtime(handover.at).strftime("%H:%M") in mail.outbox[1].body
    )


def test_a_care_partners_nominee_gets_an_omklap_lease_with_the_partner_first_and_a_flip_date(
    world, officer
) -> None:  # type: ignore[no-untyped-def]
    # given a round over the mixed complex's vacancies (below its floor): the nominee N gets a home
    adverts = [world.adverts[k] for k in ("gone", "v2", "v3")]
    rnd = round_run(actor=officer, adverts=adverts, name="Ronde", on=TODAY)
    allocations = round_accept(actor=officer, round=rnd)
    (allocation,) = [a for a in allocations if a.household == world.households["N"]]
    # when the offer is made and accepted with the defaults
    offer = offers.offer_make(
        actor=officer,
        unit=allocation.unit,
        household=allocation.household,
        respond_by=RESPOND_BY,
        allocation=allocation,
    )
    offers.offer_accept(actor=officer, offer=offer, start_date=START, key_handover_at=handover_at())
    # then the lease is an omklap lease with the nominating partner, flipping after the support period
    lease = Lease.objects.get(unit=allocation.unit, household=allocation.household)
    nomination = world.nomination
    assert lease.lease_type == "omklap" and lease.care_partner == world.partner
    assert lease.flip_date == START + (nomination.support_until - nomination.nominated_on)
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.HOUSED
    assert TargetGroupStatus.objects.filter(household=allocation.household, end_date__isnull=True).exists()
    # and the key handover is with the complex's building manager
    assert KeyHandover.objects.get(offer=offer).with_user.username == "beheerder"


def test_accepting_closes_the_households_other_live_offers(world, officer) -> None:  # type: ignore[no-untyped-def]
    # given A holds a live offer for v2 and (by hand) accepts it
    offer = offers.offer_make(
        actor=officer,
        unit=world.units["v2"],
        household=world.households["A"],
        respond_by=RESPOND_BY,
        advert=world.adverts["v2"],
    )
    offers.offer_accept(
        actor=officer, offer=offer, start_date=START, key_handover_at=handover_at(), lease_type="regular"
    )
    # then A cannot get a second home while the lease is open
    with pytest.raises(ValidationError):
        other = offers.offer_make(
            actor=officer,
            unit=world.units["gone"],
            household=world.households["A"],
            respond_by=RESPOND_BY,
            advert=world.adverts["gone"],
        )
        offers.offer_accept(actor=officer, offer=other, start_date=START, key_handover_at=handover_at())


def test_the_offer_pages_let_the_officer_act_and_the_building_manager_see_handovers(
    world, officer, login
) -> None:  # type: ignore[no-untyped-def]
    offer = offer_plain_to_b(world, officer)
    client = login("verhuur")
    assert client.get(reverse("letting_offer_list")).status_code == 200
    assert client.get(reverse("letting_offer_detail", args=[offer.pk])).status_code == 200
    # a bad form answers 400 and changes nothing
    response = client.post(reverse("letting_offer_action", args=[offer.pk, "decline"]), {"reason_code": "??"})
    assert response.status_code == 400
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OFFERED
    when = timezone.localtime(handover_at())
    response = client.post(
        reverse("letting_offer_action", args=[offer.pk, "accept"]),
        {
            "start_date": START.isoformat(),
            "key_handover_at": when.strftime("%Y-%m-%dT%H:%M"),
            "lease_type": "regular",
        },
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    # the plain complex is not managed by 'beheerder': not in their list; in the officer's it is
    assert world.units["plain"].address in client.get(reverse("letting_key_handovers")).content.decode()
    manager_page = login("beheerder").get(reverse("letting_key_handovers")).content.decode()
    assert (
        world.units["plain"].address not in manager_page
        or world.plain.managers.filter(username="beheerder").exists()
    )
    # and staff without letting rights cannot act
    assert login("beheerder").get(reverse("letting_offer_detail", args=[offer.pk])).status_code == 403


def test_a_tenant_who_moves_on_has_the_old_lease_ended_the_day_before_and_the_old_home_is_proposed_for_letting(
    world, officer
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.letting.models import Advert

    # given household B still rents the vacancy "v2" of the mixed complex (it moves on)
    old_home = world.units["v2"]
    Advert.objects.filter(unit=old_home).update(status=Advert.Status.WITHDRAWN)
    old = Lease.objects.create(
        unit=old_home,
        household=world.households["B"],
        start_date=TODAY - dt.timedelta(days=400),
        net_rent=old_home.net_rent,
    )
    offer = offer_plain_to_b(world, officer)
    # when B accepts the offer of the plain home
    offers.offer_accept(actor=officer, offer=offer, start_date=START, key_handover_at=handover_at())
    # then the old lease ends the day before the new one starts
    old.refresh_from_db()
    assert old.end_date == START - dt.timedelta(days=1)
    assert (
        Lease.objects.get(household=world.households["B"], end_date__isnull=True).unit == world.units["plain"]
    )
    # and the vacated home has a draft advert with the channel proposed from the project's mix
    draft = Advert.objects.get(unit=old_home, status=Advert.Status.DRAFT)
    assert draft.channels and draft.proposal_reason


def test_a_move_cannot_start_before_the_current_lease_did(world, officer) -> None:  # type: ignore[no-untyped-def]
    old_home = world.units["v2"]
    Lease.objects.create(
        unit=old_home, household=world.households["B"], start_date=START + dt.timedelta(days=30), net_rent=1
    )
    offer = offer_plain_to_b(world, officer)
    with pytest.raises(ValidationError) as refused:
        offers.offer_accept(actor=officer, offer=offer, start_date=START, key_handover_at=handover_at())
    assert "start_date" in refused.value.message_dict
    assert not Lease.objects.filter(unit=world.units["plain"]).exists()


def test_a_key_handover_before_the_lease_starts_is_a_warning_the_officer_confirms_with_a_reason(
    world, officer, login
) -> None:  # type: ignore[no-untyped-def]
    offer = offer_plain_to_b(world, officer)
    client = login(officer.username)
    url = reverse("letting_offer_action", args=[offer.pk, "accept"])
    early = timezone.localtime(handover_at()) - dt.timedelta(days=3)  # three days before START
    body = {
        "start_date": START.isoformat(),
        "key_handover_at": early.strftime("%Y-%m-%dT%H:%M"),
        "lease_type": "regular",
    }
    # given a key handover three days before the lease starts, the form warns and nothing happens
    response = client.post(url, body)
    assert response.status_code == 400
    assert "vóór de ingangsdatum van het huurcontract" in response.content.decode()
    offer.refresh_from_db()
    assert (
        offer.status == Offer.Status.OFFERED and not Lease.objects.filter(unit=world.units["plain"]).exists()
    )
    # ticking the confirmation without a reason is not enough
    assert client.post(url, {**body, "confirm_warning": "on"}).status_code == 400
    # with the confirmation and a reason the acceptance goes through, and the reason is recorded
    reason = "De huurder mag eerder schilderen; afgesproken met de beheerder."
    response = client.post(url, {**body, "confirm_warning": "on", "warning_reason": reason})
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.status == Offer.Status.ACCEPTED
    event = OfferEvent.objects.get(offer=offer, to_status="accepted")
    assert event.warning_reason == reason and event.by == officer
    assert KeyHandover.objects.get(offer=offer).at.date() < START


def test_the_service_refuses_an_early_key_handover_without_a_reason(world, officer) -> None:  # type: ignore[no-untyped-def]
    offer = offer_plain_to_b(world, officer)
    with pytest.raises(ValidationError) as refused:
        offers.offer_accept(
            actor=officer,
            offer=offer,
            start_date=START,
            key_handover_at=handover_at() - dt.timedelta(days=3),
        )
    assert "key_handover_at" in refused.value.message_dict
    offer.refresh_from_db()
    assert offer.status == Offer.Status.OFFERED
