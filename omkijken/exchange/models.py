"""Exchange: what was imported from the corporation's systems (the import receipts)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportBatch(models.Model):
    """One file imported from the corporation's systems (CSV from the ERP, or VERA WRV JSON).
    All-or-nothing: a batch row exists only for an import that was applied."""

    class Kind(models.TextChoices):
        CSV_UNITS = "csv_units", _("Units (CSV)")
        CSV_HOUSEHOLDS = "csv_households", _("Households (CSV)")
        VERA = "vera", _("VERA WRV JSON")

    corporation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("corporation"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    encoding = models.CharField(_("encoding"), max_length=20, blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    created = models.PositiveIntegerField(_("records created"), default=0)
    updated = models.PositiveIntegerField(_("records updated"), default=0)
    unchanged = models.PositiveIntegerField(_("records unchanged"), default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        db_table = "letting_importbatch"  # moved from letting, table kept (state-only migrations)
        ordering = ["-imported_at", "-pk"]

    def __str__(self) -> str:
        return f"ImportBatch #{self.pk}"
