"""Forms of a location plan: they parse and explain in the user's language; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.projects.locationplan.models import ActionStatus, LocationPlan, PlanPartner

NO_RESIDENTS = _("Write about the neighbourhood and the work, never names or details of residents.")


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owning organisation"), queryset=PlanPartner.objects.none())
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, plan: LocationPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = PlanPartner.objects.filter(plan=plan).select_related("organisation")
        owner.label_from_instance = lambda p: str(p.organisation.name)  # type: ignore[method-assign,assignment]
        owner.error_messages["invalid_choice"] = _("The owning organisation must be a partner in this plan.")


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Progress note"),
        max_length=2000,
        help_text=NO_RESIDENTS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.CharField(
        label=_("Short minutes"),
        max_length=4000,
        help_text=NO_RESIDENTS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
