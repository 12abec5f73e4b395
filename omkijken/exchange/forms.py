from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 10 * 1024 * 1024

IMPORT_KINDS = [
    ("csv_units", _("Units (CSV from the ERP)")),
    ("csv_households", _("Households (CSV from the ERP)")),
    ("vera_eenheden", _("VERA eenheden (JSON)")),
    ("vera_kandidaten", _("VERA kandidaten (JSON)")),
    ("vera_aanbiedingen", _("VERA aanbiedingen (JSON)")),
    ("vera_toewijzingen", _("VERA toewijzingen (JSON)")),
]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What does the file contain?"), choices=IMPORT_KINDS)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (semicolon or comma, UTF-8 or Windows-1252) or VERA WRV JSON; at most 10 MB."),
    )

    def clean_file(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
