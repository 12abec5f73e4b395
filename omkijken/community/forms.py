"""Forms of the neighbour network: they parse and explain in the user's language; services write."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from omkijken.community.models import MAX_BUDDY_CAPACITY, Activity, HelpKind, Visibility
from omkijken.engine import buddies as engine

LANGUAGE_CHOICES = [
    (code, engine.language_name(code, "nl"))
    for code in (
        "nl",
        "en",
        "ar",
        "ary",
        "ti",
        "am",
        "so",
        "tr",
        "ku",
        "fa",
        "prs",
        "pl",
        "uk",
        "ru",
        "ro",
        "es",
        "fr",
        "de",
    )
]
INTEREST_CHOICES = [
    ("cooking", _("cooking")),
    ("walking", _("walking")),
    ("gardening", _("gardening")),
    ("music", _("music")),
    ("football", _("football")),
    ("reading", _("reading")),
    ("board_games", _("board games")),
    ("computers", _("computers")),
    ("coffee", _("having coffee")),
    ("language_practice", _("practising Dutch")),
    ("odd_jobs", _("odd jobs")),
]
AVAILABILITY_CHOICES = [
    ("weekdays", _("on weekdays")),
    ("morning", _("mornings")),
    ("afternoon", _("afternoons")),
    ("evening", _("evenings")),
    ("weekend", _("at the weekend")),
]


class ProfileForm(forms.Form):
    is_good_neighbour = forms.BooleanField(label=_("I want to help neighbours"), required=False)
    skills = forms.CharField(
        label=_("What can you do for neighbours?"),
        required=False,
        max_length=300,
        help_text=_("For example: read letters, do odd jobs, help with the computer."),
        error_messages={"max_length": _("Keep it short: at most 300 characters.")},
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interests = forms.MultipleChoiceField(
        label=_("What do you like to do?"),
        choices=INTEREST_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When do you have time?"),
        choices=AVAILABILITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    buddy_capacity = forms.IntegerField(
        label=_("How many neighbours can you be a buddy for?"),
        min_value=0,
        max_value=MAX_BUDDY_CAPACITY,
        initial=0,
        error_messages={
            "min_value": _("Choose a number from 0 to 5."),
            "max_value": _("Choose a number from 0 to 5."),
            "invalid": _("Choose a number from 0 to 5."),
            "required": _("Choose a number from 0 to 5."),
        },
    )
    visibility = forms.ChoiceField(
        label=_("Who may see your profile?"), choices=Visibility.choices, widget=forms.RadioSelect
    )
    share_phone = forms.BooleanField(label=_("Show my phone number"), required=False)
    share_email = forms.BooleanField(label=_("Show my e-mail address"), required=False)


class BuddyRequestForm(forms.Form):
    languages = ProfileForm.base_fields["languages"]
    needs_shared_language = forms.BooleanField(
        label=_("My buddy must speak one of my languages"), required=False
    )
    interests = ProfileForm.base_fields["interests"]
    availability = ProfileForm.base_fields["availability"]
    share_first_name = forms.BooleanField(label=_("My first name"), required=False, initial=True)
    share_section = forms.BooleanField(label=_("My gallery or stairwell"), required=False, initial=True)
    share_address = forms.BooleanField(label=_("My house number"), required=False)
    share_phone = forms.BooleanField(label=_("My phone number"), required=False)
    share_languages = forms.BooleanField(label=_("The languages I speak"), required=False, initial=True)
    share_interests = forms.BooleanField(label=_("What I like to do"), required=False)

    def shares(self) -> dict[str, bool]:
        return {k: bool(v) for k, v in self.cleaned_data.items() if k.startswith("share_")}


class CareProposalForm(BuddyRequestForm):
    consent_given = forms.BooleanField(
        label=_("The resident agrees to a buddy and to sharing the fields ticked above"),
        required=True,
        error_messages={"required": _("Only with the resident's consent. Ask them first.")},
    )


class HelpRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of help?"),
        choices=HelpKind.choices,
        error_messages={
            "required": _("Choose what kind of help you need."),
            "invalid_choice": _("Choose what kind of help you need."),
        },
    )
    title = forms.CharField(
        label=_("What do you need help with?"),
        max_length=120,
        error_messages={
            "required": _("Write in a few words what you need help with."),
            "max_length": _("Keep it short: at most 120 characters."),
        },
    )
    description = forms.CharField(
        label=_("Tell a bit more (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not write anything about your health here."),
        error_messages={"max_length": _("Keep it short: at most 1000 characters.")},
    )


class HelpOfferForm(forms.Form):
    kind = forms.ChoiceField(label=_("What kind of help?"), choices=HelpKind.choices)
    description = forms.CharField(
        label=_("What can you offer?"),
        max_length=300,
        error_messages={"required": _("Write in a few words what you can offer.")},
    )


class CloseHelpForm(forms.Form):
    note = forms.CharField(
        label=_("Short note: how did it go?"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": _("Write a short note about how it went."),
            "max_length": _("Keep the note short: at most 300 characters."),
        },
    )


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
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Choose a date."), "invalid": _("Choose a valid date.")},
    )
    start_time = forms.TimeField(
        label=_("Starts at"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Choose a start time."), "invalid": _("Choose a valid time.")},
    )
    end_time = forms.TimeField(
        label=_("Ends at"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"required": _("Choose an end time."), "invalid": _("Choose a valid time.")},
    )
    recurrence = forms.ChoiceField(label=_("Repeats"), choices=Activity.Recurrence.choices, required=False)
    repeat_until = forms.DateField(
        label=_("Repeat until (only for repeating activities)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
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
        widget=forms.DateInput(attrs={"type": "date"}),
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
        widget=forms.DateInput(attrs={"type": "date"}),
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
        from omkijken.community.services import check_receipt_file

        upload = self.cleaned_data["file"]
        try:
            check_receipt_file(upload)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return upload


class CheckInAgreementForm(forms.Form):
    resident = forms.ModelChoiceField(
        label=_("Who is called"), queryset=None, error_messages={"required": _("Choose a resident.")}
    )  # type: ignore[arg-type]
    caller = forms.ModelChoiceField(
        label=_("Who calls"), queryset=None, error_messages={"required": _("Choose a neighbour who calls.")}
    )  # type: ignore[arg-type]
    every_days = forms.IntegerField(
        label=_("Every how many days"), min_value=1, max_value=31, initial=7,
        error_messages={"min_value": _("Choose between 1 and 31 days."), "max_value": _("Choose between 1 and 31 days.")},
    )  # fmt: skip
    first_call = forms.DateTimeField(
        label=_("First call"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={
            "required": _("Choose the first call."),
            "invalid": _("Choose a valid date and time."),
        },
    )

    def __init__(self, *args: object, persons: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["resident"].queryset = persons  # type: ignore[attr-defined]
        self.fields["caller"].queryset = persons  # type: ignore[attr-defined]
        label = lambda p: f"{p.first_name} {p.last_name}"  # noqa: E731
        self.fields["resident"].label_from_instance = label  # type: ignore[attr-defined]
        self.fields["caller"].label_from_instance = label  # type: ignore[attr-defined]
        if not self.is_bound and persons is not None:
            # Both lists show the same residents: read them once for rendering, not once per field.
            choices = [("", "---------"), *[(p.pk, label(p)) for p in persons]]  # type: ignore[attr-defined]
            self.fields["resident"].choices = choices  # type: ignore[attr-defined]
            self.fields["caller"].choices = choices  # type: ignore[attr-defined]
