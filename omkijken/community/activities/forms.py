"""The activity form: it parses and explains in the user's language; services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.community.activities.models import Activity
from omkijken.web.widgets import DateInput, TimeInput


class ActivityForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the activity"),
        max_length=120,
        error_messages={"required": _("Give the activity a name.")},
    )
    description = forms.CharField(
        label=_("What will you do? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    location = forms.CharField(
        label=_("Where?"), max_length=120, error_messages={"required": _("Say where it is.")}
    )
    date = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        error_messages={"required": _("Choose a date."), "invalid": _("Choose a valid date.")},
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        widget=TimeInput(),
        error_messages={"required": _("Choose a start time."), "invalid": _("Choose a valid time.")},
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        widget=TimeInput(),
        error_messages={"required": _("Choose an end time."), "invalid": _("Choose a valid time.")},
    )
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Activity.Recurrence.choices, required=False)
    repeat_until = forms.DateField(
        label=_("Repeat until (only for repeating activities)"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Choose a valid date.")},
    )
    capacity = forms.IntegerField(
        label=_("Maximum number of people (optional)"),
        required=False,
        min_value=1,
        max_value=1000,
        error_messages={
            "min_value": _("The maximum must be at least 1, or leave it empty."),
            "invalid": _("Give a number."),
        },
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        if data.get("recurrence") and not data.get("repeat_until"):
            self.add_error("repeat_until", _("Give the last date, after the first one."))
        return data
