"""Adverts: proposal confirmed or overridden with a reason, Dutch form errors, lifecycle, letting pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from omkijken.letting.adverts import services
from omkijken.letting.models import Advert
from tests.letting.intake.conftest import regular_lease

pytestmark = pytest.mark.django_db


def test_ending_a_lease_makes_a_draft_advert_with_the_proposed_channels(persona) -> None:  # type: ignore[no-untyped-def]
    # given an open-ended lease in Vliethof
    lease = regular_lease("Vliethof")
    # when the officer ends it
    advert = services.on_lease_ended(actor=persona("verhuur"), lease=lease)
    # then the lease has an end date and a draft advert carries the proposal and its reason
    lease.refresh_from_db()
    assert lease.end_date == timezone.localdate()
    assert advert.status == Advert.Status.DRAFT
    assert advert.channels == advert.proposed_channels and advert.proposal_reason
    assert "Huishoudgrootte" in advert.criteria or "Household size" in advert.criteria


def test_other_channels_than_proposed_without_a_reason_are_refused(draft_advert, persona) -> None:  # type: ignore[no-untyped-def]
    other = ["REGULAR"] if draft_advert.proposed_channels != ["REGULAR"] else ["DIRECT"]
    with pytest.raises(ValidationError) as error:
        services.advert_update(
            actor=persona("verhuur"),
            advert=draft_advert,
            channels=other,
            criteria=draft_advert.criteria,
            starts_on=draft_advert.starts_on,
            ends_on=draft_advert.ends_on,
        )
    assert "override_reason" in error.value.error_dict
    draft_advert.refresh_from_db()
    assert draft_advert.channels == draft_advert.proposed_channels


def test_the_form_refuses_an_override_without_reason_and_saves_nothing(draft_advert, login) -> None:  # type: ignore[no-untyped-def]
    other = "REGULAR" if draft_advert.proposed_channels != ["REGULAR"] else "DIRECT"
    response = login("verhuur").post(
        reverse("letting_advert_edit", args=[draft_advert.pk]),
        {
            "channels": [other],
            "criteria": "Nieuwe tekst",
            "starts_on": draft_advert.starts_on.isoformat(),
            "ends_on": draft_advert.ends_on.isoformat(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["override_reason"]
    draft_advert.refresh_from_db()
    assert draft_advert.criteria != "Nieuwe tekst"


def test_an_override_with_a_reason_is_kept(draft_advert, persona) -> None:  # type: ignore[no-untyped-def]
    advert = services.advert_update(
        actor=persona("verhuur"),
        advert=draft_advert,
        channels=["REGULAR", "DIRECT"]
        if draft_advert.proposed_channels != ["DIRECT", "REGULAR"]
        else ["REGULAR"],
        criteria=draft_advert.criteria,
        starts_on=draft_advert.starts_on,
        ends_on=draft_advert.ends_on,
        override_reason="Wachtende urgente kandidaat in het complex.",
    )
    assert advert.override_reason == "Wachtende urgente kandidaat in het complex."


def test_advert_form_errors_are_in_dutch(draft_advert, login) -> None:  # type: ignore[no-untyped-def]
    # when the officer posts the form empty and with a nonsense date
    response = login("verhuur").post(
        reverse("letting_advert_edit", args=[draft_advert.pk]), {"starts_on": "morgen"}
    )
    body = response.content.decode()
    # then the errors are Dutch and tied to their fields
    assert response.status_code == 200
    assert "Dit veld is vereist." in body
    assert "Voer een geldige datum in." in body
    assert 'role="alert"' in body


def test_an_advert_cannot_be_made_for_a_let_home(persona) -> None:  # type: ignore[no-untyped-def]
    lease = regular_lease("Vliethof")
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.advert_create(
            actor=persona("verhuur"),
            unit=lease.unit,
            channels=["REGULAR"],
            criteria="x",
            starts_on=today,
            ends_on=today + dt.timedelta(days=7),
            override_reason="x",
        )


def test_only_the_letting_officer_manages_adverts(draft_advert, persona) -> None:  # type: ignore[no-untyped-def]
    for username in ("projectleider", "beheerder", "zoeker"):
        with pytest.raises(PermissionDenied):
            services.advert_publish(actor=persona(username), advert=draft_advert)


def test_publish_close_and_withdraw_follow_the_lifecycle(draft_advert, persona, login) -> None:  # type: ignore[no-untyped-def]
    officer = persona("verhuur")
    client = login("verhuur")
    client.post(reverse("letting_advert_action", args=[draft_advert.pk, "publish"]))
    draft_advert.refresh_from_db()
    assert draft_advert.status == "published"
    with pytest.raises(ValidationError):
        services.advert_publish(actor=officer, advert=draft_advert)
    client.post(reverse("letting_advert_action", args=[draft_advert.pk, "close"]))
    draft_advert.refresh_from_db()
    assert draft_advert.status == "closed"
    client.post(reverse("letting_advert_action", args=[draft_advert.pk, "withdraw"]))
    draft_advert.refresh_from_db()
    assert draft_advert.status == "withdrawn"


def test_the_letting_home_lists_open_adverts_and_proposes_adverts_for_vacancies(draft_advert, login) -> None:  # type: ignore[no-untyped-def]
    body = login("verhuur").get(reverse("letting_home")).content.decode()
    assert draft_advert.unit.address in body
    assert reverse("letting_advert_detail", args=[draft_advert.pk]) in body


def test_the_letting_officer_can_end_a_lease_from_the_letting_page(login) -> None:  # type: ignore[no-untyped-def]
    lease = regular_lease("Vliethof")
    client = login("verhuur")
    found = client.get(reverse("letting_home"), {"q": lease.unit.code}).content.decode()
    assert reverse("letting_lease_end", args=[lease.pk]) in found
    response = client.post(reverse("letting_lease_end", args=[lease.pk]))
    advert = Advert.objects.get(unit=lease.unit, status="draft")
    assert response["Location"] == reverse("letting_advert_detail", args=[advert.pk])


def test_another_corporations_advert_answers_404(draft_advert, login, django_user_model) -> None:  # type: ignore[no-untyped-def]
    from omkijken.accounts.models import Membership, Organisation, Role

    other = django_user_model.objects.create(username="verhuur-oost")
    Membership.objects.create(
        user=other, organisation=Organisation.objects.get(name="Stadswonen Oost"), role=Role.LETTING_OFFICER
    )
    assert (
        login("verhuur-oost").get(reverse("letting_advert_detail", args=[draft_advert.pk])).status_code == 404
    )
