"""Setting a project up: create it (optionally like De Brug), working groups, agreements, caps,
and the reminders that turn a support period's end and an omklap flip date into tasks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import Organisation
from omkijken.demo.personas import CARE_PARTNER, OTHER_CORPORATION
from omkijken.portfolio.models import Complex, Section
from omkijken.projects.models import CarePartnerAgreement, Phase, Project, WorkingGroup, WorkingGroupMember
from omkijken.projects.setup.services import add_months, schedule_reminders
from omkijken.projects.tasks.models import Task, TaskTemplate
from omkijken.residents.models import Household, Lease, LeaseType

pytestmark = pytest.mark.django_db


def brug() -> Project:
    return Project.objects.get(name="Gemengd wonen De Brug")


def new_project_post(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": "Gemengd wonen De Horizon",
        "description": "Nieuwbouw",
        "complexes": [Complex.objects.get(name="Vliethof").pk],
        "target_percent": "30",
        "tolerance_points": "5",
        "start_date": timezone.localdate().isoformat(),
        "leader": "",
        "like": brug().pk,
    }
    data.update(overrides)
    return data


def test_the_leader_creates_a_project_like_de_brug_with_its_checklists_and_first_tasks(
    login, persona
) -> None:  # type: ignore[no-untyped-def]
    # when the project leader creates a project starting like De Brug
    response = login("projectleider").post(
        reverse("project_new"), new_project_post(leader=persona("projectleider").pk)
    )
    # then it exists in its first phase with three working groups, De Brug's checklists and the
    # initiative phase's tasks
    project = Project.objects.get(name="Gemengd wonen De Horizon")
    assert response.status_code == 302 and response["Location"] == reverse("project_setup", args=[project.pk])
    assert project.phase == Phase.INITIATIVE and project.target_vulnerable_share == Decimal("0.3")
    assert set(project.working_groups.values_list("kind", flat=True)) == set(WorkingGroup.Kind.values)
    source = set(TaskTemplate.objects.filter(project=brug()).values_list("phase", "group_kind", "title"))
    assert (
        set(TaskTemplate.objects.filter(project=project).values_list("phase", "group_kind", "title"))
        == source
    )
    first = {t for p, _g, t in source if p == Phase.INITIATIVE}
    assert set(Task.objects.filter(project=project).values_list("title", flat=True)) == first
    assert "De Brug" in project.phase_changes.get().note


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"start_date": "2020-01-01"}, "De startdatum ligt in het verleden"),
        ({"name": "Gemengd wonen De Brug"}, "al een project met deze naam"),
        ({"complexes": []}, "complexes"),
    ],
)
def test_bad_project_input_gets_a_dutch_message_and_writes_nothing(login, overrides, message) -> None:  # type: ignore[no-untyped-def]
    before = Project.objects.count()
    response = login("projectleider").post(reverse("project_new"), new_project_post(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert message in response.content.decode() or message in form.errors
    assert Project.objects.count() == before


def test_the_service_refuses_a_complex_or_a_leader_of_another_organisation(persona) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from omkijken.projects.setup.services import project_create

    other_complex = Complex.objects.filter(corporation__name=OTHER_CORPORATION).first()
    with pytest.raises(ValidationError) as refused:
        project_create(
            name="X",
            description="",
            complexes=[other_complex],
            target=Decimal("0.3"),
            tolerance=Decimal("0.05"),
            start_date=timezone.localdate(),
            leader=persona("bsmit"),
            like=None,
            actor=persona("projectleider"),
        )
    assert {"complexes", "leader"} <= set(refused.value.error_dict)
    assert not Project.objects.filter(name="X").exists()


def test_the_leader_manages_working_group_members(login, persona) -> None:  # type: ignore[no-untyped-def]
    project = brug()
    group = WorkingGroup.objects.get(project=project, kind="communicatie")
    client = login("projectleider")
    client.post(
        reverse("project_member_add", args=[project.pk]),
        {"group": group.pk, "user": persona("nbenali").pk, "is_chair": "on"},
    )
    membership = WorkingGroupMember.objects.get(group=group, user=persona("nbenali"))
    assert membership.is_chair and group.memberships.filter(is_chair=True).count() == 1
    page = client.get(reverse("project_setup", args=[project.pk])).content.decode()
    assert "Naima Benali" in page
    client.post(reverse("project_member_remove", args=[membership.pk]))
    assert not WorkingGroupMember.objects.filter(pk=membership.pk).exists()


def test_someone_of_another_corporation_cannot_join_a_working_group(persona) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from omkijken.projects.setup.services import working_group_add_member

    group = WorkingGroup.objects.get(project=brug(), kind="beheer")
    with pytest.raises(ValidationError):
        working_group_add_member(
            group=group, user=persona("bsmit"), is_chair=False, actor=persona("projectleider")
        )


def test_the_leader_makes_and_ends_an_agreement_and_sets_a_section_cap(login) -> None:  # type: ignore[no-untyped-def]
    project = Project.objects.get(name="Goede Buren Dreefhoven")
    complex_ = project.complexes.get()
    partner = Organisation.objects.get(name=CARE_PARTNER)
    client = login("projectleider")
    start = timezone.localdate() + dt.timedelta(days=10)
    client.post(
        reverse("project_agreement_add", args=[project.pk]),
        {
            "care_partner": partner.pk,
            "complex": complex_.pk,
            "capacity": 5,
            "room": "0.03",
            "contact_name": "",
            "contact_phone": "",
            "start_date": start.isoformat(),
            "support_months": 24,
        },
    )
    agreement = CarePartnerAgreement.objects.get(project=project, care_partner=partner)
    assert (agreement.capacity, agreement.support_months, agreement.start_date) == (5, 24, start)
    # an end date in the past is refused, a later one is kept
    response = client.post(
        reverse("project_agreement_end", args=[agreement.pk]), {"end_date": "2020-01-01"}, follow=True
    )
    assert "De einddatum ligt" in response.content.decode()
    end = start + dt.timedelta(days=400)
    client.post(reverse("project_agreement_end", args=[agreement.pk]), {"end_date": end.isoformat()})
    agreement.refresh_from_db()
    assert agreement.end_date == end
    # a section cap
    section = Section.objects.filter(complex=complex_).first()
    assert section is not None
    client.post(reverse("project_section_cap", args=[project.pk, section.pk]), {"max_vulnerable": 2})
    section.refresh_from_db()
    assert section.max_vulnerable == 2


def test_the_end_of_a_support_period_and_an_omklap_flip_date_become_tasks_before_they_fall_due() -> None:
    # given an agreement whose support period ends in a month, and an omklap lease flipping in two
    project = brug()
    today = timezone.localdate()
    agreement = CarePartnerAgreement.objects.filter(project=project).first()
    assert agreement is not None
    agreement.start_date = add_months(today, -agreement.support_months + 1)
    agreement.save()
    lease = Lease.objects.filter(unit__complex__in=project.complexes.all(), end_date__isnull=True).first()
    assert lease is not None
    partner = Organisation.objects.get(name=CARE_PARTNER)
    Lease.objects.filter(pk=lease.pk).update(
        lease_type=LeaseType.OMKLAP, care_partner=partner, flip_date=today + dt.timedelta(days=60)
    )
    # when the reminders run (twice: it is safe to run again)
    schedule_reminders(project=project, on=today)
    schedule_reminders(project=project, on=today)
    # then each is one task of the letting group, due on its day
    support = Task.objects.get(project=project, source=Task.Source.SUPPORT_END, source_key=str(agreement.pk))
    omklap = Task.objects.get(project=project, source=Task.Source.OMKLAP, source_key=str(lease.pk))
    assert support.due_date == add_months(agreement.start_date, agreement.support_months)
    assert omklap.due_date == today + dt.timedelta(days=60)
    assert support.group.kind == omklap.group.kind == "verhuur"
    assert Household.objects.filter(pk=lease.household_id).exists()


def test_the_daily_command_makes_the_reminders_once() -> None:
    from io import StringIO

    from django.core.management import call_command

    # given an agreement whose support period ends within the horizon
    today = timezone.localdate()
    agreement = CarePartnerAgreement.objects.filter(project=brug()).first()
    assert agreement is not None
    agreement.start_date = add_months(today, -agreement.support_months + 1)
    agreement.save()
    # when the command runs twice
    out = StringIO()
    call_command("project_reminders", stdout=out)
    call_command("project_reminders", stdout=out)
    # then there is one task for it
    assert Task.objects.filter(source=Task.Source.SUPPORT_END, source_key=str(agreement.pk)).count() == 1
    assert out.getvalue().splitlines()[-1] == "0 reminder task(s) created"
