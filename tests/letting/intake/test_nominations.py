"""Nominations: only what letting needs, the care partner sees only its own, every read logged."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import AccessEvent, Organisation
from omkijken.letting.models import Nomination
from omkijken.letting.nominations.forms import NominationForm
from omkijken.letting.nominations.models import ExistingHomeReason
from omkijken.letting.nominations.services import acceptable_complexes, nomination_create, nomination_withdraw
from omkijken.residents.models import CARE_LEASE_TYPES, Lease, TargetGroupStatus
from omkijken.residents.selectors import current_lease_filter, households_for
from tests.factories import clear_access_events

pytestmark = pytest.mark.django_db
CARE_PARTNER = "Stichting Tussenstap"


def free_client(coordinator):  # type: ignore[no-untyped-def]
    open_ = Nomination.objects.filter(status__in=Nomination.OPEN_STATUSES).values("household_id")
    return households_for(coordinator).exclude(pk__in=open_).order_by("pk").first()


def nominate(coordinator, household, **overrides):  # type: ignore[no-untyped-def]
    allowed = list(
        acceptable_complexes(coordinator.organisation, household.corporation_id).values_list("pk", flat=True)
    )
    values = {
        "actor": coordinator,
        "household": household,
        "corporation": Organisation.objects.get(pk=household.corporation_id),
        "target_group": "DAK",
        "household_size": 1,
        "income_class": "passend",
        "complexes": allowed[:2],
        "nominated_on": timezone.localdate(),
        "consent_reference": "TS-2026-9001",
    }
    values.update(overrides)
    return nomination_create(**values)


def test_the_form_has_no_free_text_field() -> None:
    form = NominationForm(households=[], complexes=[])
    free_text = [
        name
        for name, field in form.fields.items()
        if field.widget.__class__.__name__ in ("Textarea",)
        or (field.__class__.__name__ == "CharField" and name != "consent_reference")
    ]
    assert free_text == []
    assert not any(
        f.name in ("note", "notes", "remarks", "comment", "description") for f in Nomination._meta.fields
    )


def test_the_consent_reference_is_a_reference_not_a_text(persona) -> None:  # type: ignore[no-untyped-def]
    coordinator = persona("zorgpartner")
    with pytest.raises(ValidationError) as error:
        nominate(
            coordinator,
            free_client(coordinator),
            consent_reference="Cliënt heeft toestemming gegeven, zie dossier",
        )
    assert "consent_reference" in error.value.error_dict


def test_a_coordinator_nominates_only_its_own_clients(persona) -> None:  # type: ignore[no-untyped-def]
    coordinator = persona("zorgpartner")
    partner_clients = TargetGroupStatus.objects.filter(care_partner__name=CARE_PARTNER).values("household_id")
    stranger = households_for(persona("verhuur")).exclude(pk__in=partner_clients).first()
    with pytest.raises(PermissionDenied):
        nominate(coordinator, stranger)


def test_the_letting_officers_are_mailed_without_the_target_group(
    persona, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    coordinator = persona("zorgpartner")
    household = free_client(coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        nomination = nominate(coordinator, household, target_group="GGZ")
    assert len(mail.outbox) >= 1
    message = mail.outbox[0]
    corporation = Organisation.objects.get(pk=household.corporation_id)
    assert [address for m in mail.outbox for address in m.to] == [corporation.email or "verhuur@example.org"]
    text = message.subject + message.body
    assert "GGZ" not in text and "Mental" not in text and "ggz" not in text.lower()
    assert household.name not in text
    assert str(nomination.pk) in text


def test_the_care_partner_sees_only_its_own_nominations(persona, login) -> None:  # type: ignore[no-untyped-def]
    own = Nomination.objects.filter(nominator__name=CARE_PARTNER).first()
    other = Nomination.objects.exclude(nominator__name=CARE_PARTNER).first()
    assert own is not None and other is not None
    client = login("zorgpartner")
    assert client.get(reverse("letting_nomination_detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("letting_nomination_detail", args=[other.pk])).status_code == 404
    listing = client.get(reverse("letting_nomination_list"))
    assert {n.nominator.name for n in listing.context["nominations"]} == {CARE_PARTNER}


@pytest.mark.parametrize(
    ("persona", "status"),
    [("beheerder", 403), ("gemeente", 403), ("buur", 403), ("bewoner", 403), ("zoeker", 403)],
)
def test_building_manager_residents_and_municipality_never_see_nominations(persona, status, login) -> None:  # type: ignore[no-untyped-def]
    nomination = Nomination.objects.first()
    client = login(persona)
    assert client.get(reverse("letting_nomination_list")).status_code == status
    assert client.get(reverse("letting_nomination_detail", args=[nomination.pk])).status_code == status


def test_each_detail_read_writes_exactly_one_access_event(login) -> None:  # type: ignore[no-untyped-def]
    nomination = Nomination.objects.filter(nominator__name=CARE_PARTNER).first()
    clear_access_events()
    login("verhuur").get(reverse("letting_nomination_detail", args=[nomination.pk]))
    login("zorgpartner").get(reverse("letting_nomination_detail", args=[nomination.pk]))
    events = list(AccessEvent.objects.order_by("pk"))
    assert [(e.actor.username, e.purpose, e.record, e.household_id) for e in events] == [
        ("verhuur", "letting", "nomination", nomination.household_id),
        ("zorgpartner", "care_coordination", "nomination", nomination.household_id),
    ]


def test_the_list_logs_one_event_per_nomination_shown(login) -> None:  # type: ignore[no-untyped-def]
    clear_access_events()
    response = login("verhuur").get(reverse("letting_nomination_list"))
    shown = list(response.context["nominations"])
    assert shown
    assert AccessEvent.objects.count() == len(shown)
    assert sorted(AccessEvent.objects.values_list("household_id", flat=True)) == sorted(
        n.household_id for n in shown
    )


def test_a_404_writes_no_access_event(login) -> None:  # type: ignore[no-untyped-def]
    other = Nomination.objects.exclude(nominator__name=CARE_PARTNER).first()
    clear_access_events()
    login("zorgpartner").get(reverse("letting_nomination_detail", args=[other.pk]))
    assert AccessEvent.objects.count() == 0


def test_the_coordinator_nominates_through_the_form_and_can_withdraw(persona, login) -> None:  # type: ignore[no-untyped-def]
    coordinator = persona("zorgpartner")
    household = free_client(coordinator)
    complex_id = acceptable_complexes(coordinator.organisation, household.corporation_id).first().pk
    client = login("zorgpartner")
    response = client.post(
        reverse("letting_nomination_new"),
        {
            "household": household.pk,
            "target_group": "DAK",
            "household_size": 1,
            "income_class": "passend",
            "complex_1": complex_id,
            "nominated_on": timezone.localdate().isoformat(),
            "consent_reference": "TS-2026-0777",
        },
    )
    nomination = Nomination.objects.get(household=household, status="submitted")
    assert response["Location"] == reverse("letting_nomination_detail", args=[nomination.pk])
    client.post(reverse("letting_nomination_withdraw", args=[nomination.pk]))
    nomination.refresh_from_db()
    assert nomination.status == "withdrawn"
    with pytest.raises(ValidationError):
        nomination_withdraw(actor=coordinator, nomination=nomination)


def test_bad_input_on_the_nomination_form_writes_nothing(login) -> None:  # type: ignore[no-untyped-def]
    before = Nomination.objects.count()
    response = login("zorgpartner").post(reverse("letting_nomination_new"), {"household_size": "0"})
    assert response.status_code == 200 and response.context["form"].errors
    assert Nomination.objects.count() == before


def test_nominating_a_client_who_already_has_a_home_is_a_warning_confirmed_with_a_reason(
    persona, login
) -> None:  # type: ignore[no-untyped-def]
    coordinator = persona("zorgpartner")
    today = timezone.localdate()
    housed = free_client(coordinator)
    # given the client now rents its home itself: its lease in force today is a regular one
    lease = Lease.objects.get(current_lease_filter(today), household=housed)
    lease.lease_type, lease.care_partner, lease.flip_date = "regular", None, None
    lease.save()
    complex_id = acceptable_complexes(coordinator.organisation, housed.corporation_id).first().pk
    client = login("zorgpartner")
    body = {
        "household": housed.pk,
        "target_group": "DAK",
        "household_size": 1,
        "income_class": "passend",
        "complex_1": complex_id,
        "nominated_on": today.isoformat(),
        "consent_reference": "TS-2026-0778",
    }
    # the form warns that the client already has a home, and nothing is sent
    response = client.post(reverse("letting_nomination_new"), body)
    assert response.status_code == 200
    assert "heeft al een woning" in str(response.context["form"].errors)
    assert not Nomination.objects.filter(household=housed, status__in=Nomination.OPEN_STATUSES).exists()
    # ticking the confirmation without a reason is not enough
    response = client.post(reverse("letting_nomination_new"), {**body, "confirm_existing_home": "on"})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Nomination.objects.filter(household=housed, status__in=Nomination.OPEN_STATUSES).exists()
    # with the confirmation and a reason the nomination is sent and keeps the reason
    response = client.post(
        reverse("letting_nomination_new"),
        {**body, "confirm_existing_home": "on", "existing_home_reason": ExistingHomeReason.LEASE_ENDS},
    )
    nomination = Nomination.objects.get(household=housed, status="submitted")
    assert response["Location"] == reverse("letting_nomination_detail", args=[nomination.pk])
    assert nomination.existing_home_reason == ExistingHomeReason.LEASE_ENDS


def test_a_client_in_a_training_home_is_nominated_without_a_warning_and_keeps_no_reason(persona) -> None:  # type: ignore[no-untyped-def]
    coordinator = persona("zorgpartner")
    client = free_client(coordinator)
    # the demo's clients live in training homes under a care (driehoek / omklap) lease
    assert Lease.objects.filter(
        current_lease_filter(timezone.localdate()), household=client, lease_type__in=CARE_LEASE_TYPES
    ).exists()
    nomination = nominate(coordinator, client, existing_home_reason=ExistingHomeReason.UNSUITABLE)
    assert nomination.existing_home_reason == ""
