"""Forms of the project pages: they parse and explain in the user's language; services decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.projects.models import Phase


class PhaseChangeForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("New phase"), choices=Phase.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class MixTargetForm(forms.Form):
    target_percent = forms.DecimalField(
        label=_("Target vulnerable share (%)"), max_digits=4, decimal_places=1
    )
    tolerance_points = forms.DecimalField(
        label=_("Tolerance (percentage points)"), max_digits=3, decimal_places=1
    )

    # Range checks live here rather than in min_value/max_value: Django formats those messages
    # with %-placeholders, and these messages contain a literal percent sign.
    def clean_target_percent(self) -> Decimal:
        value: Decimal = self.cleaned_data["target_percent"]
        if not Decimal(0) <= value <= Decimal(100):
            raise forms.ValidationError(_("The target share must lie between 0% and 100%."))
        return value

    def clean_tolerance_points(self) -> Decimal:
        value: Decimal = self.cleaned_data["tolerance_points"]
        if not Decimal(0) <= value <= Decimal(50):
            raise forms.ValidationError(_("The tolerance must lie between 0 and 50 percentage points."))
        return value
