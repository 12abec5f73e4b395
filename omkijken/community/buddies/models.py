"""Buddies: SPECIAL-CATEGORY buddy requests (only coordinators read them, through
``omkijken.community.buddies.selectors``, which logs every read) and the pairs made from them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


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
