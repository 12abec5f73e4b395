"""The evaluation form and the lessons search: they parse and explain in the user's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.projects.lessons.models import Evaluation
from omkijken.projects.models import Phase, WorkingGroup
from omkijken.residents.models import TargetGroup
from omkijken.web.widgets import DateInput

ABOUT_THE_WORK = _("About the project and the work, never about residents or anyone's health.")


def _blank(label: Any, choices: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class EvaluationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evaluation.Kind.choices)
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    year = forms.IntegerField(
        label=_("Year (yearly evaluation)"), required=False, min_value=2000, max_value=2100
    )
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    went_well = forms.CharField(
        label=_("What went well"),
        max_length=4000,
        help_text=ABOUT_THE_WORK,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    to_change = forms.CharField(
        label=_("What to change"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    working_group = forms.ChoiceField(
        label=_("Working group"), required=False, choices=_blank("–", list(WorkingGroup.Kind.choices))
    )
    target_group = forms.ChoiceField(
        label=_("Target group"), required=False, choices=_blank("–", list(TargetGroup.choices))
    )
    topic = forms.CharField(label=_("Topic"), required=False, max_length=80)


class LessonSearchForm(forms.Form):
    q = forms.CharField(label=_("Search lessons"), required=False, max_length=100)
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=_blank(_("All phases"), list(Phase.choices))
    )
    working_group = forms.ChoiceField(
        label=_("Working group"),
        required=False,
        choices=_blank(_("All groups"), list(WorkingGroup.Kind.choices)),
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=_blank(_("All target groups"), list(TargetGroup.choices)),
    )
