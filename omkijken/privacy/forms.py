"""Input of the privacy room, with messages in Dutch and English."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omkijken.privacy.models import PrivacyRequest
from omkijken.web.widgets import DateInput


class OwnRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=[("", _("— choose —")), *PrivacyRequest.Kind.choices],
        error_messages={"required": _("Choose what you ask for.")},
    )
    field = forms.ChoiceField(
        label=_("For a correction: what is wrong?"),
        choices=[("", _("— choose —")), *PrivacyRequest.Field.choices],
        required=False,
    )
    new_value = forms.CharField(
        label=_("For a correction: what should it be?"),
        help_text=_("A date of birth as yyyy-mm-dd."),
        max_length=200,
        required=False,
    )
    explanation = forms.CharField(
        label=_("Explanation (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        required=False,
        help_text=_("Do not write about your health or any care you receive: we do not need it."),
    )


class RegisterRequestForm(OwnRequestForm):
    reference = forms.CharField(
        label=_("Reference of the household"),
        max_length=40,
        error_messages={"required": _("Give the household's reference.")},
    )
    received_on = forms.DateField(
        label=_("Received on"),
        initial=timezone.localdate,
        widget=DateInput(),
        error_messages={
            "required": _("Give the date the request was received."),
            "invalid": _("Give a valid date."),
        },
    )

    field_order = ["reference", "received_on", "kind", "field", "new_value", "explanation"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        error_messages={"required": _("Give a reason.")},
    )


class HoldForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the household"),
        max_length=40,
        error_messages={"required": _("Give the household's reference.")},
    )
    reason = forms.CharField(
        label=_("Why must the data be kept?"),
        max_length=300,
        error_messages={"required": _("Say why the data must be kept.")},
    )


class PolicyForm(forms.Form):
    valid_from = forms.DateField(
        label=_("Valid from"),
        initial=timezone.localdate,
        widget=DateInput(),
        error_messages={
            "required": _("Give the date the periods apply from."),
            "invalid": _("Give a valid date."),
        },
    )
    motivation_months = forms.IntegerField(label=_("Motivation answers (months)"), min_value=1, max_value=240)
    income_months = forms.IntegerField(label=_("Income data (months)"), min_value=1, max_value=240)
    contact_note_months = forms.IntegerField(label=_("Contact notes (months)"), min_value=1, max_value=240)
    nomination_months = forms.IntegerField(
        label=_("Nominations without a lease (months)"), min_value=1, max_value=240
    )
    access_log_months = forms.IntegerField(
        label=_("Access log (months, at least 60)"),
        min_value=60,
        max_value=600,
        error_messages={"min_value": _("The access log is kept at least five years (60 months).")},
    )
