"""Forms of the project work pages. They parse and explain in the user's language; services decide
(an owner from another organisation, a date in the past, a closed phase, a disguised upload)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.models import Organisation, User
from omkijken.portfolio.models import Complex
from omkijken.projects.forms import MixTargetForm
from omkijken.projects.models import Phase, Project, WorkingGroup
from omkijken.projects.partners.models import Stage
from omkijken.projects.tasks.models import Milestone, Task
from omkijken.residents.models import TargetGroup
from omkijken.web.widgets import DateInput

DATE = DateInput()


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        return obj.get_full_name() or obj.username


class ProjectCreateForm(MixTargetForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    complexes = forms.ModelMultipleChoiceField(
        label=_("Complexes"), queryset=Complex.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    leader = UserChoice(label=_("Project leader"), queryset=User.objects.none(), required=False)
    like = forms.ModelChoiceField(
        label=_("Start like"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("An empty checklist"),
        help_text=_("Copies that project's phase checklists (and, where there are any, its lessons)."),
    )
    field_order = [
        "name",
        "description",
        "complexes",
        "target_percent",
        "tolerance_points",
        "start_date",
        "leader",
        "like",
    ]

    def __init__(
        self, *args: object, complexes: object, staff: object, projects: object, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["complexes"].queryset = complexes  # type: ignore[attr-defined]
        self.fields["leader"].queryset = staff  # type: ignore[attr-defined]
        self.fields["like"].queryset = projects  # type: ignore[attr-defined]
        self.fields["tolerance_points"].initial = Decimal(5)


class MemberForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Working group"), queryset=WorkingGroup.objects.none())
    user = UserChoice(label=_("Member"), queryset=User.objects.none())
    is_chair = forms.BooleanField(label=_("Chair"), required=False)

    def __init__(self, *args: object, groups: object, staff: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["user"].queryset = staff  # type: ignore[attr-defined]


class AgreementForm(forms.Form):
    care_partner = forms.ModelChoiceField(
        label=_("Care partner"), queryset=Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER)
    )
    complex = forms.ModelChoiceField(label=_("Complex"), queryset=Complex.objects.none())
    capacity = forms.IntegerField(label=_("Support capacity (clients)"), min_value=1, max_value=500)
    room = forms.CharField(label=_("Room in the building"), max_length=120, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    start_date = forms.DateField(label=_("Start date"), widget=DATE)
    support_months = forms.IntegerField(
        label=_("Support period (months)"), min_value=1, max_value=240, initial=36
    )

    def __init__(self, *args: object, complexes: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["complex"].queryset = complexes  # type: ignore[attr-defined]


class AgreementEndForm(forms.Form):
    end_date = forms.DateField(label=_("End date"), widget=DATE)


class SectionCapForm(forms.Form):
    max_vulnerable = forms.IntegerField(
        label=_("Maximum vulnerable households"),
        min_value=0,
        max_value=999,
        required=False,
        help_text=_("Leave empty for no cap."),
    )


class MilestoneForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Milestone.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    on = forms.DateField(label=_("Date"), widget=DATE)


class TaskForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Working group"), queryset=WorkingGroup.objects.none())
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    title = forms.CharField(label=_("Task"), max_length=200)
    owner = UserChoice(label=_("Owner"), queryset=User.objects.none(), required=False)
    due_date = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(self, *args: object, groups: object, staff: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["owner"].queryset = staff  # type: ignore[attr-defined]


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Task.Status.choices)


class TemplateForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    group_kind = forms.ChoiceField(label=_("Working group"), choices=WorkingGroup.Kind.choices)
    title = forms.CharField(label=_("Task"), max_length=200)
    due_after_days = forms.IntegerField(
        label=_("Due after (days)"),
        min_value=0,
        max_value=3650,
        initial=30,
        help_text=_("Days after the phase starts."),
    )


NOT_ABOUT_CLIENTS = _(
    "About the organisation and the arrangement only: never write about clients or their care."
)


class TalkForm(forms.Form):
    care_partner = forms.ModelChoiceField(
        label=_("Care partner"), queryset=Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER)
    )
    complex = forms.ModelChoiceField(label=_("Complex"), queryset=Complex.objects.none())
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    clients_proposed = forms.IntegerField(label=_("Number of clients proposed"), min_value=1, max_value=500)
    support_offered = forms.CharField(
        label=_("Support offered"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NOT_ABOUT_CLIENTS,
    )
    room = forms.CharField(label=_("Room in the building"), max_length=120, required=False)
    contact_name = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)

    def __init__(self, *args: object, complexes: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["complex"].queryset = complexes  # type: ignore[attr-defined]


class TalkNoteForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the talk"), widget=DATE)
    text = forms.CharField(
        label=_("What was discussed"), widget=forms.Textarea(attrs={"rows": 4}), help_text=NOT_ABOUT_CLIENTS
    )


class TalkStageForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=Stage.choices)
    start_date = forms.DateField(
        label=_("Agreement starts on"),
        required=False,
        widget=DATE,
        help_text=_("Only for the step to an agreement; empty means today."),
    )


class DecisionForm(forms.Form):
    what = forms.CharField(label=_("Decision"), max_length=300)
    why = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    decided_by = forms.CharField(label=_("Decided by"), max_length=200)
    decided_on = forms.DateField(label=_("Date"), widget=DATE)
    group = forms.ModelChoiceField(
        label=_("Working group"), queryset=WorkingGroup.objects.none(), required=False
    )

    def __init__(self, *args: object, groups: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("Upload under an existing title to add a new version.")
    )
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, XLSX, ODT, PNG or JPEG."))
