"""Forms of the signals pages: they parse and explain in the user's language; services write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.models import User
from omkijken.portfolio.models import Unit
from omkijken.signals.models import CorrectionRequest, Route, Signal, SignalKind


def unit_label(unit: Unit) -> str:
    suffix = f"-{unit.house_number_suffix}" if unit.house_number_suffix else ""
    return f"{unit.street} {unit.house_number}{suffix}"


if TYPE_CHECKING:
    _KindField = forms.ModelChoiceField[SignalKind]
    _UnitField = forms.ModelChoiceField[Unit]
    _UserField = forms.ModelChoiceField[User]
else:  # not subscriptable at run time
    _KindField = _UnitField = _UserField = forms.ModelChoiceField


class KindField(_KindField):
    def label_from_instance(self, obj: SignalKind) -> str:
        return obj.label


class UnitField(_UnitField):
    def label_from_instance(self, obj: Unit) -> str:
        return unit_label(obj)


class UserField(_UserField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class ReportForm(forms.Form):
    kind = KindField(
        label=_("What did you notice?"),
        queryset=SignalKind.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you noticed."),
            "invalid_choice": _("Choose what you noticed."),
        },
    )
    about = forms.ChoiceField(
        label=_("Who is it about?"),
        choices=[("home", _("A neighbour or a home")), ("self", _("Myself"))],
        widget=forms.RadioSelect,
        initial="home",
        error_messages={"required": _("Choose who it is about.")},
    )
    unit = UnitField(
        label=_("Which home"),
        queryset=Unit.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("This home is not in a building where you can report signals.")},
    )
    description = forms.CharField(
        label=_("What did you notice? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Write what you saw or heard. Nothing about health or treatment."),
        error_messages={"max_length": _("Keep it short: at most 500 characters.")},
    )

    def __init__(
        self, *args: Any, kinds: QuerySet[SignalKind], units: QuerySet[Unit], resident: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        unit_field = self.fields["unit"]
        assert isinstance(kind_field, KindField) and isinstance(unit_field, UnitField)
        kind_field.queryset = kinds
        unit_field.queryset = units
        if not resident:
            del self.fields["about"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("about", "home") == "home" and not data.get("unit") and "unit" not in self.errors:
            self.add_error("unit", _("Choose the home the signal is about."))
        return data


class TriageForm(forms.Form):
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Signal.Urgency.choices,
        error_messages={"required": _("Choose an urgency.")},
    )
    owner = UserField(
        label=_("Owner"),
        queryset=User.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose a colleague who handles signals.")},
    )

    def __init__(self, *args: Any, colleagues: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, UserField)
        owner.queryset = colleagues


class RouteForm(forms.Form):
    target = forms.ChoiceField(
        label=_("Send to"),
        choices=Route.Target.choices,
        error_messages={
            "required": _("Choose where to send the signal."),
            "invalid_choice": _("Choose where to send the signal."),
        },
    )
    consent_reference = forms.CharField(
        label=_("Consent of the resident"),
        required=False,
        max_length=200,
        help_text=_("When and how the resident agreed, e.g. 'agreed during the visit of 3 December'."),
    )
    use_covenant = forms.BooleanField(
        label=_("Send on under the covenant with the care partner"), required=False
    )


class ResponseTimeForm(forms.Form):
    response_hours = forms.IntegerField(
        label=_("Response time (hours)"),
        error_messages={
            "required": _("The response time must be at least 1 hour."),
            "invalid": _("The response time must be at least 1 hour."),
        },
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("What is not right?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Say what is not right."),
            "max_length": _("Keep it short: at most 1000 characters."),
        },
    )


class CorrectionAnswerForm(forms.Form):
    """Staff answer a resident's correction request. The kind and description start as they are;
    they are used only when the answer is "corrected"."""

    outcome = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (CorrectionRequest.Outcome.CORRECTED, _("Correct the signal (kind or description below)")),
            (CorrectionRequest.Outcome.WITHDRAWN, _("The signal is not right: withdraw it")),
            (CorrectionRequest.Outcome.REFUSED, _("Do not change the signal")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose your answer to the request."),
            "invalid_choice": _("Choose your answer to the request."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The resident reads this reason. Do not name who reported the signal or quote what they wrote."
        ),
        error_messages={
            "required": _("Write down the reason for your answer; the resident reads it."),
            "max_length": _("Keep it short: at most 1000 characters."),
        },
    )
    kind = KindField(
        label=_("Kind"),
        queryset=SignalKind.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Choose a kind of signal.")},
    )
    description = forms.CharField(
        label=_("What was noticed"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nothing about health or treatment. The resident does not see this text."),
        error_messages={"max_length": _("Keep it short: at most 500 characters.")},
    )

    def __init__(self, *args: Any, kinds: QuerySet[SignalKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, KindField)
        kind_field.queryset = kinds


class ArrearsImportForm(forms.Form):
    file = forms.FileField(
        label=_("Arrears file (CSV from the rent administration)"),
        error_messages={"required": _("Choose a CSV file.")},
    )
