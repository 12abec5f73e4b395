"""The calling-rota form: it parses and explains in the user's language; services write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from omkijken.residents.models import Person
from omkijken.web.widgets import DateTimeInput


def _person_label(person: Person) -> str:
    return f"{person.first_name} {person.last_name}"


if TYPE_CHECKING:
    _ModelChoiceField = forms.ModelChoiceField[Person]
else:  # not subscriptable at run time
    _ModelChoiceField = forms.ModelChoiceField


class PersonChoiceField(_ModelChoiceField):
    """Residents by their full name."""

    def label_from_instance(self, obj: Person) -> str:
        return _person_label(obj)


class CheckInAgreementForm(forms.Form):
    resident = PersonChoiceField(
        label=_("Who is called"),
        queryset=Person.objects.none(),
        error_messages={"required": _("Choose a resident.")},
    )
    caller = PersonChoiceField(
        label=_("Who calls"),
        queryset=Person.objects.none(),
        error_messages={"required": _("Choose a neighbour who calls.")},
    )
    every_days = forms.IntegerField(
        label=_("Every how many days"), min_value=1, max_value=31, initial=7,
        error_messages={"min_value": _("Choose between 1 and 31 days."), "max_value": _("Choose between 1 and 31 days.")},
    )  # fmt: skip
    first_call = forms.DateTimeField(
        label=_("First call"),
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={
            "required": _("Choose the first call."),
            "invalid": _("Choose a valid date and time."),
        },
    )

    def __init__(self, *args: Any, persons: QuerySet[Person] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if persons is None:
            return
        resident = self.fields["resident"]
        caller = self.fields["caller"]
        assert isinstance(resident, PersonChoiceField) and isinstance(caller, PersonChoiceField)
        resident.queryset = caller.queryset = persons
        if not self.is_bound:
            # Both lists show the same residents: read them once for rendering, not once per field.
            choices = [("", "---------"), *[(p.pk, _person_label(p)) for p in persons]]
            resident.choices = caller.choices = choices
