"""Forms of the initiatives fund: they parse and explain in the user's language; services write."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from omkijken.web.widgets import DateInput


class FundApplicationForm(forms.Form):
    title = forms.CharField(
        label=_("Name of your plan"), max_length=120, error_messages={"required": _("Give your plan a name.")}
    )
    group_name = forms.CharField(
        label=_("On behalf of a group? Its name (optional)"), required=False, max_length=120
    )
    plan = forms.CharField(
        label=_("Your plan: what, for whom and why?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Describe your plan.")},
    )
    activity_date = forms.DateField(
        label=_("Date of the activity (optional)"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Choose a valid date.")},
    )


class BudgetLineForm(forms.Form):
    description = forms.CharField(label=_("What for"), max_length=120, required=False)
    amount = forms.DecimalField(
        label=_("Amount (€)"),
        required=False,
        max_digits=8,
        decimal_places=2,
        error_messages={
            "invalid": _("Give an amount in euros, for example 12,50."),
            "max_decimal_places": _("Use at most 2 decimals."),
        },
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        description, amount = data.get("description"), data.get("amount")
        if description and amount is None and not self.errors:
            self.add_error("amount", _("Give an amount for this cost."))
        if amount is not None and amount <= 0:
            self.add_error("amount", _("Every amount must be more than € 0."))
        if amount is not None and not description:
            self.add_error("description", _("Write what each amount is for."))
        return data


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=3, max_num=10)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose approve or reject.")},
    )
    amount = forms.DecimalField(
        label=_("Amount granted (€)"),
        required=False,
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "min_value": _("Give the amount you grant, more than € 0."),
            "invalid": _("Give an amount in euros."),
        },
    )
    reason = forms.CharField(
        label=_("Reason (required when rejecting)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("decision") == "approve" and not data.get("amount") and "amount" not in self.errors:
            self.add_error("amount", _("Give the amount you grant, more than € 0."))
        if data.get("decision") == "reject" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Explain why the application is rejected."))
        return data


class PayoutForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount paid (€)"),
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "min_value": _("The amount must be more than € 0."),
            "required": _("Give the amount paid."),
            "invalid": _("Give an amount in euros."),
        },
    )
    paid_on = forms.DateField(
        label=_("Paid on"),
        widget=DateInput(),
        error_messages={"required": _("Choose a date."), "invalid": _("Choose a valid date.")},
    )


class ReceiptForm(forms.Form):
    file = forms.FileField(
        label=_("Receipt (photo or PDF, at most 5 MB)"),
        error_messages={"required": _("Choose a file."), "empty": _("The file is empty.")},
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )
    amount = forms.DecimalField(
        label=_("Amount on the receipt (€)"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
        error_messages={
            "min_value": _("The amount must be more than € 0."),
            "required": _("Give the amount on the receipt."),
            "invalid": _("Give an amount in euros."),
        },
    )

    def clean_file(self) -> object:
        from omkijken.community.fund.services import check_receipt_file

        upload = self.cleaned_data["file"]
        try:
            check_receipt_file(upload)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return upload


_capfirst_lazy = lazy(capfirst, str)


class FundBudgetForm(forms.Form):
    """A complex's budget for one year (the complex is the page's)."""

    year = forms.IntegerField(
        label=_capfirst_lazy(_("year")),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Choose a year between 2000 and 2100."),
            "invalid": _("Choose a year between 2000 and 2100."),
            "min_value": _("Choose a year between 2000 and 2100."),
            "max_value": _("Choose a year between 2000 and 2100."),
        },
    )
    amount = forms.DecimalField(
        label=_capfirst_lazy(_("budget (€)")),
        max_digits=9,
        decimal_places=2,
        min_value=Decimal("0"),
        error_messages={
            "required": _("Give an amount in euros."),
            "invalid": _("Give an amount in euros."),
            "min_value": _("The budget cannot be negative."),
            "max_decimal_places": _("Use at most 2 decimals."),
        },
    )
