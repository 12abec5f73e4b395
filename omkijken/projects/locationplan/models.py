"""A location plan (locatieplan) for a troubled complex or neighbourhood, made by the corporation
with its network partners: wijkbureau, handhaving, buurtteam, GGZ partner, care partners.

A plan holds organisations and actions, never residents: no field points at a household or a
person, and the forms ask partners not to write residents' names in notes or minutes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LocationPlan(models.Model):
    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="location_plans",
        limit_choices_to={"kind": "corporation"},
    )
    name = models.CharField(_("name"), max_length=120)
    complex = models.ForeignKey(
        "portfolio.Complex",
        verbose_name=_("complex"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="location_plans",
    )
    neighbourhood = models.ForeignKey(
        "portfolio.Neighbourhood",
        verbose_name=_("neighbourhood"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="location_plans",
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="location_plans",
    )
    goal = models.TextField(_("goal"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("location plan")
        verbose_name_plural = _("location plans")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["corporation", "name"], name="location_plan_name_unique"),
            models.CheckConstraint(
                name="location_plan_for_complex_or_neighbourhood",
                condition=Q(complex__isnull=False) | Q(neighbourhood__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerKind(models.TextChoices):
    WIJKBUREAU = "wijkbureau", _("Neighbourhood office (wijkbureau)")
    HANDHAVING = "handhaving", _("Enforcement (handhaving)")
    BUURTTEAM = "buurtteam", _("Neighbourhood team (buurtteam)")
    GGZ = "ggz", _("Mental-health partner (GGZ)")
    CARE_PARTNER = "care_partner", _("Care partner")
    CORPORATION = "corporation", _("Housing corporation")


class PlanPartner(models.Model):
    """An organisation in a plan, with its contact for the plan. Its staff see the plan."""

    plan = models.ForeignKey(
        LocationPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="plan_partners",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        verbose_name = _("plan partner")
        verbose_name_plural = _("plan partners")
        ordering = ["plan", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "organisation"], name="plan_partner_once"),
            models.CheckConstraint(
                name="plan_partner_kind_valid", condition=Q(kind__in=[k.value for k in PartnerKind])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.plan})"


class ActionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    BLOCKED = "blocked", _("Blocked")
    DONE = "done", _("Done")


class PlanAction(models.Model):
    plan = models.ForeignKey(
        LocationPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("action"), max_length=200)
    owner = models.ForeignKey(
        PlanPartner, verbose_name=_("owning organisation"), on_delete=models.PROTECT, related_name="actions"
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                name="plan_action_status_valid", condition=Q(status__in=[s.value for s in ActionStatus])
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActionNote(models.Model):
    """A dated progress note on an action, with the status it left the action in."""

    action = models.ForeignKey(
        PlanAction, verbose_name=_("action"), on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField(_("progress note"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.at:%Y-%m-%d}"


class ReviewMeeting(models.Model):
    plan = models.ForeignKey(
        LocationPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("held on"))
    minutes = models.TextField(_("short minutes"), max_length=4000)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.held_on}"
