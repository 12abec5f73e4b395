"""Retention and the rights of the people in it (AVG art. 15-17).

- ``RetentionPolicy``: a corporation's retention periods per category, as versioned data (the
  one in force is the latest whose ``valid_from`` has come). Without a row the defaults below hold;
  they are written down and justified in ``docs/security.md`` ("Retention").
- ``LegalHold``: a privacy officer's hold on one household's data, with a reason; lifted, never
  deleted. Running leases and open objections hold data without a row (``omkijken.privacy.holds``).
- ``RetentionReceipt`` and its lines: what one retention run deleted, anonymised and held.
- ``PrivacyRequest`` and ``PrivacyRequestEvent``: a request for access, rectification or erasure,
  its one-month deadline, and every step taken on it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    MOTIVATION = "motivation", _("Motivation answers of rejected or withdrawn applications")
    INCOME = "income", _("Income data of ended registrations")
    CONTACT_NOTES = "contact_notes", _("Contact notes")
    NOMINATIONS = "nominations", _("Nominations that did not lead to a lease")
    ACCESS_LOG = "access_log", _("Access log")


# The defaults in months (docs/security.md, "Retention"). The access log's minimum is the floor
# the database enforces: NEN 7513 and the AVG's accountability ask for five years.
DEFAULT_MONTHS: dict[str, int] = {
    Category.MOTIVATION: 6,
    Category.INCOME: 6,
    Category.CONTACT_NOTES: 24,
    Category.NOMINATIONS: 6,
    Category.ACCESS_LOG: 60,
}
ACCESS_LOG_MINIMUM_MONTHS = 60


class RetentionPolicy(models.Model):
    """A corporation's retention periods from ``valid_from`` on (a new row for a change)."""

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.CASCADE,
        related_name="retention_policies",
        limit_choices_to={"kind": "corporation"},
    )
    valid_from = models.DateField(_("valid from"))
    motivation_months = models.PositiveSmallIntegerField(
        _("motivation answers (months after the decision)"), default=DEFAULT_MONTHS[Category.MOTIVATION]
    )
    income_months = models.PositiveSmallIntegerField(
        _("income data (months after the registration ended)"), default=DEFAULT_MONTHS[Category.INCOME]
    )
    contact_note_months = models.PositiveSmallIntegerField(
        _("contact notes (months after the contact)"), default=DEFAULT_MONTHS[Category.CONTACT_NOTES]
    )
    nomination_months = models.PositiveSmallIntegerField(
        _("nominations without a lease (months after they closed)"),
        default=DEFAULT_MONTHS[Category.NOMINATIONS],
    )
    access_log_months = models.PositiveSmallIntegerField(
        _("access log (months, at least 60)"), default=DEFAULT_MONTHS[Category.ACCESS_LOG]
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")
        ordering = ["corporation_id", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["corporation", "valid_from"], name="retention_policy_one_per_day"
            ),
            models.CheckConstraint(
                name="retention_access_log_at_least_five_years",
                condition=Q(access_log_months__gte=ACCESS_LOG_MINIMUM_MONTHS),
            ),
            models.CheckConstraint(
                name="retention_periods_at_least_one_month",
                condition=Q(motivation_months__gte=1)
                & Q(income_months__gte=1)
                & Q(contact_note_months__gte=1)
                & Q(nomination_months__gte=1),
            ),
        ]

    def __str__(self) -> str:
        return f"RetentionPolicy #{self.pk}"

    def months(self, category: str) -> int:
        return int(
            {
                Category.MOTIVATION: self.motivation_months,
                Category.INCOME: self.income_months,
                Category.CONTACT_NOTES: self.contact_note_months,
                Category.NOMINATIONS: self.nomination_months,
                Category.ACCESS_LOG: self.access_log_months,
            }[Category(category)]
        )


