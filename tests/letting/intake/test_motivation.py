"""Two assessors score independently on the published rubric; a decision needs both and a reason,
and the applicant is mailed only once the decision is committed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from omkijken.letting.intake import services
from omkijken.letting.models import MotivationApplication, Questionnaire
from omkijken.portfolio.models import Complex
from omkijken.residents.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(persona):  # type: ignore[no-untyped-def]
    """A fresh application by zoeker for De Brug, answering the current questionnaire."""
    zoeker = persona("zoeker")
    household = Person.objects.get(user=zoeker).household
    questionnaire = services.current_questionnaire(household.corporation_id)
    assert questionnaire is not None
    answers = {str(q.pk): "Ik organiseer graag een buurtmaaltijd." for q in questionnaire.questions.all()}
    return services.application_submit(
        actor=zoeker,
        household=household,
        complex=Complex.objects.get(name="De Brug"),
        questionnaire=questionnaire,
        answers=answers,
    )


def full_marks(application: MotivationApplication, value: int = 4) -> dict[str, int]:
    return {row["key"]: value for row in application.questionnaire.rubric}


def test_an_applicant_applies_through_the_form_answering_every_question(login, persona) -> None:  # type: ignore[no-untyped-def]
    client = login("zoeker")
    brug = Complex.objects.get(name="De Brug")
    page = client.get(reverse("letting_application_new", args=[brug.pk]))
    form = page.context["form"]
    empty = client.post(reverse("letting_application_new", args=[brug.pk]), {})
    assert empty.status_code == 200 and empty.context["form"].errors
    response = client.post(
        reverse("letting_application_new", args=[brug.pk]), dict.fromkeys(form.fields, "Ja, graag.")
    )
    application = MotivationApplication.objects.get(household__members__user__username="zoeker", complex=brug)
    assert response["Location"] == reverse("letting_application_detail", args=[application.pk])


def test_an_old_questionnaire_version_is_refused(application, persona) -> None:  # type: ignore[no-untyped-def]
    services.questionnaire_create(
        actor=persona("verhuur"),
        title="Goede buren",
        questions=["Wat wilt u doen?"],
        rubric=[{"key": "contact", "label": "Contact", "max": 5}],
        pass_mark=2,
    )
    household = application.household
    application.status = "withdrawn"
    application.save()
    with pytest.raises(ValidationError):
        services.application_submit(
            actor=persona("zoeker"),
            household=household,
            complex=application.complex,
            questionnaire=application.questionnaire,
            answers={},
        )


def test_an_assessor_sees_the_other_score_only_after_scoring(application, login, persona) -> None:  # type: ignore[no-untyped-def]
    # given the building manager of De Brug scored first, with a recognisable comment
    services.application_score(
        actor=persona("beheerder"),
        application=application,
        scores=full_marks(application),
        comment="Sterk verhaal XYZ",
    )
    url = reverse("letting_application_detail", args=[application.pk])
    client = login("projectleider")
    # when the project leader opens it before scoring
    before = client.get(url)
    # then the other score is not there, but the score form is
    assert "Sterk verhaal XYZ" not in before.content.decode()
    assert before.context["score_form"] is not None
    # and after scoring, it is
    client.post(
        reverse("letting_application_score", args=[application.pk]),
        {f"score_{k}": 3 for k in full_marks(application)},
    )
    after = client.get(url).content.decode()
    assert "Sterk verhaal XYZ" in after


def test_nobody_scores_twice(application, persona) -> None:  # type: ignore[no-untyped-def]
    services.application_score(
        actor=persona("verhuur"), application=application, scores=full_marks(application)
    )
    with pytest.raises(ValidationError):
        services.application_score(
            actor=persona("verhuur"), application=application, scores=full_marks(application, 1)
        )
    assert application.scores.count() == 1


def test_scores_must_follow_the_rubric(application, persona) -> None:  # type: ignore[no-untyped-def]
    marks = full_marks(application)
    key = next(iter(marks))
    with pytest.raises(ValidationError):
        services.application_score(
            actor=persona("verhuur"), application=application, scores={**marks, key: 99}
        )
    with pytest.raises(ValidationError):
        services.application_score(actor=persona("verhuur"), application=application, scores={key: 1})


def test_a_building_manager_assesses_only_the_complexes_they_manage(persona) -> None:  # type: ignore[no-untyped-def]
    kompas = MotivationApplication.objects.filter(
        complex__name="Het Kompas", status__in=["submitted", "in_review"]
    ).first()
    assert kompas is not None
    # given Het Kompas is not (or no longer) managed by the building manager
    Complex.objects.get(name="Het Kompas").managers.remove(persona("beheerder"))
    with pytest.raises(PermissionDenied):
        services.application_score(actor=persona("beheerder"), application=kompas, scores=full_marks(kompas))


def test_a_decision_needs_two_scores_from_two_assessors_and_a_reason(application, persona) -> None:  # type: ignore[no-untyped-def]
    officer = persona("verhuur")
    services.application_score(
        actor=persona("beheerder"), application=application, scores=full_marks(application)
    )
    with pytest.raises(ValidationError):
        services.application_decide(actor=officer, application=application, approve=True, reason="Goed")
    services.application_score(actor=officer, application=application, scores=full_marks(application))
    with pytest.raises(ValidationError):
        services.application_decide(actor=officer, application=application, approve=True, reason="  ")
    with pytest.raises(PermissionDenied):
        services.application_decide(
            actor=persona("projectleider"), application=application, approve=True, reason="Goed"
        )
    decided = services.application_decide(
        actor=officer, application=application, approve=True, reason="Goed verhaal."
    )
    assert decided.status == "approved" and decided.decided_by == officer


def test_the_decider_sees_the_average_against_the_pass_mark(application, login, persona) -> None:  # type: ignore[no-untyped-def]
    services.application_score(
        actor=persona("beheerder"), application=application, scores=full_marks(application, 4)
    )
    services.application_score(
        actor=persona("projectleider"), application=application, scores=full_marks(application, 2)
    )
    response = login("verhuur").get(reverse("letting_application_detail", args=[application.pk]))
    scores = response.context["scores"]
    rubric = application.questionnaire.rubric
    assert scores.visible and scores.average == 3 * len(rubric)
    assert scores.pass_mark == application.questionnaire.pass_mark
    assert response.context["decision_form"] is not None


def test_the_applicant_is_mailed_in_dutch_only_after_the_decision_commits(
    application, persona, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    officer = persona("verhuur")
    services.application_score(
        actor=persona("beheerder"), application=application, scores=full_marks(application)
    )
    services.application_score(actor=officer, application=application, scores=full_marks(application))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.application_decide(
            actor=officer, application=application, approve=False, reason="Te weinig tijd."
        )
        # not yet: the transaction has not committed
        assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ilse.zonneveld@example.org"]
    assert "De Brug" in message.subject and "Te weinig tijd." in message.body


def test_interview_and_cooptation_steps_are_recorded(application, persona, login) -> None:  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    services.application_add_step(
        actor=persona("verhuur"),
        application=application,
        kind="interview",
        held_on=today,
        outcome="positive",
        participants="Sanne",
    )
    services.application_add_step(
        actor=persona("beheerder"),
        application=application,
        kind="cooptation",
        held_on=today,
        outcome="neutral",
    )
    with pytest.raises(ValidationError):
        services.application_add_step(
            actor=persona("verhuur"),
            application=application,
            kind="interview",
            held_on=today + dt.timedelta(days=3),
            outcome="positive",
        )
    with pytest.raises(ValidationError):
        services.application_add_step(
            actor=persona("verhuur"),
            application=application,
            kind="interview",
            held_on=today,
            outcome="positive",
            note="Neemt medicatie",
        )
    assert [s.kind for s in application.steps.order_by("pk")] == ["interview", "cooptation"]
    body = login("verhuur").get(reverse("letting_application_detail", args=[application.pk])).content.decode()
    assert "Sanne" in body


def test_the_applicant_sees_the_decision_but_never_the_scores(application, persona, login) -> None:  # type: ignore[no-untyped-def]
    services.application_score(
        actor=persona("beheerder"),
        application=application,
        scores=full_marks(application),
        comment="Geheim ABC",
    )
    response = login("zoeker").get(reverse("letting_application_detail", args=[application.pk]))
    assert response.status_code == 200 and "Geheim ABC" not in response.content.decode()
    other = MotivationApplication.objects.exclude(household=application.household).first()
    assert login("zoeker").get(reverse("letting_application_detail", args=[other.pk])).status_code == 404


def test_a_questionnaire_with_applications_is_never_edited(application) -> None:  # type: ignore[no-untyped-def]
    # there is no edit service at all: a change is a new version with the same title
    assert not hasattr(services, "questionnaire_update")
    assert Questionnaire.objects.filter(pk=application.questionnaire_id, applications__isnull=False).exists()
