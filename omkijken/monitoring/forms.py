from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.monitoring.models import SurveyResponse
from omkijken.portfolio.models import Complex
from omkijken.web.widgets import DateInput

MAX_UPLOAD = 10 * 1024 * 1024

DJG_CHOICES = [(0, _("No")), (1, _("More or less")), (2, _("Yes"))]
NAMES_CHOICES = [(0, _("None")), (1, _("One or two")), (2, _("Three to five")), (3, _("Six or more"))]
HELP_CHOICES = [(0, _("No")), (1, _("Perhaps")), (2, _("Yes"))]
CONTACT_CHOICES = [
    (0, _("Never")),
    (1, _("About once a month")),
    (2, _("About once a week")),
    (3, _("(Almost) daily")),
]


def _field(name: str, choices: Sequence[tuple[int, object]]) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=getattr(SurveyResponse._meta.get_field(name), "verbose_name", name),
        choices=list(choices),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose an answer to this question."),
            "invalid_choice": _("This answer is not one of the choices; choose one of the answers given."),
        },
    )


class SurveyForm(forms.Form):
    emptiness = _field("emptiness", DJG_CHOICES)
    miss_people = _field("miss_people", DJG_CHOICES)
    rejected = _field("rejected", DJG_CHOICES)
    rely_on = _field("rely_on", DJG_CHOICES)
    trust = _field("trust", DJG_CHOICES)
    close_to = _field("close_to", DJG_CHOICES)
    neighbours_by_name = _field("neighbours_by_name", NAMES_CHOICES)
    could_ask_help = _field("could_ask_help", HELP_CHOICES)
    contact_frequency = _field("contact_frequency", CONTACT_CHOICES)

    LONELINESS = ("emptiness", "miss_people", "rejected", "rely_on", "trust", "close_to")
    CONTACT = ("neighbours_by_name", "could_ask_help", "contact_frequency")

    def loneliness_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.LONELINESS]

    def contact_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.CONTACT]


class LeefbaarometerForm(forms.Form):
    file = forms.FileField(
        label=_("Leefbaarometer CSV"),
        help_text=_(
            "The open-data file per buurt, with the columns named below; UTF-8, comma or semicolon; at most 10 MB."
        ),
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class SurveyRoundForm(forms.Form):
    complex: forms.ModelChoiceField[Complex] = forms.ModelChoiceField(
        label=_("Complex"), queryset=Complex.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    opens_on = forms.DateField(label=_("Opens on"), widget=DateInput())
    closes_on = forms.DateField(label=_("Closes on"), widget=DateInput())

    def __init__(self, *args: object, complexes: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["complex"].queryset = complexes  # type: ignore[attr-defined]
