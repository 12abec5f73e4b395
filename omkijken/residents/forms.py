"""Forms of the household pages: they parse and explain in the user's language; services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.models import Organisation
from omkijken.residents.models import TargetGroup
from omkijken.web.widgets import DateInput


def target_group_field() -> forms.ChoiceField:
    """The target group of a household: special-category data, so nothing is chosen for the user.
    The form opens on an explicit empty choice and refuses to save until one is made."""
    return forms.ChoiceField(
        label=_("Target group"),
        choices=[("", _("— Choose a target group —")), *TargetGroup.choices],
        error_messages={"required": _("Choose the household's target group.")},
    )


class TargetGroupStatusForm(forms.Form):
    target_group = target_group_field()
    care_partner = forms.ModelChoiceField(
        label=_("Care partner"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER),
        required=False,
    )
    start_date = forms.DateField(label=_("Since"), widget=DateInput())
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
