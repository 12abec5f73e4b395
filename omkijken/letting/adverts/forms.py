"""Forms of adverts: they parse and explain in the user's language; the services validate again and
write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.letting.channels import Channel
from omkijken.letting.widgets import DateInput


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
        super().clean()
        data = self.cleaned_data
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
