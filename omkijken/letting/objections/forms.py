"""Input of objections: the household's grounds, a paper objection's details, the decision."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omkijken.letting.objections.models import Objection
from omkijken.web.widgets import DateInput

GROUNDS_HELP = _(
    "Say why you disagree with the outcome, or which detail we used is wrong. Do not write about "
    "your health or any care or support you receive: we do not need it to look at the decision again."
)


class LodgeForm(forms.Form):
    grounds = forms.CharField(
        label=_("Why do you object?"),
        help_text=GROUNDS_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        error_messages={"required": _("Write why you object to the outcome.")},
    )


class RegisterForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the household"),
        help_text=_("As stated in the objection (the reference in our letter)."),
        max_length=40,
        error_messages={"required": _("Give the household's reference.")},
    )
    received_on = forms.DateField(
        label=_("Received on"),
        initial=timezone.localdate,
        widget=DateInput(),
        error_messages={"required": _("Give the date the objection was received.")},
    )
    grounds = forms.CharField(
        label=_("Grounds of the objection"),
        help_text=_("Summarise the household's grounds; leave out anything about health or care."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        error_messages={"required": _("Write why the household objects to the outcome.")},
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Objection.Status.UPHELD, _("Uphold the objection")),
            (Objection.Status.REJECTED, _("Reject the objection")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the objection is upheld or rejected.")},
    )
    reason = forms.CharField(
        label=_("Reason for the decision"),
        help_text=_("The household reads this reason in the mail with the decision."),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=4000,
        error_messages={"required": _("Give the reason for the decision.")},
    )
