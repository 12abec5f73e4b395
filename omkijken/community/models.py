"""The neighbour network: profiles, buddy requests and pairs, help, check-ins, activities and the
initiatives fund (Initiatievenfonds).

Privacy: that a resident asked for a buddy (or that a care partner proposed one) reveals
vulnerability and is treated as special-category data: only coordinators read it, through
``omkijken.community.selectors``, which logs every read. No model here holds care content.
"""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

MAX_BUDDY_CAPACITY = 5


class HelpKind(models.TextChoices):
    PRACTICAL = "practical", _("Practical help")
    PAPERWORK = "paperwork", _("Letters and forms")
    COMPANY = "company", _("Company")
    TRANSPORT = "transport", _("Transport")


class Visibility(models.TextChoices):
    COMPLEX = "complex", _("Everyone in my building")
    SECTION = "section", _("Only my gallery or stairwell")
    NOBODY = "nobody", _("Nobody")


class NeighbourProfile(models.Model):
    """What a resident offers the network and what they share, with whom. Opt-in, one per person."""

    person = models.OneToOneField(
        "residents.Person", verbose_name=_("resident"), on_delete=models.CASCADE, related_name="+"
    )
    is_good_neighbour = models.BooleanField(_("I want to help neighbours"), default=False)
    skills = models.CharField(_("what I can do"), max_length=300, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    availability = models.JSONField(_("when I have time"), default=list, blank=True)
    buddy_capacity = models.PositiveSmallIntegerField(_("how many buddies I can take"), default=0)
    visibility = models.CharField(
        _("who sees my profile"), max_length=10, choices=Visibility.choices, default=Visibility.COMPLEX
    )
    share_phone = models.BooleanField(_("show my phone number"), default=False)
    share_email = models.BooleanField(_("show my e-mail address"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("neighbour profile")
        verbose_name_plural = _("neighbour profiles")
        constraints = [
            models.CheckConstraint(
                name="profile_capacity_range", condition=Q(buddy_capacity__lte=MAX_BUDDY_CAPACITY)
            ),
            models.CheckConstraint(
                name="profile_visibility_valid", condition=Q(visibility__in=[v.value for v in Visibility])
            ),
        ]

    def __str__(self) -> str:
        return f"NeighbourProfile #{self.pk}"


class BuddyRequest(models.Model):
    """SPECIAL-CATEGORY: a resident asked for a buddy, or a care partner proposed one with the
    resident's consent. The share_* fields are what the resident agreed a buddy may see."""

    class Origin(models.TextChoices):
        RESIDENT = "resident", _("Asked by the resident")
        CARE_PARTNER = "care_partner", _("Proposed by the care partner, with consent")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a buddy")
        PAIRED = "paired", _("Has a buddy")
        CLOSED = "closed", _("Closed")

    person = models.ForeignKey(
        "residents.Person", verbose_name=_("resident"), on_delete=models.CASCADE, related_name="+"
    )
    origin = models.CharField(_("origin"), max_length=20, choices=Origin.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    consent_given = models.BooleanField(_("the resident agrees"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    needs_shared_language = models.BooleanField(_("needs a buddy who speaks my language"), default=False)
    interests = models.JSONField(_("interests"), default=list, blank=True)
    availability = models.JSONField(_("when I have time"), default=list, blank=True)
    share_first_name = models.BooleanField(_("my first name"), default=True)
    share_section = models.BooleanField(_("my gallery or stairwell"), default=True)
    share_address = models.BooleanField(_("my house number"), default=False)
    share_phone = models.BooleanField(_("my phone number"), default=False)
    share_languages = models.BooleanField(_("the languages I speak"), default=True)
    share_interests = models.BooleanField(_("my interests"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("buddy request")
        verbose_name_plural = _("buddy requests")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=~Q(status="closed"), name="one_active_buddy_request_per_person"
            ),
            models.CheckConstraint(name="buddy_request_has_consent", condition=Q(consent_given=True)),
            models.CheckConstraint(
                name="buddy_request_status_valid", condition=Q(status__in=["open", "paired", "closed"])
            ),
        ]

    def __str__(self) -> str:
        return f"BuddyRequest #{self.pk}"


class BuddyPair(models.Model):
    """A confirmed pairing (active or ended), or a declined proposal (never proposed again)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        DECLINED = "declined", _("Proposal declined")

    request = models.ForeignKey(BuddyRequest, on_delete=models.CASCADE, related_name="pairs")
    seeker = models.ForeignKey("residents.Person", on_delete=models.CASCADE, related_name="+")
    neighbour = models.ForeignKey("residents.Person", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    reasons = models.JSONField(_("why this pair"), default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now_add=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("buddy pair")
        verbose_name_plural = _("buddy pairs")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["seeker"], condition=Q(status="active"), name="one_active_buddy_per_seeker"
            ),
            models.CheckConstraint(name="buddy_not_self", condition=~Q(seeker=F("neighbour"))),
            models.CheckConstraint(
                name="buddy_pair_status_valid", condition=Q(status__in=["active", "ended", "declined"])
            ),
        ]

    def __str__(self) -> str:
        return f"BuddyPair #{self.pk}"


class HelpRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLAIMED = "claimed", _("A neighbour is helping")
        CLOSED = "closed", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    requester = models.ForeignKey(
        "residents.Person", verbose_name=_("asked by"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    title = models.CharField(_("what do you need help with?"), max_length=120)
    description = models.TextField(_("tell a bit more"), max_length=1000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    helper = models.ForeignKey(
        "residents.Person",
        verbose_name=_("helped by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("asked at"))
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closing_note = models.CharField(_("short note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="help_status_valid", condition=Q(status__in=["open", "claimed", "closed", "cancelled"])
            ),
            models.CheckConstraint(
                name="help_claimed_has_helper",
                condition=~Q(status="claimed") | (Q(helper__isnull=False) & Q(claimed_at__isnull=False)),
            ),
            models.CheckConstraint(
                name="help_open_has_no_helper", condition=~Q(status="open") | Q(helper__isnull=True)
            ),
            models.CheckConstraint(name="help_not_self", condition=~Q(helper=F("requester"))),
        ]
        indexes = [models.Index(fields=["complex", "status", "created_at"])]

    def __str__(self) -> str:
        return self.title


class HelpOffer(models.Model):
    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey("residents.Person", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    description = models.CharField(_("what can you offer?"), max_length=300)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("help offer")
        verbose_name_plural = _("help offers")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.description


class CheckInAgreement(models.Model):
    """A regular phone call (the phone tree): who calls whom, how often, when the next call is due."""

    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    resident = models.ForeignKey(
        "residents.Person", verbose_name=_("who is called"), on_delete=models.CASCADE, related_name="+"
    )
    caller = models.ForeignKey(
        "residents.Person", verbose_name=_("who calls"), on_delete=models.CASCADE, related_name="+"
    )
    every_days = models.PositiveSmallIntegerField(_("every how many days"), default=7)
    next_due_at = models.DateTimeField(_("next call"))
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in agreement")
        verbose_name_plural = _("check-in agreements")
        ordering = ["next_due_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="checkin_interval_range", condition=Q(every_days__gte=1) & Q(every_days__lte=31)
            ),
            models.CheckConstraint(name="checkin_not_self", condition=~Q(caller=F("resident"))),
        ]

    def __str__(self) -> str:
        return f"CheckInAgreement #{self.pk}"


class CheckIn(models.Model):
    """One call made. Only whether the resident was reached: never what was said."""

    agreement = models.ForeignKey(CheckInAgreement, on_delete=models.CASCADE, related_name="calls")
    due_at = models.DateTimeField(_("was due"))
    done_at = models.DateTimeField(_("called at"))
    reached = models.BooleanField(_("reached"), default=True)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-done_at"]

    def __str__(self) -> str:
        return f"CheckIn #{self.pk}"


class CommunitySignal(models.Model):
    """A signal to the building manager: a missed check-in or a help request nobody took."""

    class Kind(models.TextChoices):
        MISSED_CHECK_IN = "missed_check_in", _("Missed check-in")
        UNCLAIMED_HELP = "unclaimed_help", _("Help request nobody took")

    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    help_request = models.ForeignKey(
        HelpRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    agreement = models.ForeignKey(
        CheckInAgreement, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    due_at = models.DateTimeField(_("was due"))
    created_at = models.DateTimeField(_("signalled at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["help_request"],
                condition=Q(kind="unclaimed_help"),
                name="one_signal_per_help_request",
            ),
            models.UniqueConstraint(
                fields=["agreement", "due_at"],
                condition=Q(kind="missed_check_in"),
                name="one_signal_per_missed_call",
            ),
            models.CheckConstraint(
                name="signal_has_subject",
                condition=(Q(kind="missed_check_in") & Q(agreement__isnull=False))
                | (Q(kind="unclaimed_help") & Q(help_request__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"CommunitySignal #{self.pk}"


class Activity(models.Model):
    class Recurrence(models.TextChoices):
        NONE = "", _("Once")
        WEEKLY = "WEEKLY", _("Every week")
        MONTHLY = "MONTHLY", _("Every month")

    complex = models.ForeignKey("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("name of the activity"), max_length=120)
    description = models.TextField(_("what will we do?"), max_length=2000, blank=True)
    location = models.CharField(_("where"), max_length=120)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    recurrence = models.CharField(_("repeats"), max_length=10, choices=Recurrence.choices, blank=True)
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True)
    capacity = models.PositiveSmallIntegerField(_("maximum number of people"), null=True, blank=True)
    organiser = models.ForeignKey(
        "residents.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(name="activity_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))),
            models.CheckConstraint(
                name="activity_recurrence_valid", condition=Q(recurrence__in=["", "WEEKLY", "MONTHLY"])
            ),
            models.CheckConstraint(
                name="activity_capacity_positive", condition=Q(capacity__isnull=True) | Q(capacity__gte=1)
            ),
            models.CheckConstraint(
                name="recurring_activity_has_end",
                condition=Q(recurrence="") | Q(repeat_until__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActivitySignup(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="signups")
    person = models.ForeignKey("residents.Person", on_delete=models.CASCADE, related_name="+")
    occurrence = models.DateField(_("date"))
    attended = models.BooleanField(_("was there"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["activity", "person", "occurrence"], name="signup_once")
        ]

    def __str__(self) -> str:
        return f"ActivitySignup #{self.pk}"


def _feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The secret address of a complex's iCalendar feed (calendar apps cannot log in)."""

    complex = models.OneToOneField("portfolio.Complex", on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=64, unique=True, default=_feed_token)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return f"CalendarFeed #{self.pk}"


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


def _receipt_path(instance: Receipt, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
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