class LegalHold(models.Model):
    """A privacy officer's hold: nothing of this household expires or is erased while it runs."""

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="legal_holds",
        limit_choices_to={"kind": "corporation"},
    )
    household = models.ForeignKey(
        "residents.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="legal_holds",
    )
    reason = models.CharField(_("reason"), max_length=300)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), on_delete=models.PROTECT, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lifted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    lift_reason = models.CharField(_("reason for lifting"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-set_at", "-pk"]
        constraints = [
            models.CheckConstraint(name="legal_hold_has_reason", condition=~Q(reason="")),
            models.CheckConstraint(
                name="legal_hold_lift_complete",
                condition=(Q(lifted_at__isnull=True) & Q(lifted_by__isnull=True) & Q(lift_reason=""))
                | (Q(lifted_at__isnull=False) & Q(lifted_by__isnull=False) & ~Q(lift_reason="")),
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(lifted_at__isnull=True),
                name="one_running_hold_per_household",
            ),
        ]

    def __str__(self) -> str:
        return f"LegalHold #{self.pk}"


class RetentionReceipt(models.Model):
    """One retention run: when, for which day, and (in its lines) what it did per corporation."""

    ran_at = models.DateTimeField(_("ran at"), auto_now_add=True)
    as_of = models.DateField(_("periods counted back from"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("retention receipt")
        verbose_name_plural = _("retention receipts")
        ordering = ["-ran_at", "-pk"]

    def __str__(self) -> str:
        return f"RetentionReceipt #{self.pk}"


class RetentionReceiptLine(models.Model):
    receipt = models.ForeignKey(
        RetentionReceipt, verbose_name=_("receipt"), on_delete=models.CASCADE, related_name="lines"
    )
    corporation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("corporation"), on_delete=models.CASCADE, related_name="+"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    months = models.PositiveSmallIntegerField(_("retention period (months)"))
    deleted = models.PositiveIntegerField(_("deleted"), default=0)
    anonymised = models.PositiveIntegerField(_("anonymised"), default=0)
    held = models.PositiveIntegerField(_("held"), default=0)

    class Meta:
        verbose_name = _("retention receipt line")
        verbose_name_plural = _("retention receipt lines")
        ordering = ["receipt_id", "corporation_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt", "corporation", "category"], name="receipt_line_one_per_category"
            ),
            models.CheckConstraint(
                name="receipt_line_category_valid", condition=Q(category__in=[c.value for c in Category])
            ),
        ]

    def __str__(self) -> str:
        return f"RetentionReceiptLine #{self.pk}"


class PrivacyRequest(models.Model):
    """A data subject's request (AVG art. 15, 16 or 17), answered within one month (art. 12(3))."""

    class Kind(models.TextChoices):
        ACCESS = "access", _("Access (art. 15)")
        RECTIFICATION = "rectification", _("Rectification (art. 16)")
        ERASURE = "erasure", _("Erasure (art. 17)")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        COMPLETED = "completed", _("Completed")
        REFUSED = "refused", _("Refused")

    # Person fields a rectification may correct (the rest is the corporation's own records).
    class Field(models.TextChoices):
        FIRST_NAME = "first_name", _("first name")
        NAME_PREFIX = "name_prefix", _("prefix (tussenvoegsel)")
        LAST_NAME = "last_name", _("last name")
        BIRTH_DATE = "birth_date", _("date of birth")
        EMAIL = "email", _("e-mail")
        PHONE = "phone", _("phone")

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="privacy_requests",
        limit_choices_to={"kind": "corporation"},
    )
    household = models.ForeignKey(
        "residents.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="privacy_requests",
    )
    person = models.ForeignKey(
        "residents.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="privacy_requests",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    received_on = models.DateField(_("received on"))
    deadline = models.DateField(_("answer due by"))
    field = models.CharField(_("what is wrong"), max_length=16, choices=Field.choices, blank=True)
    new_value = models.CharField(_("what it should be"), max_length=200, blank=True)
    explanation = models.CharField(_("explanation"), max_length=500, blank=True)
    decision_reason = models.CharField(_("reason for the decision"), max_length=500, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested or registered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    OPEN_STATUSES = ("received",)

    class Meta:
        verbose_name = _("privacy request")
        verbose_name_plural = _("privacy requests")
        ordering = ["deadline", "pk"]
        constraints = [
            models.CheckConstraint(
                name="privacy_request_kind_valid",
                condition=Q(kind__in=["access", "rectification", "erasure"]),
            ),
            models.CheckConstraint(
                name="privacy_request_status_valid",
                condition=Q(status__in=["received", "completed", "refused"]),
            ),
            models.CheckConstraint(
                name="privacy_request_rectification_says_what",
                condition=~Q(kind="rectification") | ~Q(field=""),
            ),
            models.CheckConstraint(
                name="privacy_request_refusal_has_reason",
                condition=~Q(status="refused") | ~Q(decision_reason=""),
            ),
            models.CheckConstraint(
                name="privacy_request_deadline_after_receipt",
                condition=Q(deadline__gte=models.F("received_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"PrivacyRequest #{self.pk}"


class PrivacyRequestEvent(models.Model):
    """One step taken on a request: who, when, what. Rows are never updated."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("Request received")
        EXPORTED_JSON = "exported_json", _("Data exported (JSON)")
        EXPORTED_PDF = "exported_pdf", _("Data exported (PDF)")
        RECTIFIED = "rectified", _("Correction made")
        ERASED = "erased", _("Data erased")
        ERASURE_HELD = "erasure_held", _("Erasure stopped by a legal hold")
        COMPLETED = "completed", _("Request completed")
        REFUSED = "refused", _("Request refused")

    request = models.ForeignKey(
        PrivacyRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("what"), max_length=16, choices=Action.choices)
    # Counts and field names only (what was erased, which field changed): never the data itself.
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("privacy request step")
        verbose_name_plural = _("privacy request steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"PrivacyRequestEvent #{self.pk}"
