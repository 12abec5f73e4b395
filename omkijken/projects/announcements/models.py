"""Announcements of a project's communication working group to a complex's residents.

An announcement is sent once (now, or at a scheduled moment by ``send_due_announcements``): each
current household gets a delivery row, by e-mail in its own language or, without an e-mail
address, by a printed letter. Households may opt out of non-essential news."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Announcement(models.Model):
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="announcements"
    )
    complex = models.ForeignKey(
        "portfolio.Complex", verbose_name=_("complex"), on_delete=models.PROTECT, related_name="announcements"
    )
    title = models.CharField(_("title (Dutch)"), max_length=150)
    body = models.TextField(_("message (Dutch)"), max_length=5000)
    title_en = models.CharField(_("title (English)"), max_length=150, blank=True)
    body_en = models.TextField(_("message (English)"), max_length=5000, blank=True)
    essential = models.BooleanField(
        _("essential"),
        default=False,
        help_text=_(
            "Essential news (works, safety, the home itself) also reaches residents who opted out of news."
        ),
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["sent_at", "send_at"])]

    def __str__(self) -> str:
        return self.title

    def title_in(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title

    def body_in(self, language: str) -> str:
        return self.body_en if language == "en" and self.body_en else self.body


class Delivery(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        POST = "post", _("Letter by post")

    announcement = models.ForeignKey(
        Announcement, verbose_name=_("announcement"), on_delete=models.CASCADE, related_name="deliveries"
    )
    household = models.ForeignKey(
        "residents.Household", verbose_name=_("household"), on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    address = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="nl")

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["announcement", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["announcement", "household"], name="one_delivery_per_household"),
            models.CheckConstraint(
                name="email_delivery_has_address", condition=~Q(channel="email") | ~Q(address="")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.announcement} → {self.household_id} ({self.channel})"


class NewsPreference(models.Model):
    """A household's choice about non-essential news (one row once it has chosen)."""

    household = models.OneToOneField(
        "residents.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="news_preference",
    )
    non_essential = models.BooleanField(_("receive non-essential news"), default=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("news preference")
        verbose_name_plural = _("news preferences")

    def __str__(self) -> str:
        return f"{self.household_id}: {self.non_essential}"
