"""Forms of announcements: they parse and explain in the user's language; services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.portfolio.models import Complex
from omkijken.projects.models import Project
from omkijken.web.widgets import DateTimeInput


class AnnouncementForm(forms.Form):
    complex = forms.ModelChoiceField(label=_("Complex"), queryset=Complex.objects.none())
    title = forms.CharField(label=_("Title (Dutch)"), max_length=150)
    body = forms.CharField(
        label=_("Message (Dutch)"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    title_en = forms.CharField(label=_("Title (English, optional)"), max_length=150, required=False)
    body_en = forms.CharField(
        label=_("Message (English, optional)"),
        max_length=5000,
        required=False,
        help_text=_("Residents who prefer English get this version; without it they get the Dutch one."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    essential = forms.BooleanField(
        label=_("Essential news (also to residents who opted out of news)"), required=False
    )
    send_at = forms.DateTimeField(
        label=_("Send at (leave empty to send now)"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        complex_field = self.fields["complex"]
        assert isinstance(complex_field, forms.ModelChoiceField)
        complex_field.queryset = project.complexes.order_by("name")
        complex_field.error_messages["invalid_choice"] = _("Choose a complex of this project.")


class NewsPreferenceForm(forms.Form):
    non_essential = forms.BooleanField(label=_("Also send me non-essential news"), required=False)
