"""Forms of the network's shared part (the profile) and the choices the buddy forms reuse: they parse
and explain in the user's language; services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.community.models import MAX_BUDDY_CAPACITY, Visibility
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
