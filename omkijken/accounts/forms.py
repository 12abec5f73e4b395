"""Forms of the account pages: they parse and explain in the user's language; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.mail import send_templated, user_recipient
from omkijken.accounts.models import Organisation, Role, User


def _role_choices(roles: list[str]) -> list[tuple[str, Any]]:
    labels = dict(Role.choices)
    return [(role, labels[role]) for role in roles]


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        error_messages={
            "required": _("Enter the colleague's e-mail address."),
            "invalid": _("Enter a valid e-mail address."),
        },
    )
    role = forms.ChoiceField(
        label=_("Role"),
        error_messages={
            "required": _("Choose a role."),
            "invalid_choice": _("Choose one of the roles of your own organisation."),
        },
    )
    job_title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    manages_accounts = forms.BooleanField(
        label=_("May invite and deactivate colleagues of this organisation"), required=False
    )

    def __init__(self, *args: Any, organisation: Organisation, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = [("", _("Choose a role")), *_role_choices(roles)]
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        if organisation.kind == Organisation.Kind.CORPORATION:
            # A corporation's accounts are managed by whoever has the role Administrator.
            del self.fields["manages_accounts"]


class MembershipForm(InviteForm):
    """A colleague's role, job title and account management (the address does not change here)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["email"]


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, error_messages={"required": _("Enter your first name.")}
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, error_messages={"required": _("Enter your last name.")}
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html,
        error_messages={"required": _("Choose a password.")},
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type the password a second time.")},
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            probe = User(
                username=self.email,
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ResetForm(PasswordResetForm):
    """Django's reset form, mailing through our own mail path in the user's own language. Django's
    view answers the same whether or not the address belongs to an account."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].error_messages = {
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address."),
        }

    def send_mail(  # type: ignore[override]
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        from django.conf import settings

        user = context["user"]
        link = settings.SITE_URL.rstrip("/") + reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        send_templated(
            to=[user_recipient(user)],
            template_base="accounts/email/password_reset",
            context={"name": user.get_full_name() or user.username, "username": user.username, "link": link},
        )


class ChangeForm(PasswordChangeForm):
    """Django's change form, with our own words for a wrong old password."""

    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": _("Your current password is not right. Type it again."),
    }
