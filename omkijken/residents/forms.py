"""Forms of the household pages: they parse and explain in the user's language; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.models import Organisation
from omkijken.residents.models import TargetGroup


class TargetGroupStatusForm(forms.Form):
    target_group = forms.ChoiceField(label=_("Target group"), choices=TargetGroup.choices)
    care_partner = forms.ModelChoiceField(
        label=_("Care partner"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER),
        required=False,
    )
    start_date = forms.DateField(label=_("Since"), widget=forms.DateInput(attrs={"type": "date"}))
    consent_reference = forms.CharField(
        label=_("Consent reference"),
        max_length=60,
        required=False,
        help_text=_(
            "Only a reference number. Never write down care content such as a diagnosis or support plan."
        ),
    )


class CareContactForm(forms.Form):
    care_partner = forms.ModelChoiceField(
        label=_("Care partner"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER).order_by("name"),
        required=False,
        empty_label=_("Another organisation (write its name below)"),
    )
    organisation_name = forms.CharField(label=_("Name of the organisation"), max_length=120, required=False)
    contact_name = forms.CharField(label=_("Your contact person"), max_length=120)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    consent = forms.BooleanField(
        label=_("My building manager may see this contact, so he can call them when he is worried about me."),
        required=False,
    )


class BuddySharingForm(forms.Form):
    share = forms.BooleanField(label=_("My building manager may see who my buddy is."), required=False)
