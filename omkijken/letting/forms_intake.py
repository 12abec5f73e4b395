"""Forms of adverts, the motivation intake and nominations: they parse and explain in the user's
language; the services validate again and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from omkijken.letting.intake import health_terms_in
from omkijken.letting.models import Channel, IncomeClass, IntakeStep, Questionnaire
from omkijken.letting.services.intake import MAX_ANSWER, health_message
from omkijken.letting.services.nominations import CONSENT_REFERENCE
from omkijken.residents.models import TargetGroup


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


# --- adverts -------------------------------------------------------------------------------------


class AdvertForm(forms.Form):
    channels = forms.MultipleChoiceField(
        label=_("Channels"), choices=Channel.choices, widget=forms.CheckboxSelectMultiple
    )
    override_reason = forms.CharField(
        label=_("Reason for choosing other channels than proposed"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    criteria = forms.CharField(
        label=_("Selection criteria (published, in plain Dutch)"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Applicants read exactly this text. Transparent and objective (Wet goed verhuurderschap)."
        ),
    )
    starts_on = forms.DateField(label=_("Open for responses from"), widget=DateInput())
    ends_on = forms.DateField(label=_("Open for responses until"), widget=DateInput())

    def __init__(self, *args: Any, proposed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.proposed = proposed or []

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end of the period must be on or after its start."))
        channels = data.get("channels")
        if channels and set(channels) != set(self.proposed) and not data.get("override_reason", "").strip():
            self.add_error(
                "override_reason",
                _("You chose other channels than proposed: give the reason for the override."),
            )
        return data


class EndLeaseSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a let home by address, postcode or unit code"), required=False, max_length=60
    )


# --- questionnaires ------------------------------------------------------------------------------


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


# --- nominations ---------------------------------------------------------------------------------

NEED_CHOICES = [
    ("LIFT", _("Lift")),
    ("GROUND_FLOOR", _("Ground floor")),
    ("WHEELCHAIR", _("Wheelchair accessible")),
]


class NominationForm(forms.Form):
    """Only what letting needs. Deliberately no free-text field: nothing to put care content in."""

    household = forms.TypedChoiceField(label=_("Client household"), coerce=int)
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    household_size = forms.IntegerField(label=_("Household size"), min_value=1, max_value=12)
    income_class = forms.ChoiceField(label=_("Income class"), choices=IncomeClass.choices)
    pension_age = forms.BooleanField(label=_("Pension age (AOW) reached"), required=False)
    needs = forms.MultipleChoiceField(
        label=_("Needs (home features)"),
        choices=NEED_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    complex_1 = forms.TypedChoiceField(label=_("Acceptable complex: first choice"), coerce=int)
    complex_2 = forms.TypedChoiceField(
        label=_("Second choice (optional)"), coerce=int, required=False, empty_value=None
    )
    complex_3 = forms.TypedChoiceField(
        label=_("Third choice (optional)"), coerce=int, required=False, empty_value=None
    )
    nominated_on = forms.DateField(label=_("Nomination date"), widget=DateInput())
    support_until = forms.DateField(label=_("Support period until"), required=False, widget=DateInput())
    consent_reference = forms.CharField(
        label=_("Consent reference"),
        max_length=60,
        help_text=_(
            "The reference of the consent your organisation holds, e.g. TS-2026-0142. Never its content."
        ),
    )

    def __init__(
        self, *args: Any, households: list[tuple[int, str]], complexes: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [("", "—"), *households]
        choices = [("", "—"), *complexes]
        for name in ("complex_1", "complex_2", "complex_3"):
            self.fields[name].choices = choices

    def clean_consent_reference(self) -> str:
        value = self.cleaned_data["consent_reference"].strip()
        if not CONSENT_REFERENCE.match(value):
            raise ValidationError(
                _(
                    "Give the reference of the consent you hold (3 to 60 letters, digits, . / _ -), not its content."
                )
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        nominated, until = data.get("nominated_on"), data.get("support_until")
        if nominated and until and until < nominated:
            self.add_error("support_until", _("The support period cannot end before the nomination date."))
        return data

    def complexes(self) -> list[int]:
        picked = [self.cleaned_data.get(n) for n in ("complex_1", "complex_2", "complex_3")]
        return list(dict.fromkeys(c for c in picked if c))
