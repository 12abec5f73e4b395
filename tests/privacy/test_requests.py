"""Art. 16 and 17: a person asks on their own page for a correction or erasure, the privacy officer
decides; an erasure stops at a legal hold; every step is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import AccessEvent, Organisation, User
from omkijken.letting.adverts.models import Registration
from omkijken.letting.intake.models import MotivationApplication
from omkijken.letting.objections.models import Objection
from omkijken.privacy import services
from omkijken.privacy.holds import months_after
from omkijken.privacy.models import LegalHold, PrivacyRequest, PrivacyRequestEvent
from omkijken.residents.models import Household, Person
from tests.factories import make_household, make_login, make_registration, persona_person, persona_user

pytestmark = pytest.mark.django_db


def _actions(request: PrivacyRequest) -> list[str]:
    return list(request.events.order_by("pk").values_list("action", flat=True))


def test_a_resident_asks_for_a_correction_and_the_privacy_officer_makes_it(login) -> None:  # type: ignore[no-untyped-def]
    # given the good neighbour's own page
    client = login("buur")
    page = client.get(reverse("privacy_mine"))
    assert page.status_code == 200
    person = persona_person("buur")
    assert person.last_name in page.content.decode()
    # when she asks for her phone number to be corrected
    response = client.post(
        reverse("privacy_mine"), {"kind": "rectification", "field": "phone", "new_value": "0611122233"}
    )
    assert response.status_code == 302
    request = PrivacyRequest.objects.get(person=person)
    # then the request is due within one month, and nothing has changed yet
    assert request.received_on == timezone.localdate()
    assert request.deadline == months_after(timezone.localdate(), 1)
    person.refresh_from_db()
    assert person.phone != "0611122233"
    # when the privacy officer completes it, the phone number is corrected and every step is logged
    officer = login("privacy")
    assert officer.get(reverse("privacy_requests")).content.decode().count(person.household.name) >= 1
    officer.post(reverse("privacy_request_complete", args=[request.pk]))
    person.refresh_from_db()
    request.refresh_from_db()
    assert person.phone == "0611122233"
    assert request.status == PrivacyRequest.Status.COMPLETED
    assert _actions(request) == ["received", "rectified", "completed"]
    assert request.events.get(action="rectified").detail == {"field": "phone"}  # never the value
    # and she reads the outcome on her own page
    assert "Afgerond" in client.get(reverse("privacy_mine")).content.decode()


def test_a_wrong_date_of_birth_is_refused_in_dutch_and_nothing_is_written(login) -> None:  # type: ignore[no-untyped-def]
    client = login("buur")
    response = client.post(
        reverse("privacy_mine"), {"kind": "rectification", "field": "birth_date", "new_value": "23-04-1980"}
    )
    assert response.status_code == 200
    assert "jjjj-mm-dd" in response.content.decode()
    assert not PrivacyRequest.objects.filter(person=persona_person("buur")).exists()


def test_a_resident_cannot_file_a_request_for_another_household() -> None:
    with pytest.raises(PermissionDenied):
        services.privacy_request_create(
            actor=persona_user("buur"), household=persona_person("bewoner").household, kind="access"
        )


def test_the_officer_refuses_only_with_a_reason_the_person_reads(login) -> None:  # type: ignore[no-untyped-def]
    person = persona_person("buur")
    request = services.privacy_request_create(
        actor=persona_user("buur"), household=person.household, kind="erasure"
    )
    officer = login("privacy")
    officer.post(reverse("privacy_request_refuse", args=[request.pk]), {"reason": ""})
    request.refresh_from_db()
    assert request.status == PrivacyRequest.Status.RECEIVED
    officer.post(reverse("privacy_request_refuse", args=[request.pk]), {"reason": "U huurt nog bij ons."})
    request.refresh_from_db()
    assert request.status == PrivacyRequest.Status.REFUSED
    assert "U huurt nog bij ons." in login("buur").get(reverse("privacy_mine")).content.decode()


def test_erasure_stops_at_a_running_lease_and_logs_that_it_did(login) -> None:  # type: ignore[no-untyped-def]
    # given the vulnerable resident, who rents a home, asks for erasure
    household = persona_person("bewoner").household
    request = services.privacy_request_create(
        actor=persona_user("bewoner"), household=household, kind="erasure"
    )
    persons = household.members.count()
    # when the officer tries to erase
    response = login("privacy").post(reverse("privacy_request_erase", args=[request.pk]), follow=True)
    # then nothing is erased, the officer reads why, and the stop is a step of the request
    assert "huurcontract" in response.content.decode()
    assert household.members.count() == persons
    request.refresh_from_db()
    assert request.status == PrivacyRequest.Status.RECEIVED
    assert _actions(request) == ["received", "erasure_held"]


def test_erasure_stops_at_an_open_objection_and_at_a_legal_hold() -> None:
    officer = persona_user("privacy")
    objection = Objection.objects.filter(status=Objection.Status.OPEN).select_related("household").first()
    assert objection is not None
    request = services.privacy_request_create(actor=officer, household=objection.household, kind="erasure")
    reasons = services.privacy_request_erase(actor=officer, request=request)
    assert any("bezwaar" in r or "objection" in r for r in reasons)
    # and a hold the officer sets
    seeker = make_household(
        corporation=officer.organisation, reference="Z-9", name="Huishouden Wis", first_name="Wim"
    )  # type: ignore[arg-type]
    services.legal_hold_set(actor=officer, household=seeker, reason="Verzoek van de rechter")
    held = services.privacy_request_create(actor=officer, household=seeker, kind="erasure")
    assert services.privacy_request_erase(actor=officer, request=held)
    assert Person.objects.filter(household=seeker).exists()


def test_erasure_removes_a_home_seekers_data_keeps_the_access_log_and_counts_what_it_did() -> None:
    # given a home seeker without a lease: a login, a registration, an application, a read in the log
    officer = persona_user("privacy")
    corporation = Organisation.objects.get(pk=officer.organisation.pk)  # type: ignore[union-attr]
    login_ = make_login(username="wis-mij", organisation=corporation, email="wis@example.org")
    seeker = make_household(
        corporation=corporation, reference="Z-1", name="Huishouden De Wis", first_name="Wanda", user=login_
    )
    make_registration(household=seeker, registration_date=dt.date(2025, 1, 1))
    complex_ = MotivationApplication.objects.values_list("complex_id", "questionnaire_id").first()
    assert complex_ is not None
    MotivationApplication.objects.create(
        household=seeker,
        complex_id=complex_[0],
        questionnaire_id=complex_[1],
        answers={"1": "Ik help graag."},
    )
    AccessEvent.objects.create(
        actor=officer,
        actor_role="privacy_officer",
        household=seeker,
        corporation=corporation,
        record="target_group_status",
        view="test",
        purpose="audit",
    )
    request = services.privacy_request_create(actor=login_, household=seeker, kind="erasure")
    # when the officer erases
    assert services.privacy_request_erase(actor=officer, request=request) == []
    # then the persons, registration and application are gone, the name is blanked, the login closed
    seeker = Household.objects.get(pk=seeker.pk)
    assert seeker.name == "—"
    assert not Person.objects.filter(household=seeker).exists()
    assert not Registration.objects.filter(household=seeker).exists()
    assert not MotivationApplication.objects.filter(household=seeker).exists()
    login_.refresh_from_db()
    assert not login_.is_active and login_.email == "" and login_.username == f"gewist-{login_.pk}"
    # and the access log keeps its read; the request records counts, never the data
    assert AccessEvent.objects.filter(household=seeker).count() == 1
    request.refresh_from_db()
    assert request.status == PrivacyRequest.Status.COMPLETED
    erased = request.events.get(action=PrivacyRequestEvent.Action.ERASED).detail
    assert erased["deleted"]["residents.Person"] == 1
    assert erased["deleted"]["letting.Registration"] == 1
    assert erased["kept"]["accounts.AccessEvent"] == 1
    assert "Wanda" not in str(erased)


def test_a_legal_hold_needs_a_reason_and_one_runs_at_a_time(login) -> None:  # type: ignore[no-untyped-def]
    client = login("privacy")
    household = persona_person("buur").household
    response = client.post(reverse("privacy_holds"), {"reference": household.reference, "reason": ""})
    assert response.status_code == 200 and "Zeg waarom" in response.content.decode()
    assert not LegalHold.objects.filter(household=household).exists()
    client.post(reverse("privacy_holds"), {"reference": household.reference, "reason": "Klacht bij de AP"})
    response = client.post(reverse("privacy_holds"), {"reference": household.reference, "reason": "Nog een"})
    assert "al een lopende" in response.content.decode()
    assert LegalHold.objects.filter(household=household).count() == 1


def test_nobody_but_the_privacy_officer_and_admin_handles_requests() -> None:
    household = persona_person("buur").household
    for username in ("verhuur", "beheerder", "zorgpartner", "gemeente", "projectleider"):
        with pytest.raises(PermissionDenied):
            services.privacy_request_create(
                actor=User.objects.get(username=username), household=household, kind="access"
            )


def test_the_officer_registers_a_request_received_by_letter_and_a_wrong_reference_writes_nothing(
    login,
) -> None:  # type: ignore[no-untyped-def]
    client = login("privacy")
    household = persona_person("buur").household
    before = PrivacyRequest.objects.count()
    # given a reference no household of the corporation has
    response = client.post(
        reverse("privacy_requests"),
        {"reference": "BESTAAT-NIET", "received_on": "2026-11-20", "kind": "rectification", "field": "email"},
    )
    # then the form says so in Dutch and nothing is written
    assert response.status_code == 200
    assert "Geen huishouden van je corporatie heeft dit kenmerk." in response.content.decode()
    assert PrivacyRequest.objects.count() == before
    # when the reference is right, the request is registered with a deadline one month on
    response = client.post(
        reverse("privacy_requests"),
        {
            "reference": household.reference,
            "received_on": (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
            "kind": "rectification",
            "field": "email",
            "new_value": "nieuw@example.org",
        },
    )
    request = PrivacyRequest.objects.get(household=household, field="email")
    assert response.status_code == 302 and response["Location"] == reverse(
        "privacy_request_detail", args=[request.pk]
    )
    assert request.deadline == months_after(request.received_on, 1)
    # and the correction is the main tenant's
    assert request.person == household.members.get(is_main_tenant=True)
