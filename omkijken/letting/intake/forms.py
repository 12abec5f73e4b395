"""Forms of the motivation intake: they parse and explain in the user's language; the services
validate again and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from omkijken.letting.intake.health import health_terms_in
from omkijken.letting.intake.models import IntakeStep, Questionnaire
from omkijken.letting.intake.services import MAX_ANSWER, health_message
from omkijken.letting.widgets import DateInput


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionnaireForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    questions = forms.CharField(
        label=_("Questions, one per line"),
        widget=forms.Textarea(attrs={"rows": 7}),
        help_text=_("Ask about being a good neighbour. Questions about health are refused."),
    )
    rubric = forms.CharField(
        label=_("Scoring rubric, one criterion per line: key | label | maximum"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: contact | Makes contact with neighbours | 5"),
    )
    pass_mark = forms.IntegerField(label=_("Pass mark (average total of the two assessors)"), min_value=0)

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        terms = health_terms_in(title)
        if terms:
            raise ValidationError(health_message(terms))
        return title

    def clean_questions(self) -> list[str]:
        questions = _lines(self.cleaned_data["questions"])
        if not questions:
            raise ValidationError(_("Ask at least one question."))
        terms = [t for q in questions for t in health_terms_in(q)]
        if terms:
            raise ValidationError(health_message(terms))
        for question in questions:
            if len(question) > 400:
                raise ValidationError(_("Keep each question under 400 characters."))
        return questions

    def clean_rubric(self) -> list[dict[str, Any]]:
        rows = []
        for number, line in enumerate(_lines(self.cleaned_data["rubric"]), start=1):
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3 or not parts[2].isdigit():
                raise ValidationError(
                    _("Line %(line)d: write key | label | maximum, e.g. contact | Makes contact | 5.")
                    % {"line": number}
                )
            rows.append({"key": parts[0], "label": parts[1], "max": int(parts[2])})
        if not rows:
            raise ValidationError(_("Give at least one criterion to score on."))
        return rows

    @staticmethod
    def initial_from(questionnaire: Questionnaire) -> dict[str, Any]:
        return {
            "title": questionnaire.title,
            "questions": "\n".join(q.text for q in questionnaire.questions.all()),
            "rubric": "\n".join(f"{r['key']} | {r['label']} | {r['max']}" for r in questionnaire.rubric),
            "pass_mark": questionnaire.pass_mark,
        }


class ApplicationForm(forms.Form):
    """One answer field per question of the questionnaire version answered."""

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questionnaire.questions.all():
            self.fields[f"q{question.pk}"] = forms.CharField(
                label=question.text,
                help_text=question.help_text,
                max_length=MAX_ANSWER,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def answers(self) -> dict[str, str]:
        return {name[1:]: value for name, value in self.cleaned_data.items() if name.startswith("q")}


class ScoreForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, rubric: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        comment = self.fields.pop("comment")
        for row in rubric:
            self.fields[f"score_{row['key']}"] = forms.IntegerField(
                label=_("%(label)s (0 to %(max)d)") % {"label": row["label"], "max": int(row["max"])},
                min_value=0,
                max_value=int(row["max"]),
            )
        self.fields["comment"] = comment
        self.rubric = rubric

    def scores(self) -> dict[str, int]:
        return {row["key"]: self.cleaned_data[f"score_{row['key']}"] for row in self.rubric}


class StepForm(forms.Form):
    kind = forms.ChoiceField(label=_("Step"), choices=IntakeStep.Kind.choices)
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    outcome = forms.ChoiceField(label=_("Outcome"), choices=IntakeStep.Outcome.choices)
    participants = forms.CharField(label=_("Who took part"), required=False, max_length=300)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approve", _("Approve: a good neighbour for this complex")),
            ("reject", _("Do not approve")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (sent to the applicant)"), widget=forms.Textarea(attrs={"rows": 4})
    )
