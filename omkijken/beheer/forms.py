"""Input checks of the building manager's pages, with messages in Dutch and English."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omkijken.beheer.models import ContactKind
from omkijken.beheer.services import NOTE_MAX
from omkijken.web.widgets import DateInput


class ContactMomentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    involved = forms.CharField(
        label=_("Who was involved"),
        max_length=200,
        help_text=_("For example: the main tenant and her son."),
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only practical matters. Care content (health, diagnoses, treatment or support plans) "
            "does not belong here."
        ),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["date"].initial = timezone.localdate()


class KeyHandoverCompleteForm(forms.Form):
    keys_handed_over = forms.IntegerField(label=_("Number of keys handed over"), min_value=1, max_value=50)
    meter_electricity = forms.DecimalField(
        label=_("Electricity meter (kWh)"), min_value=Decimal(0), max_digits=9, decimal_places=1
    )
    meter_gas = forms.DecimalField(
        label=_("Gas meter (m³)"),
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=3,
        required=False,
        help_text=_("Leave empty when the home has no gas connection."),
    )
    meter_water = forms.DecimalField(
        label=_("Water meter (m³)"), min_value=Decimal(0), max_digits=9, decimal_places=3
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
