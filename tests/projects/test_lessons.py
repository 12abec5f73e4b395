"""Evaluations: recorded after a phase and yearly in operation, found across projects, shown when
a project is in the same phase, and shared as a PDF that keeps every letter of a name."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from omkijken.demo.personas import CORPORATION
from omkijken.projects.lessons import selectors, services
from omkijken.projects.lessons.models import Evaluation
from omkijken.projects.lessons.pdf import evaluation_pdf
from omkijken.projects.models import Phase, Project

pytestmark = pytest.mark.django_db


def project_of(complex_name: str) -> Project:
    return Project.objects.get(corporation__name=CORPORATION, complexes__name=complex_name)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_vliethof_has_yearly_evaluations_in_the_demo() -> None:
    yearly = Evaluation.objects.filter(project=project_of("Vliethof"), kind="yearly")
    assert yearly.count() >= 2 and all(e.year for e in yearly)


def test_the_project_leader_records_an_evaluation_and_sees_it(login) -> None:  # type: ignore[no-untyped-def]
    project = project_of("Vliethof")
    client = login("projectleider")
    response = client.post(
        reverse("project_evaluations", args=[project.pk]),
        {
            "kind": "phase",
            "phase": "operation",
            "held_on": "2025-03-01",
            "went_well": "De buurtkamer draait op vrijwilligers.",
            "to_change": "Meer avondactiviteiten.",
            "working_group": "communicatie",
            "topic": "vrijwilligers",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "De buurtkamer draait op vrijwilligers." in response.content.decode()
    assert Evaluation.objects.filter(project=project, topic="vrijwilligers").exists()


def test_bad_evaluations_are_refused_in_dutch_and_nothing_is_written(persona) -> None:  # type: ignore[no-untyped-def]
    leader = persona("projectleider")
    kompas = project_of("Het Kompas")
    before = Evaluation.objects.count()
    common = {"actor": leader, "held_on": dt.date(2025, 1, 1), "went_well": "a", "to_change": "b"}
    # a phase the project has not reached
    with pytest.raises(ValidationError) as reached:
        services.evaluation_record(project=kompas, kind="phase", phase=Phase.HANDOVER, **common)
    assert "Het project heeft deze fase nog niet bereikt." in str(reached.value)
    # a yearly evaluation of a project not in operation
    with pytest.raises(ValidationError):
        services.evaluation_record(project=kompas, kind="yearly", phase=kompas.phase, year=2025, **common)
    # a second yearly evaluation for the same year
    vliethof = project_of("Vliethof")
    taken = Evaluation.objects.filter(project=vliethof, kind="yearly").first()
    assert taken is not None
    with pytest.raises(ValidationError):
        services.evaluation_record(
            project=vliethof, kind="yearly", phase="operation", year=taken.year, **common
        )
    assert Evaluation.objects.count() == before


def test_lessons_for_a_phase_come_from_the_corporations_other_projects() -> None:
    # given Het Kompas at key handover and De Brug's evaluations of that phase
    kompas = project_of("Het Kompas")
    lessons = selectors.lessons_for_phase(kompas, Phase.OPENING)
    # then De Brug's lessons are offered, none of Het Kompas itself or of another corporation
    assert lessons and {e.project.name for e in lessons} == {project_of("De Brug").name}
    assert all(e.phase == Phase.OPENING for e in lessons)


def test_the_project_page_of_evaluations_shows_the_lessons_for_its_phase(login) -> None:  # type: ignore[no-untyped-def]
    kompas = project_of("Het Kompas")
    assert kompas.phase == Phase.OPENING
    text = login("projectleider").get(reverse("project_evaluations", args=[kompas.pk])).content.decode()
    assert "sleuteloverdrachten van zorgklanten" in text


def test_lessons_are_searchable_across_projects(login) -> None:  # type: ignore[no-untyped-def]
    client = login("projectleider")
    text = client.get(reverse("lesson_search"), {"q": "sleuteloverdrachten"}).content.decode()
    assert "sleuteloverdrachten van zorgklanten" in text and "welkomstgesprek" not in text
    by_phase = client.get(reverse("lesson_search"), {"phase": "operation"}).content.decode()
    assert "welkomstgesprek" in by_phase and "sleuteloverdrachten" not in by_phase


@pytest.mark.postgres
def test_the_full_text_search_finds_dutch_word_forms_on_postgresql(persona) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full text search")
    # "sleuteloverdracht" (singular) finds the lesson that says "sleuteloverdrachten"
    found = selectors.search_lessons(persona("projectleider"), query="sleuteloverdracht")
    assert any("sleuteloverdrachten" in e.to_change for e in found)


def test_an_evaluation_pdf_keeps_names_in_any_script(persona) -> None:  # type: ignore[no-untyped-def]
    # given an evaluation recorded by someone with a name outside Windows-1252
    leader = persona("projectleider")
    leader.first_name, leader.last_name = "Aydın", "Wiśniewska"
    leader.save()
    evaluation = services.evaluation_record(
        actor=leader,
        project=project_of("Vliethof"),
        kind="phase",
        phase="operation",
        held_on=dt.date(2025, 2, 1),
        went_well="Samen met عمر van het buurtteam.",
        to_change="Ελένη en Олег vaker uitnodigen.",
    )
    # when it is shared as a PDF
    text = pdf_text(evaluation_pdf(evaluation, language="nl"))
    # then every letter survives
    for word in ("Aydın", "Wiśniewska", "Ελένη", "Олег"):
        assert word in text
    assert "عمر" in text or "رمع" in text  # extraction order of right-to-left text varies
    assert "?" not in text


def test_the_pdf_is_served_to_staff(login) -> None:  # type: ignore[no-untyped-def]
    evaluation = Evaluation.objects.filter(project=project_of("Vliethof")).first()
    assert evaluation is not None
    response = login("projectleider").get(reverse("evaluation_pdf", args=[evaluation.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert evaluation.went_well[:20] in pdf_text(response.content).replace("\n", " ")


def test_a_project_started_like_de_brug_sees_de_brugs_lessons_first(login, persona) -> None:  # type: ignore[no-untyped-def]
    from tests.projects.test_setup import brug, new_project_post

    # given more recent recruitment lessons of another project than the page has room for
    leader = persona("projectleider")
    vliethof = project_of("Vliethof")
    Evaluation.objects.bulk_create(
        Evaluation(
            project=vliethof,
            kind=Evaluation.Kind.PHASE,
            phase=Phase.RECRUITMENT,
            held_on=dt.date(2024, 3, day),
            went_well=f"Recente les {day}",
            to_change="Iets anders",
            created_by=leader,
        )
        for day in range(1, 7)
    )
    # when one project starts like De Brug and another starts from scratch, and both reach recruitment
    client = login("projectleider")
    client.post(reverse("project_new"), new_project_post(name="Gemengd wonen De Horizon"))
    client.post(reverse("project_new"), new_project_post(name="Gemengd wonen Het Veld", like=""))
    like_brug = Project.objects.get(name="Gemengd wonen De Horizon")
    from_scratch = Project.objects.get(name="Gemengd wonen Het Veld")
    Project.objects.filter(pk__in=[like_brug.pk, from_scratch.pk]).update(phase=Phase.RECRUITMENT)
    brug_lesson = Evaluation.objects.get(project=brug(), phase=Phase.RECRUITMENT).to_change
    # then the one like De Brug shows De Brug's recruitment lesson on its evaluations page and its page
    for url in (
        reverse("project_evaluations", args=[like_brug.pk]),
        reverse("project_detail", args=[like_brug.pk]),
    ):
        assert brug_lesson in client.get(url).content.decode()
    # and the other one, with only the newest lessons, does not
    assert (
        brug_lesson not in client.get(reverse("project_evaluations", args=[from_scratch.pk])).content.decode()
    )
