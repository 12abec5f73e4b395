"""The neighbour network's models. Django registers an app's models from here, so this module imports
every model of the sub-contexts (help, buddies, check-ins, activities, fund) and defines the shared
ones: the neighbour profile. The network's signals to the building manager (help nobody took, a
missed or unanswered check-in call) are kinds of ``omkijken.signals.models.Signal``.

Privacy: that a resident asked for a buddy (or that a care partner proposed one) reveals
vulnerability and is treated as special-category data: only coordinators read it, through
``omkijken.community.buddies.selectors``, which logs every read. No model here holds care content.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.community.activities.models import Activity, ActivitySignup, CalendarFeed
from omkijken.community.buddies.models import BuddyPair, BuddyRequest
from omkijken.community.checkins.models import CheckIn, CheckInAgreement
from omkijken.community.fund.models import BudgetLine, FundApplication, FundBudget, Payout, Receipt
from omkijken.community.help.models import HelpKind, HelpOffer, HelpRequest

MAX_BUDDY_CAPACITY = 5


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


__all__ = [
    "MAX_BUDDY_CAPACITY",
    "Activity",
    "ActivitySignup",
    "BudgetLine",
    "BuddyPair",
    "BuddyRequest",
    "CalendarFeed",
    "CheckIn",
    "CheckInAgreement",
    "FundApplication",
    "FundBudget",
    "HelpKind",
    "HelpOffer",
    "HelpRequest",
    "NeighbourProfile",
    "Payout",
    "Receipt",
    "Visibility",
]
