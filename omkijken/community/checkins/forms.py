"""The calling-rota form: it parses and explains in the user's language; services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CheckInAgreementForm(forms.Form):
    resident = forms.ModelChoiceField(
        label=_("Who is called"), queryset=None, error_messages={"required": _("Choose a resident.")}
    )  # type: ignore[arg-type]
    caller = forms.ModelChoiceField(
        label=_("Who calls"), queryset=None, error_messages={"required": _("Choose a neighbour who calls.")}
    )  # type: ignore[arg-type]
    every_days = forms.IntegerField(
        label=_("Every how many days"), min_value=1, max_value=31, initial=7,
        error_messages={"min_value": _("Choose between 1 and 31 days."), "max_value": _("Choose between 1 and 31 days.")},
    )  # fmt: skip
    first_call = forms.DateTimeField(
        label=_("First call"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={
            "required": _("Choose the first call."),
            "invalid": _("Choose a valid date and time."),
        },
    )

    def __init__(self, *args: object, persons: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["resident"].queryset = persons  # type: ignore[attr-defined]
        self.fields["caller"].queryset = persons  # type: ignore[attr-defined]
        label = lambda p: f"{p.first_name} {p.last_name}"  # noqa: E731
        self.fields["resident"].label_from_instance = label  # type: ignore[attr-defined]
        self.fields["caller"].label_from_instance = label  # type: ignore[attr-defined]
        if not self.is_bound and persons is not None:
            # Both lists show the same residents: read them once for rendering, not once per field.
            choices = [("", "---------"), *[(p.pk, label(p)) for p in persons]]  # type: ignore[attr-defined]
            self.fields["resident"].choices = choices  # type: ignore[attr-defined]
            self.fields["caller"].choices = choices  # type: ignore[attr-defined]
