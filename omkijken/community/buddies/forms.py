"""Forms of buddy requests: they parse and explain in the user's language; services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.community.forms import ProfileForm


class BuddyRequestForm(forms.Form):
    languages = ProfileForm.base_fields["languages"]
    needs_shared_language = forms.BooleanField(
        label=_("My buddy must speak one of my languages"), required=False
    )
    interests = ProfileForm.base_fields["interests"]
    availability = ProfileForm.base_fields["availability"]
    share_first_name = forms.BooleanField(label=_("My first name"), required=False, initial=True)
    share_section = forms.BooleanField(label=_("My gallery or stairwell"), required=False, initial=True)
    share_address = forms.BooleanField(label=_("My house number"), required=False)
    share_phone = forms.BooleanField(label=_("My phone number"), required=False)
    share_languages = forms.BooleanField(label=_("The languages I speak"), required=False, initial=True)
    share_interests = forms.BooleanField(label=_("What I like to do"), required=False)

    def shares(self) -> dict[str, bool]:
        return {k: bool(v) for k, v in self.cleaned_data.items() if k.startswith("share_")}


class CareProposalForm(BuddyRequestForm):
    consent_given = forms.BooleanField(
        label=_("The resident agrees to a buddy and to sharing the fields ticked above"),
        required=True,
        error_messages={"required": _("Only with the resident's consent. Ask them first.")},
    )
