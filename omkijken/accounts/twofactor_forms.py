"""The forms of the login steps: a code (from the app, or a recovery code), and the confirmation."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code from your authenticator app or a recovery code.")},
    )


class EnrolForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        help_text=_("Six digits; a new code appears every 30 seconds."),
        max_length=16,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Enter the six-digit code your authenticator app shows.")},
    )


class ReauthForm(forms.Form):
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
        error_messages={"required": _("Enter your password.")},
    )
    code = forms.CharField(
        label=_("Code"),
        help_text=_("The six digits your authenticator app shows now, or one of your recovery codes."),
        max_length=32,
        strip=True,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )
