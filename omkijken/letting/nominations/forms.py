"""The nomination form: only what letting needs, no free text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from omkijken.letting.nominations.models import ExistingHomeReason, IncomeClass
from omkijken.letting.nominations.services import CONSENT_REFERENCE
from omkijken.letting.widgets import DateInput
from omkijken.residents.forms import target_group_field

NEED_CHOICES = [
    ("LIFT", _("Lift")),
    ("GROUND_FLOOR", _("Ground floor")),
    ("WHEELCHAIR", _("Wheelchair accessible")),
]


class NominationForm(forms.Form):
    """Only what letting needs. Deliberately no free-text field: nothing to put care content in."""

    household = forms.TypedChoiceField(label=_("Client household"), coerce=int)
    target_group = target_group_field()
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

    confirm_existing_home = forms.BooleanField(
        label=_("I know this client already has a home and nominate the client anyway"), required=False
    )
    existing_home_reason = forms.ChoiceField(
        label=_("Reason (only for a client who already has a home)"),
        choices=[("", "—"), *ExistingHomeReason.choices],
        required=False,
    )

    def __init__(
        self, *args: Any, households: list[tuple[int, str]], complexes: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._choice_field("household").choices = [("", "—"), *households]
        choices = [("", "—"), *complexes]
        for name in ("complex_1", "complex_2", "complex_3"):
            self._choice_field(name).choices = choices

    def _choice_field(self, name: str) -> forms.TypedChoiceField:
        field = self.fields[name]
        assert isinstance(field, forms.TypedChoiceField)  # household and complex_1..3 are declared so
        return field

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
        super().clean()
        data = self.cleaned_data
        nominated, until = data.get("nominated_on"), data.get("support_until")
        if nominated and until and until < nominated:
            self.add_error("support_until", _("The support period cannot end before the nomination date."))
        confirmed, reason = data.get("confirm_existing_home"), data.get("existing_home_reason")
        if confirmed and not reason:
            self.add_error(
                "existing_home_reason", _("Choose the reason to nominate a client who already has a home.")
            )
        if not confirmed:
            data["existing_home_reason"] = ""
        return data

    def complexes(self) -> list[int]:
        picked = [self.cleaned_data.get(n) for n in ("complex_1", "complex_2", "complex_3")]
        return list(dict.fromkeys(c for c in picked if c))
