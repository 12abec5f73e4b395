"""Forms of the round and offer pages. They parse input; the services validate the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.models import Organisation
from omkijken.letting.models import Advert, DeclineReason, WithdrawReason
from omkijken.residents.models import LeaseType


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class AdvertChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Advert) -> str:
        responders = getattr(obj, "responders", None)
        channels = ", ".join(obj.channels)
        return f"{obj.unit.complex.name} – {obj.unit.address} ({channels}; {responders if responders is not None else '?'})"


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name of the round"), max_length=120)
    on = forms.DateField(label=_("Reference date"), widget=DateInput())
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[
            ("optimal", _("Optimal (priority, mix and quota)")),
            ("greedy", _("Greedy (advert by advert)")),
        ],
        initial="optimal",
    )
    select_all = forms.BooleanField(label=_("Select all vacancies listed below"), required=False)
    adverts = AdvertChoiceField(
        label=_("Vacancies"),
        queryset=Advert.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Complex – address (channels; number of responses)."),
    )

    def __init__(self, *args: Any, adverts: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if adverts is not None:
            self.fields["adverts"].queryset = adverts
        self.fields["on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("select_all"):
            data["adverts"] = list(self.fields["adverts"].queryset)
        if not data.get("adverts"):
            self.add_error("adverts", _("Select at least one vacancy."))
        return data


class RoundChangeForm(forms.Form):
    """One choice per home of the round: a household that responded, or nobody."""

    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args: Any, rows: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            choices = [("", _("— nobody —"))] + [
                (str(h.pk), f"{h.name} ({h.reference})") for h in row.responders
            ]
            self.fields[f"unit_{row.unit.pk}"] = forms.ChoiceField(
                label=f"{row.unit.complex.name} – {row.unit.address}",
                choices=choices,
                required=False,
                initial=str(row.household.pk) if row.household else "",
            )
        self.order_fields([f"unit_{row.unit.pk}" for row in rows] + ["reason"])

    def assignments(self) -> list[tuple[int, int]]:
        out = []
        for row in self.rows:
            value = self.cleaned_data.get(f"unit_{row.unit.pk}")
            if value:
                out.append((row.unit.pk, int(value)))
        return out


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
        self.fields["household"].choices = [(h.pk, f"{h.name} ({h.reference})") for h in households]
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
        queryset=Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER),
        required=False,
    )
    flip_date = forms.DateField(
        label=_("Flip date (omklap)"),
        widget=DateInput(),
        required=False,
        help_text=_("Empty: start date plus the support period of the nomination, or one year."),
    )


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
