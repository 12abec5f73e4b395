"""Input of the taakstelling: one figure, or a CSV file."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from omkijken.accounts.models import Organisation
from omkijken.quotas.models import Period
from omkijken.quotas.services import TARGET_GROUPS
from omkijken.residents.models import TargetGroup


class QuotaForm(forms.Form):
    corporation = forms.ModelChoiceField(queryset=Organisation.objects.none(), label=_("Corporation"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices, initial=Period.YEAR)
    target_group = forms.ChoiceField(
        label=_("Target group"),
        choices=[("*", _("Any vulnerable household")), *TargetGroup.choices],
    )
    required = forms.IntegerField(label=_("Households to house"), min_value=0, max_value=100_000)

    def __init__(self, *args: object, corporations: list[Organisation], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["corporation"].queryset = Organisation.objects.filter(pk__in=[c.pk for c in corporations])  # type: ignore[attr-defined]
        assert set(dict(self.fields["target_group"].choices)) == set(TARGET_GROUPS)  # type: ignore[attr-defined]


class QuotaImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("The columns of the example below, in that order; the period is Y, H1 or H2."),
    )

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > 1_000_000:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        try:
            return str(upload.read().decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise forms.ValidationError(_("The file is not UTF-8 text.")) from exc
