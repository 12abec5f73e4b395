"""Every form rejects invalid data with a Dutch message and writes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from omkijken.projects.models import PhaseChange, Project
from omkijken.residents.models import Person, TargetGroupStatus

pytestmark = pytest.mark.django_db


def project() -> Project:
    found = Project.objects.filter(complexes__name="De Brug").order_by("pk").first()
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"to_phase": "nonsense", "note": ""}, "Selecteer een geldige keuze"),
        ({"note": "x"}, "Dit veld is vereist"),
        ({"to_phase": "__current__", "note": ""}, "Het project zit al in deze fase"),
        (
            {"to_phase": "initiative", "note": " "},
            "Leg uit waarom het project terug gaat naar een eerdere fase",
        ),
        ({"to_phase": "evaluation", "note": "x" * 301}, "niet meer dan 300 tekens"),
    ],
)
def test_the_phase_form_refuses_bad_input_in_dutch_and_changes_nothing(data, message, login) -> None:  # type: ignore[no-untyped-def]
    # given a project in some phase
    p = project()
    if p.phase == "initiative":
        p.phase = "operation"
        p.save()
    data = {k: (p.phase if v == "__current__" else v) for k, v in data.items()}
    before = (p.phase, PhaseChange.objects.count())
    # when the project leader posts bad input
    response = login("projectleider").post(reverse("project_phase", args=[p.pk]), data)
    # then the page says what is wrong in Dutch and nothing is written
    assert response.status_code == 400
    assert message in response.content.decode()
    p.refresh_from_db()
    assert (p.phase, PhaseChange.objects.count()) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"target_percent": "150", "tolerance_points": "5"},
            "Het streefaandeel moet tussen 0% en 100% liggen",
        ),
        (
            {"target_percent": "-1", "tolerance_points": "5"},
            "Het streefaandeel moet tussen 0% en 100% liggen",
        ),
        (
            {"target_percent": "30", "tolerance_points": "70"},
            "De marge moet tussen 0 en 50 procentpunt liggen",
        ),
        ({"target_percent": "dertig", "tolerance_points": "5"}, "Voer een getal in"),
        ({"tolerance_points": "5"}, "Dit veld is vereist"),
    ],
)
def test_the_mix_target_form_refuses_bad_input_in_dutch_and_changes_nothing(data, message, login) -> None:  # type: ignore[no-untyped-def]
    # given a project with its target
    p = project()
    before = (p.target_vulnerable_share, p.tolerance, PhaseChange.objects.count())
    # when the project leader posts bad input
    response = login("projectleider").post(reverse("project_mix", args=[p.pk]), data)
    # then the message is Dutch and nothing changed
    assert response.status_code == 400
    assert message in response.content.decode()
    p.refresh_from_db()
    assert (p.target_vulnerable_share, p.tolerance, PhaseChange.objects.count()) == before


def test_a_valid_mix_target_is_saved_with_a_history_row(login) -> None:  # type: ignore[no-untyped-def]
    # given a project
    p = project()
    count = PhaseChange.objects.filter(project=p).count()
    # when the project leader sets 35% ± 4
    response = login("projectleider").post(
        reverse("project_mix", args=[p.pk]), {"target_percent": "35", "tolerance_points": "4"}
    )
    # then it is saved and the history says so
    assert response.status_code == 302
    p.refresh_from_db()
    assert str(p.target_vulnerable_share) == "0.350" and str(p.tolerance) == "0.040"
    assert PhaseChange.objects.filter(project=p).count() == count + 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"target_group": "XXX", "start_date": "2026-01-01"}, "Selecteer een geldige keuze"),
        ({"target_group": "DAK", "start_date": "31-31-2026"}, "Voer een geldige datum in"),
        ({"target_group": "DAK"}, "Dit veld is vereist"),
    ],
)
def test_the_target_group_form_refuses_bad_input_in_dutch_and_records_nothing(data, message, login) -> None:  # type: ignore[no-untyped-def]
    # given a regular household
    household = Person.objects.get(user__username="buur").household
    before = TargetGroupStatus.objects.count()
    # when the letting officer posts bad input
    response = login("verhuur", reauthenticated=True).post(
        reverse("household_status", args=[household.pk]), data
    )
    # then Dutch message, nothing recorded
    assert response.status_code == 400
    assert message in response.content.decode()
    assert TargetGroupStatus.objects.count() == before


def test_recording_a_second_open_status_is_refused_by_the_database_rule(login) -> None:  # type: ignore[no-untyped-def]
    # given the vulnerable resident who already has an open status, seen by the letting officer
    household = Person.objects.get(user__username="bewoner").household
    before = TargetGroupStatus.objects.count()
    from omkijken.accounts.models import User
    from omkijken.residents.services import target_group_status_record

    # when a second open status is recorded
    with pytest.raises(Exception) as raised:
        target_group_status_record(
            household=household,
            target_group="STH",
            care_partner=None,
            start_date=household.created_at.date(),
            consent_reference="",
            actor=User.objects.get(username="verhuur"),
        )
    # then it is refused with a clear message and nothing is written
    assert "open" in str(raised.value)
    assert TargetGroupStatus.objects.count() == before


def test_a_wrong_password_is_refused_in_dutch_and_logs_nobody_in(client: Client) -> None:
    # given the login page
    # when someone logs in with a wrong password
    response = client.post(reverse("login"), {"username": "verhuur", "password": "fout-wachtwoord"})
    # then the page explains in Dutch and no session exists
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_login_is_throttled_after_five_failures(client: Client) -> None:
    # given five failed attempts
    for _ in range(5):
        client.post(reverse("login"), {"username": "verhuur", "password": "fout"})
    # when the right password is tried next
    from omkijken.demo.personas import DEMO_PASSWORD

    response = client.post(reverse("login"), {"username": "verhuur", "password": DEMO_PASSWORD})
    # then the account is locked on this device, in Dutch
    assert response.status_code == 429
    assert "Te veel mislukte inlogpogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session
