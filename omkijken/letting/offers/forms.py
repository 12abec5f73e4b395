"""Forms of offers: make an offer, plan a viewing, accept, decline, withdraw."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.selectors import care_partners
from omkijken.letting.offers.checks import early_handover_warning
from omkijken.letting.offers.models import DeclineReason, WithdrawReason
from omkijken.letting.widgets import DateInput, DateTimeInput
from omkijken.residents.models import LeaseType


def _default_respond_by() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=7)


class OfferMakeForm(forms.Form):
    respond_by = forms.DateField(label=_("Respond by"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["respond_by"].initial = _default_respond_by()


class ManualOfferForm(OfferMakeForm):
    household = forms.TypedChoiceField(label=_("Household"), coerce=int)

    def __init__(self, *args: Any, households: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["household"]
        assert isinstance(field, forms.TypedChoiceField)  # declared on the class above
        field.choices = [(h.pk, f"{h.name} ({h.reference})") for h in households]
        self.order_fields(["household", "respond_by"])


class ViewingForm(forms.Form):
    at = forms.DateTimeField(label=_("Viewing at"), widget=DateTimeInput())


class AcceptForm(forms.Form):
    start_date = forms.DateField(label=_("Lease starts on"), widget=DateInput())
    key_handover_at = forms.DateTimeField(label=_("Key handover at"), widget=DateTimeInput())
    lease_type = forms.ChoiceField(
        label=_("Lease type"),
        required=False,
        choices=[
            ("", _("Default (omklap for a care partner's nominee, otherwise regular)")),
            (LeaseType.REGULAR, LeaseType.REGULAR.label),
            (LeaseType.OMKLAP, LeaseType.OMKLAP.label),
            (LeaseType.DRIEHOEK, LeaseType.DRIEHOEK.label),
        ],
    )
    care_partner = forms.ModelChoiceField(
        label=_("Care partner (omklap or driehoek)"),
        queryset=care_partners(),
        required=False,
    )
    flip_date = forms.DateField(
        label=_("Flip date (omklap)"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: start date plus the support period of the nomination, or one year."),
    )
    confirm_warning = forms.BooleanField(label=_("I have read the warning and go ahead"), required=False)
    warning_reason = forms.CharField(
        label=_("Reason for going ahead"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        """A key handover before the lease starts is a warning: an error until the officer ticks
        the confirmation and gives a reason."""
        data = super().clean() or {}
        start, at = data.get("start_date"), data.get("key_handover_at")
        if start and at:
            warning = early_handover_warning(start_date=start, key_handover_at=at)
            if warning and not (data.get("confirm_warning") and (data.get("warning_reason") or "").strip()):
                self.add_error("key_handover_at", warning)
        if not data.get("confirm_warning"):
            data["warning_reason"] = ""
        return data


class DeclineForm(forms.Form):
    reason_code = forms.ChoiceField(label=_("Reason (VERA)"), choices=DeclineReason.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Both reason fields sit on the offer page: own ids, so each label names its own select.
        kwargs.setdefault("auto_id", "decline_%s")
        super().__init__(*args, **kwargs)


class WithdrawForm(forms.Form):
    reason_code = forms.ChoiceField(label=_("Reason (VERA)"), choices=WithdrawReason.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "withdraw_%s")
        super().__init__(*args, **kwargs)
