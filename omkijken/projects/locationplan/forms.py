"""Forms of a location plan: they parse and explain in the user's language; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.models import Organisation
from omkijken.portfolio.models import Complex, Neighbourhood
from omkijken.projects.locationplan.models import ActionStatus, LocationPlan, PartnerKind, PlanPartner
from omkijken.web.widgets import DateInput

NO_RESIDENTS = _("Write about the neighbourhood and the work, never names or details of residents.")


class ActionForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=200)
    owner = forms.ModelChoiceField(label=_("Owning organisation"), queryset=PlanPartner.objects.none())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args: Any, plan: LocationPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = PlanPartner.objects.filter(plan=plan).select_related("organisation")
        owner.label_from_instance = lambda p: str(p.organisation.name)  # type: ignore[method-assign,assignment]
        owner.error_messages["invalid_choice"] = _("The owning organisation must be a partner in this plan.")


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(
        label=_("Progress note"),
        max_length=2000,
        help_text=NO_RESIDENTS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    minutes = forms.CharField(
        label=_("Short minutes"),
        max_length=4000,
        help_text=NO_RESIDENTS,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class PlanForm(forms.Form):
    """A new plan: for one of the corporation's complexes or a neighbourhood it has a complex in."""

    name = forms.CharField(label=_("Name"), max_length=120)
    complex = forms.ModelChoiceField(label=_("Complex"), queryset=Complex.objects.none(), required=False)
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        help_text=_("Choose a complex, or a neighbourhood for a plan about the whole area."),
    )
    goal = forms.CharField(
        label=_("Goal"),
        required=False,
        max_length=2000,
        help_text=NO_RESIDENTS,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        complexes: QuerySet[Complex],
        neighbourhoods: QuerySet[Neighbourhood],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset, message in (
            ("complex", complexes, _("Choose a complex of your own corporation.")),
            (
                "neighbourhood",
                neighbourhoods,
                _("Choose a neighbourhood where your corporation has a complex."),
            ),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
            field.error_messages["invalid_choice"] = message

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and data.get("complex") is None and data.get("neighbourhood") is None:
            raise forms.ValidationError(_("A location plan is for a complex or a neighbourhood."))
        return data


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    kind = forms.ChoiceField(label=_("Kind of partner"), choices=PartnerKind.choices)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        field.error_messages["invalid_choice"] = _(
            "Choose a network partner, a care partner or your own corporation that is not in the plan yet."
        )
        self.fields["contact_name"].error_messages["required"] = _("Name the contact person.")
