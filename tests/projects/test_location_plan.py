"""Vliethof's location plan: partners update their own actions, the corporation steers the plan,
and a partner's staff see only the plans their organisation belongs to, never residents."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from omkijken.demo.personas import BUURTTEAM, GGZ_PARTNER, OTHER_CORPORATION
from omkijken.projects.locationplan import selectors, services
from omkijken.projects.locationplan.models import ActionNote, LocationPlan, PlanAction, PlanPartner
from omkijken.residents.models import Person

pytestmark = pytest.mark.django_db


def vliethof_plan() -> LocationPlan:
    return LocationPlan.objects.get(complex__name="Vliethof")


def action_of(organisation: str) -> PlanAction:
    found = PlanAction.objects.filter(plan=vliethof_plan(), owner__organisation__name=organisation).first()
    assert found is not None
    return found


def test_the_buurtteam_worker_updates_her_teams_action_with_a_progress_note(login) -> None:  # type: ignore[no-untyped-def]
    # given an open action of the buurtteam
    action = action_of(BUURTTEAM)
    client = login("buurtteam")
    url = reverse("location_plan_action", args=[action.plan_id, action.pk])
    # when she marks it done with a note
    response = client.post(url, {"status": "done", "note": "Alle nieuwe bewoners bezocht."}, follow=True)
    # then the action is done, the note is recorded with her name, and she sees it
    action.refresh_from_db()
    assert action.status == "done"
    note = ActionNote.objects.get(action=action, text="Alle nieuwe bewoners bezocht.")
    assert note.by is not None and note.by.username == "buurtteam"
    assert "Alle nieuwe bewoners bezocht." in response.content.decode()


def test_a_partner_cannot_update_another_organisations_action(login, persona) -> None:  # type: ignore[no-untyped-def]
    # given the GGZ partner's action
    action = action_of(GGZ_PARTNER)
    # when the buurtteam worker posts an update, or calls the service
    response = login("buurtteam").post(
        reverse("location_plan_action", args=[action.plan_id, action.pk]), {"status": "done", "note": "x"}
    )
    # then it is refused and nothing changes
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.action_update(actor=persona("buurtteam"), action=action, status="done", note="x")
    assert not ActionNote.objects.filter(action=action, text="x").exists()
    # and the page shows no update form to her
    page = login("buurtteam").get(reverse("location_plan_action", args=[action.plan_id, action.pk]))
    assert "Voortgang opslaan" not in page.content.decode()


def test_an_update_without_a_note_is_refused_in_dutch_and_writes_nothing(login) -> None:  # type: ignore[no-untyped-def]
    action = action_of(BUURTTEAM)
    before = action.status
    response = login("buurtteam").post(
        reverse("location_plan_action", args=[action.plan_id, action.pk]), {"status": "done", "note": ""}
    )
    assert response.status_code == 200
    assert "Dit veld is vereist." in response.content.decode()
    action.refresh_from_db()
    assert action.status == before


def test_the_project_leader_adds_an_action_for_a_partner_and_bad_input_is_refused(login, persona) -> None:  # type: ignore[no-untyped-def]
    # given Vliethof's plan and a partner of another plan
    plan = vliethof_plan()
    buurtteam = PlanPartner.objects.get(plan=plan, organisation__name=BUURTTEAM)
    other_plan = LocationPlan.objects.create(
        corporation=plan.corporation,
        name="Ander plan",
        complex=plan.complex,
        created_by=persona("projectleider"),
    )
    foreign = PlanPartner.objects.create(
        plan=other_plan, organisation=buurtteam.organisation, kind="buurtteam", contact_name="X"
    )
    client = login("projectleider")
    url = reverse("location_plan_action_add", args=[plan.pk])
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    # when she adds an action for the buurtteam
    client.post(url, {"title": "Bewonersavond", "owner": buurtteam.pk, "due_date": tomorrow.isoformat()})
    # then it is on the plan
    assert PlanAction.objects.filter(plan=plan, title="Bewonersavond", owner=buurtteam).exists()
    # and a due date in the past, or an owner from another plan, is refused in Dutch, nothing written
    past = client.post(
        url,
        {"title": "Te laat", "owner": buurtteam.pk, "due_date": "2020-01-01"},
        follow=True,
    )
    assert "De einddatum ligt in het verleden." in past.content.decode()
    wrong = client.post(
        url, {"title": "Verkeerd", "owner": foreign.pk, "due_date": tomorrow.isoformat()}, follow=True
    )
    assert "De eigenaar moet een partner in dit plan zijn." in wrong.content.decode()
    assert not PlanAction.objects.filter(title__in=["Te laat", "Verkeerd"]).exists()
    with pytest.raises(ValidationError):
        services.action_create(
            actor=persona("projectleider"), plan=plan, title="Verkeerd", owner=foreign, due_date=tomorrow
        )


def test_partners_cannot_add_actions_or_record_meetings(login) -> None:  # type: ignore[no-untyped-def]
    plan = vliethof_plan()
    client = login("buurtteam")
    assert client.post(reverse("location_plan_meeting_add", args=[plan.pk]), {}).status_code == 403
    assert client.post(reverse("location_plan_action_add", args=[plan.pk]), {}).status_code == 403


def test_the_project_leader_records_a_review_meeting_but_not_one_in_the_future(login) -> None:  # type: ignore[no-untyped-def]
    plan = vliethof_plan()
    client = login("projectleider")
    url = reverse("location_plan_meeting_add", args=[plan.pk])
    today = timezone.localdate()
    client.post(url, {"held_on": today.isoformat(), "minutes": "Kort verslag: bergingen schoon."})
    assert plan.meetings.filter(minutes="Kort verslag: bergingen schoon.").exists()
    future = (today + dt.timedelta(days=3)).isoformat()
    response = client.post(url, {"held_on": future, "minutes": "Later"}, follow=True)
    assert "Leg een overleg vast als het is gehouden." in response.content.decode()
    assert not plan.meetings.filter(minutes="Later").exists()


def test_a_network_partner_sees_only_the_plans_its_organisation_belongs_to(persona) -> None:  # type: ignore[no-untyped-def]
    # given a plan of the other corporation without the buurtteam
    from omkijken.accounts.models import Organisation
    from omkijken.portfolio.models import Complex

    other_org = Organisation.objects.get(name=OTHER_CORPORATION)
    other_complex = Complex.objects.filter(corporation=other_org).first()
    LocationPlan.objects.create(corporation=other_org, name="Elders", complex=other_complex)
    # then the buurtteam worker and the GGZ worker see Vliethof's plan only
    for username in ("buurtteam", "ybulut"):
        assert list(selectors.plans_for(persona(username))) == [vliethof_plan()]
    # and the project leader of the other corporation does not see Vliethof's
    assert vliethof_plan() not in selectors.plans_for(persona("bsmit"))


def test_the_plan_pages_show_no_residents_personal_data(login) -> None:  # type: ignore[no-untyped-def]
    # given the residents of Vliethof
    plan = vliethof_plan()
    residents = Person.objects.filter(household__leases__unit__complex=plan.complex).distinct()
    names = {p.full_name for p in residents}
    client = login("buurtteam")
    pages = [reverse("location_plan_list"), reverse("location_plan_detail", args=[plan.pk])]
    pages += [reverse("location_plan_action", args=[plan.pk, a.pk]) for a in plan.actions.all()]
    pages.append(reverse("home"))
    for url in pages:
        text = client.get(url).content.decode()
        # then no resident's surname, e-mail or phone shows
        assert not [n for n in names if n in text], url
        assert not [p.email for p in residents if p.email and p.email in text], url
