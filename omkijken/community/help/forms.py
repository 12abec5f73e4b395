"""Forms of help requests and offers: they parse and explain in the user's language; services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.community.help.models import HelpKind


class HelpRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of help?"),
        choices=HelpKind.choices,
        error_messages={
            "required": _("Choose what kind of help you need."),
            "invalid_choice": _("Choose what kind of help you need."),
        },
    )
    title = forms.CharField(
        label=_("What do you need help with?"),
        max_length=120,
        error_messages={
            "required": _("Write in a few words what you need help with."),
            "max_length": _("Keep it short: at most 120 characters."),
        },
    )
    description = forms.CharField(
        label=_("Tell a bit more (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not write anything about your health here."),
        error_messages={"max_length": _("Keep it short: at most 1000 characters.")},
    )
    share_house_number = forms.BooleanField(
        label=_("The neighbour who helps me may see my house number"), required=False, initial=True
    )
    share_phone = forms.BooleanField(
        label=_("The neighbour who helps me may see my phone number"), required=False
    )


class ClaimHelpForm(forms.Form):
    share_phone = forms.BooleanField(label=_("My neighbour may see my phone number"), required=False)


class HelpOfferForm(forms.Form):
    kind = forms.ChoiceField(label=_("What kind of help?"), choices=HelpKind.choices)
    description = forms.CharField(
        label=_("What can you offer?"),
        max_length=300,
        error_messages={"required": _("Write in a few words what you can offer.")},
    )


class CloseHelpForm(forms.Form):
    note = forms.CharField(
        label=_("Short note: how did it go?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Write a short note about how it went."),
            "max_length": _("Keep the note short: at most 300 characters."),
        },
    )
