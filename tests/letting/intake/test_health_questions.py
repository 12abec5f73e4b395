"""The motivation questionnaire refuses questions about health (Wet goed verhuurderschap)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from omkijken.letting.intake.health import health_terms_in
from omkijken.letting.intake.services import questionnaire_create
from omkijken.letting.models import Questionnaire

RUBRIC = [{"key": "contact", "label": "Maakt contact", "max": 5}]


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("Heeft u gezondheidsproblemen?", "gezondheidsproblemen"),
        ("Gebruikt u medicatie?", "medicatie"),
        ("Heeft u ooit een psychische diagnose gehad?", "psychische"),
        ("Bent u onder behandeling bij de GGZ?", "GGZ"),
        ("Heeft u een drugsverslaving gehad?", "drugsverslaving"),
        ("Heeft u een lichamelijke beperking?", "lichamelijke"),
        ("Heeft u een zorgindicatie?", "zorgindicatie"),
        ("Volgt u therapie?", "therapie"),
        ("Heeft u last van depressies?", "depressies"),
        ("Are you ill?", "ill"),
        ("Do you take any medication?", "medication"),
        ("Do you have a history of addiction or mental illness?", "addiction"),
        ("Any DISABILITY we should know about?", "DISABILITY"),
    ],
)
def test_it_finds_the_health_word_in_the_question(question: str, term: str) -> None:
    assert term in health_terms_in(question)


@pytest.mark.parametrize(
    "question",
    [
        "Wat wilt u voor uw buren betekenen?",
        "Welke activiteit zou u willen organiseren?",
        "Will you illustrate how you would welcome a new neighbour?",
        "Hoeveel tijd per maand wilt u besteden aan het complex?",
        "Wat betekent goed buurschap voor u?",
    ],
)
def test_it_accepts_questions_about_being_a_good_neighbour(question: str) -> None:
    assert health_terms_in(question) == []


@pytest.mark.django_db
def test_the_service_refuses_a_health_question_and_names_the_term(persona) -> None:  # type: ignore[no-untyped-def]
    before = Questionnaire.objects.count()
    with pytest.raises(ValidationError) as error:
        questionnaire_create(
            actor=persona("verhuur"),
            title="Buren",
            questions=["Wat wilt u organiseren?", "Heeft u een ziekte?"],
            rubric=RUBRIC,
            pass_mark=3,
        )
    assert "ziekte" in str(error.value)
    assert Questionnaire.objects.count() == before


@pytest.mark.django_db
def test_the_form_refuses_a_health_question_names_the_term_and_saves_nothing(login) -> None:  # type: ignore[no-untyped-def]
    before = Questionnaire.objects.count()
    response = login("verhuur").post(
        reverse("letting_questionnaire_new"),
        {
            "title": "Buren",
            "questions": "Wat wilt u organiseren?\nGebruikt u medicijnen?",
            "rubric": "contact | Maakt contact | 5",
            "pass_mark": "3",
        },
    )
    assert response.status_code == 200
    assert "medicijnen" in " ".join(response.context["form"].errors["questions"])
    assert Questionnaire.objects.count() == before


@pytest.mark.django_db
def test_a_changed_questionnaire_is_a_new_version_and_the_old_one_is_kept(login) -> None:  # type: ignore[no-untyped-def]
    current = Questionnaire.objects.get(corporation__name="Woonhaven", title="Goede buren")
    texts = list(current.questions.values_list("text", flat=True))
    response = login("projectleider").post(
        reverse("letting_questionnaire_new"),
        {
            "title": "Goede buren",
            "questions": "\n".join([*texts, "Wat neemt u mee uit uw vorige buurt?"]),
            "rubric": "\n".join(f"{r['key']} | {r['label']} | {r['max']}" for r in current.rubric),
            "pass_mark": "12",
        },
    )
    assert response.status_code == 302
    new = Questionnaire.objects.get(
        corporation__name="Woonhaven", title="Goede buren", version=current.version + 1
    )
    assert new.questions.count() == len(texts) + 1
    assert list(current.questions.values_list("text", flat=True)) == texts
