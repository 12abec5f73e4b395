"""The portfolio view across projects: overdue and blocked tasks, milestones, mix; filters;
pagination; and a constant number of queries however many projects there are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import Organisation
from omkijken.demo.personas import CORPORATION
from omkijken.portfolio.models import Complex
from omkijken.projects.models import Project, WorkingGroup, WorkingGroupMember
from omkijken.projects.tasks.models import Milestone, Task

pytestmark = pytest.mark.django_db


def test_the_portfolio_shows_overdue_and_blocked_tasks_milestones_and_phases(login) -> None:  # type: ignore[no-untyped-def]
    page = login("projectleider").get(reverse("project_portfolio")).content.decode()
    blocked = Task.objects.filter(status=Task.Status.BLOCKED).first()
    assert blocked is not None and blocked.title in page
    assert "Sleuteluitreiking laatste portiek Het Kompas" in page
    assert "Goede Buren Dreefhoven" in page and "Ontwikkeling" in page
    assert "Buurtgenoten Oosterkade" not in page  # the other corporation's


def test_the_portfolio_filters_by_project_group_and_owner(login, persona) -> None:  # type: ignore[no-untyped-def]
    client = login("projectleider")
    kompas = Project.objects.get(name="Gemengd wonen Het Kompas")
    blocked = Task.objects.get(project=kompas, status=Task.Status.BLOCKED)
    # by group: the blocked management task is not a letting task
    page = client.get(
        reverse("project_portfolio"), {"project": kompas.pk, "group": "verhuur"}
    ).content.decode()
    assert blocked.title not in page
    page = client.get(
        reverse("project_portfolio"), {"project": kompas.pk, "group": "beheer"}
    ).content.decode()
    assert blocked.title in page
    # by owner
    assert blocked.owner is not None
    page = client.get(reverse("project_portfolio"), {"owner": persona("verhuur").pk}).content.decode()
    assert blocked.title not in page
    page = client.get(reverse("project_portfolio"), {"owner": blocked.owner.pk}).content.decode()
    assert blocked.title in page


def grow_projects(times: int) -> None:
    """``times`` more projects of the demo's corporation, each with tasks and a milestone."""
    corp = Organisation.objects.get(name=CORPORATION)
    complexes = list(Complex.objects.filter(corporation=corp)[:2])
    owner = WorkingGroupMember.objects.filter(group__project__corporation=corp).first()
    assert owner is not None
    today = timezone.localdate()
    for i in range(times):
        project = Project.objects.create(
            corporation=corp, name=f"Groei {i}", target_vulnerable_share=Decimal("0.2")
        )
        project.complexes.add(*complexes)
        group = WorkingGroup.objects.create(project=project, kind="beheer")
        for j in range(4):
            Task.objects.create(
                project=project,
                group=group,
                phase="initiative",
                title=f"Taak {i}-{j}",
                owner=owner.user,
                due_date=today - dt.timedelta(days=j + 1),
                status="blocked" if j == 0 else "open",
            )
        Milestone.objects.create(project=project, title=f"Sleutels {i}", on=today + dt.timedelta(days=i + 1))


def count_queries(client) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("project_portfolio"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_portfolio_needs_the_same_few_queries_with_ten_times_the_projects(login) -> None:  # type: ignore[no-untyped-def]
    # given the demo's projects
    client = login("projectleider")
    demo_projects = Project.objects.count()
    before = count_queries(client)
    # when there are ten times as many
    grow_projects(9 * demo_projects)
    after = count_queries(client)
    # then the page needs no more queries, and at most 20; and it pages
    print(f"portfolio queries: {demo_projects} projects {before}, {Project.objects.count()} projects {after}")
    assert after == before <= 20
    page = client.get(reverse("project_portfolio")).content.decode()
    assert "Pagina 1 van" in page
