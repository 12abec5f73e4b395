from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Fill in a year."),
            "invalid": _("Fill in a year as a number, such as 2026."),
            "min_value": _("Choose a year from 2000 to 2100."),
            "max_value": _("Choose a year from 2000 to 2100."),
        },
    )
    quarter = forms.TypedChoiceField(
        label=_("Period"),
        choices=[
            ("", _("Whole year")),
            ("1", _("Quarter 1")),
            ("2", _("Quarter 2")),
            ("3", _("Quarter 3")),
            ("4", _("Quarter 4")),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose the whole year or a quarter from 1 to 4.")},
    )
    format = forms.ChoiceField(
        label=_("File"),
        choices=[("pdf", _("PDF (to read and print)")), ("xlsx", _("Excel (XLSX)")), ("csv", _("CSV"))],
        error_messages={
            "required": _("Choose a file type."),
            "invalid_choice": _("Choose PDF, Excel or CSV."),
        },
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].initial = timezone.localdate().year
