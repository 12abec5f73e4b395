"""Applicants respond to published adverts of their corporation, in order of preference."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from omkijken.letting.adverts import services
from omkijken.letting.models import Advert, Response
from omkijken.residents.models import Person

pytestmark = pytest.mark.django_db


def household_of(persona):  # type: ignore[no-untyped-def]
    return Person.objects.get(user=persona).household


def test_an_applicant_sees_the_published_advert_and_its_criteria_and_responds(
    published_advert, applicant, login
) -> None:  # type: ignore[no-untyped-def]
    client = login("zoeker")
    listing = client.get(reverse("letting_homes")).content.decode()
    assert published_advert.unit.address in listing
    detail = client.get(reverse("letting_homes_detail", args=[published_advert.pk])).content.decode()
    assert published_advert.criteria.splitlines()[0] in detail
    client.post(reverse("letting_homes_detail", args=[published_advert.pk]))
    assert Response.objects.filter(
        advert=published_advert, household=household_of(applicant), withdrawn=False
    ).exists()


def test_the_officer_sees_the_responder_with_registration_date_but_no_target_group(
    published_advert, applicant, login
) -> None:  # type: ignore[no-untyped-def]
    services.response_create(actor=applicant, advert=published_advert, household=household_of(applicant))
    body = login("verhuur").get(reverse("letting_advert_detail", args=[published_advert.pk])).content.decode()
    registration = household_of(applicant).registration
    assert household_of(applicant).name in body
    assert str(registration.registration_date.year) in body
    assert "Target group" not in body and "Doelgroep" not in body


def test_a_draft_advert_cannot_be_answered_and_is_not_shown(draft_advert, applicant, login) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError):
        services.response_create(actor=applicant, advert=draft_advert, household=household_of(applicant))
    assert login("zoeker").get(reverse("letting_homes_detail", args=[draft_advert.pk])).status_code == 404


def test_a_closed_advert_cannot_be_answered(published_advert, applicant, persona) -> None:  # type: ignore[no-untyped-def]
    services.advert_close(actor=persona("verhuur"), advert=published_advert)
    with pytest.raises(ValidationError):
        services.response_create(actor=applicant, advert=published_advert, household=household_of(applicant))


def test_an_applicant_of_another_corporation_cannot_respond_or_see_it(
    published_advert, make_applicant, login
) -> None:  # type: ignore[no-untyped-def]
    other = make_applicant("oost", corporation="Stadswonen Oost")
    with pytest.raises(ValidationError):
        services.response_create(actor=other, advert=published_advert, household=household_of(other))
    assert login("oost").get(reverse("letting_homes_detail", args=[published_advert.pk])).status_code == 404
    assert published_advert.unit.address not in login("oost").get(reverse("letting_homes")).content.decode()


def test_a_response_needs_an_active_registration(published_advert, make_applicant) -> None:  # type: ignore[no-untyped-def]
    unregistered = make_applicant("nieuw", registered=False)
    with pytest.raises(ValidationError):
        services.response_create(
            actor=unregistered, advert=published_advert, household=household_of(unregistered)
        )


def test_nobody_responds_for_another_household(published_advert, applicant, make_applicant) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import PermissionDenied

    other = make_applicant("ander")
    with pytest.raises(PermissionDenied):
        services.response_create(actor=other, advert=published_advert, household=household_of(applicant))


def test_responses_can_be_reordered_and_withdrawn_while_the_advert_is_open(
    published_advert, make_applicant, persona
) -> None:  # type: ignore[no-untyped-def]
    # given an applicant who responded to two open adverts
    seeker = make_applicant("zoekt")
    household = household_of(seeker)
    second = (
        Advert.objects.filter(
            corporation=published_advert.corporation, status="published", channels__icontains='"REGULAR"'
        )
        .filter(starts_on__lte=timezone.localdate(), ends_on__gte=timezone.localdate())
        .exclude(pk=published_advert.pk)
        .first()
    )
    assert second is not None
    first = services.response_create(actor=seeker, advert=published_advert, household=household)
    other = services.response_create(actor=seeker, advert=second, household=household)
    assert (first.preference, other.preference) == (1, 2)
    # when the second is moved up
    services.response_move(actor=seeker, response=other, up=True)
    # then it is most wanted
    first.refresh_from_db()
    other.refresh_from_db()
    assert (other.preference, first.preference) == (1, 2)
    # and withdrawing it leaves the first as the only one, numbered 1
    services.response_withdraw(actor=seeker, response=other)
    first.refresh_from_db()
    assert first.preference == 1
    # but once the advert closes, the response is fixed
    services.advert_close(actor=persona("verhuur"), advert=published_advert)
    with pytest.raises(ValidationError):
        services.response_withdraw(actor=seeker, response=first)


def test_a_direct_only_advert_takes_no_responses(draft_advert, applicant, persona) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    services.advert_update(
        actor=persona("verhuur"),
        advert=draft_advert,
        channels=["DIRECT"],
        criteria=draft_advert.criteria,
        starts_on=today,
        ends_on=today + dt.timedelta(days=7),
        override_reason="Nominee waiting.",
    )
    services.advert_publish(actor=persona("verhuur"), advert=draft_advert)
    with pytest.raises(ValidationError):
        services.response_create(actor=applicant, advert=draft_advert, household=household_of(applicant))
