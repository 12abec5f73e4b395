"""The initiatives fund (Initiatievenfonds): yearly budgets, applications, payouts and receipts."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.community.activities.models import Activity


class FundBudget(models.Model):
    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("budget (€)"), max_digits=9, decimal_places=2)

    class Meta:
        verbose_name = _("initiatives fund budget")
        verbose_name_plural = _("initiatives fund budgets")
        constraints = [
            models.UniqueConstraint(fields=["complex", "year"], name="one_fund_budget_per_complex_year"),
            models.CheckConstraint(name="fund_budget_not_negative", condition=Q(amount__gte=Decimal("0"))),
        ]

    def __str__(self) -> str:
        return f"FundBudget #{self.pk}"


class FundApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    applicant = models.ForeignKey(
        "residents.Person", verbose_name=_("applicant"), on_delete=models.CASCADE, related_name="+"
    )
    group_name = models.CharField(_("on behalf of (group, optional)"), max_length=120, blank=True)
    title = models.CharField(_("name of your plan"), max_length=120)
    plan = models.TextField(_("your plan"), max_length=3000)
    activity_date = models.DateField(_("date of the activity"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    granted_amount = models.DecimalField(
        _("granted (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    decision_reason = models.TextField(_("reason"), max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("fund application")
        verbose_name_plural = _("fund applications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="fund_status_valid", condition=Q(status__in=["submitted", "approved", "rejected"])
            ),
            models.CheckConstraint(
                name="fund_approved_has_amount",
                condition=~Q(status="approved") | Q(granted_amount__gt=Decimal("0")),
            ),
            models.CheckConstraint(
                name="fund_rejected_has_reason", condition=~Q(status="rejected") | ~Q(decision_reason="")
            ),
        ]

    def __str__(self) -> str:
        return self.title


class BudgetLine(models.Model):
    application = models.ForeignKey(FundApplication, on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(_("what for"), max_length=120)
    amount = models.DecimalField(_("amount (€)"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(name="budget_line_positive", condition=Q(amount__gt=Decimal("0")))
        ]

    def __str__(self) -> str:
        return f"BudgetLine #{self.pk}"


class Payout(models.Model):
    application = models.ForeignKey(FundApplication, on_delete=models.CASCADE, related_name="payouts")
    amount = models.DecimalField(_("amount (€)"), max_digits=9, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        constraints = [models.CheckConstraint(name="payout_positive", condition=Q(amount__gt=Decimal("0")))]

    def __str__(self) -> str:
        return f"Payout #{self.pk}"


# A stored receipt's extension follows its sniffed content type, never the uploader's file name
# (a PNG uploaded as poly.html is stored as <uuid>.png).
RECEIPT_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "application/pdf": "pdf"}


def _receipt_path(instance: Receipt, filename: str) -> str:
    """A name chosen by the server: a random uuid and the extension of the sniffed content type;
    ``filename`` (the uploader's) is ignored."""
    extension = RECEIPT_EXTENSIONS.get(instance.content_type, "bin")
    return f"receipts/{instance.application_id}/{uuid.uuid4().hex}.{extension}"


class Receipt(models.Model):
    application = models.ForeignKey(FundApplication, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(_("receipt"), upload_to=_receipt_path, max_length=200)
    content_type = models.CharField(max_length=40)
    amount = models.DecimalField(_("amount on the receipt (€)"), max_digits=8, decimal_places=2)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["uploaded_at", "id"]
        constraints = [models.CheckConstraint(name="receipt_positive", condition=Q(amount__gt=Decimal("0")))]

    def __str__(self) -> str:
        return f"Receipt #{self.pk}"
