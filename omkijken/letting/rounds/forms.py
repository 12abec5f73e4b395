"""Forms of the round pages. They parse input; the services validate the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omkijken.letting.adverts.models import Advert
from omkijken.letting.widgets import DateInput


class AdvertChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Advert) -> str:
        responders = getattr(obj, "responders", None)
        channels = obj.channels_display
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

    def __init__(self, *args: Any, adverts: QuerySet[Advert] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["adverts"]
        assert isinstance(field, AdvertChoiceField)  # declared on the class above
        self.advert_choices = adverts if adverts is not None else Advert.objects.none()
        field.queryset = self.advert_choices
        self.fields["on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("select_all"):
            data["adverts"] = list(self.advert_choices)
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
