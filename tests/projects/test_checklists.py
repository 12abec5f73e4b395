"""Phase checklists: templates are data, a new phase makes its tasks, members tick them off."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from omkijken.projects.models import Phase, Project, WorkingGroup
from omkijken.projects.tasks.models import Task, TaskTemplate

pytestmark = pytest.mark.django_db


def kompas() -> Project:
    return Project.objects.get(name="Gemengd wonen Het Kompas")


def test_het_kompas_is_at_key_handover_with_open_overdue_and_blocked_tasks() -> None:
    tasks = Task.objects.filter(project=kompas(), phase=Phase.OPENING)
    today = timezone.localdate()
    assert kompas().phase == Phase.OPENING
    assert tasks.filter(status=Task.Status.BLOCKED).exists()
    assert tasks.filter(status=Task.Status.OPEN, due_date__lt=today).exists()
    assert tasks.filter(status=Task.Status.DONE).exists()


def test_a_new_phase_creates_its_tasks_from_the_checklist(login) -> None:  # type: ignore[no-untyped-def]
    # given Het Kompas at opening, with a checklist for operation
    project = kompas()
    titles = set(
        TaskTemplate.objects.filter(project=project, phase=Phase.OPERATION).values_list("title", flat=True)
    )
    assert titles
    # when the leader moves it to operation
    login("projectleider").post(reverse("project_phase", args=[project.pk]), {"to_phase": Phase.OPERATION})
    # then the operation tasks exist, each owned by its group's chair and due after the phase start
    tasks = Task.objects.filter(project=project, phase=Phase.OPERATION)
    assert set(tasks.values_list("title", flat=True)) == titles
    for task in tasks:
        assert task.status == Task.Status.OPEN
        assert task.owner == task.group.memberships.get(is_chair=True).user
        assert task.due_date > timezone.localdate()


def test_the_leader_edits_a_checklist_on_the_templates_page(login) -> None:  # type: ignore[no-untyped-def]
    project = kompas()
    client = login("projectleider")
    client.post(
        reverse("project_template_add", args=[project.pk]),
        {
            "phase": Phase.EVALUATION,
            "group_kind": "beheer",
            "title": "Schouw na een jaar",
            "due_after_days": 30,
        },
    )
    template = TaskTemplate.objects.get(project=project, title="Schouw na een jaar")
    assert (
        "Schouw na een jaar" in client.get(reverse("project_templates", args=[project.pk])).content.decode()
    )
    client.post(reverse("project_template_delete", args=[template.pk]))
    assert not TaskTemplate.objects.filter(pk=template.pk).exists()


def test_a_working_group_member_completes_a_task_and_who_and_when_are_kept(login, persona) -> None:  # type: ignore[no-untyped-def]
    # given an open task of Het Kompas's letting group, of which verhuur is a member
    task = Task.objects.get(project=kompas(), title="Sleutels van de laatste portiek klaarleggen")
    # when verhuur marks it done
    response = login("verhuur").post(
        reverse("project_task_status", args=[task.pk]), {"status": "done"}, follow=True
    )
    # then it is done, by her, now
    task.refresh_from_db()
    assert task.status == Task.Status.DONE and task.done_by == persona("verhuur")
    assert task.done_at is not None and timezone.now() - task.done_at < dt.timedelta(minutes=1)
    assert "is nu: Klaar" in response.content.decode() or "is nu:" in response.content.decode()


def test_someone_outside_the_working_group_cannot_tick_a_task_off(login) -> None:  # type: ignore[no-untyped-def]
    # given a task of the letting group; beheerder is in Het Kompas's management group only
    task = Task.objects.get(project=kompas(), title="Sleutels van de laatste portiek klaarleggen")
    response = login("beheerder").post(reverse("project_task_status", args=[task.pk]), {"status": "done"})
    assert response.status_code == 403
    task.refresh_from_db()
    assert task.status == Task.Status.OPEN


def _task_post(project: Project, **overrides: object) -> dict[str, object]:
    group = WorkingGroup.objects.get(project=project, kind="verhuur")
    data: dict[str, object] = {
        "group": group.pk,
        "phase": project.phase,
        "title": "Extra taak",
        "owner": "",
        "due_date": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"phase": Phase.INITIATIVE}, "Deze fase is afgesloten"),
        ({"due_date": "2020-01-01"}, "De uiterste datum ligt in het verleden"),
        ({"owner": "bsmit"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_task_input_gets_a_dutch_message_and_writes_nothing(login, persona, overrides, message) -> None:  # type: ignore[no-untyped-def]
    project = kompas()
    if overrides.get("owner"):
        overrides = {**overrides, "owner": persona(str(overrides["owner"])).pk}
    before = Task.objects.count()
    response = login("projectleider").post(
        reverse("project_task_add", args=[project.pk]), _task_post(project, **overrides), follow=True
    )
    assert message in response.content.decode()
    assert Task.objects.count() == before


def test_the_service_refuses_an_owner_from_another_organisation(persona) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from omkijken.projects.tasks.services import task_create

    project = kompas()
    with pytest.raises(ValidationError) as refused:
        task_create(
            project=project,
            group=WorkingGroup.objects.get(project=project, kind="verhuur"),
            phase=project.phase,
            title="Extra",
            owner=persona("bsmit"),
            due_date=timezone.localdate(),
            actor=persona("projectleider"),
        )
    assert "owner" in refused.value.error_dict
