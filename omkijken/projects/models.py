"""Mixed-living projects (gemengd wonen): mix targets, phases, working groups, care-partner agreements."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# Sub-contexts keep their own models; importing them here registers them with Django.
from omkijken.projects.announcements.models import Announcement, Delivery, NewsPreference  # noqa: F401
from omkijken.projects.feeds.models import ProjectCalendarFeed  # noqa: F401
from omkijken.projects.lessons.models import Evaluation  # noqa: F401
from omkijken.projects.locationplan.models import (  # noqa: F401
    ActionNote,
    LocationPlan,
    PlanAction,
    PlanPartner,
    ReviewMeeting,
)


class Phase(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    DEVELOPMENT = "development", _("Development")
    RECRUITMENT = "recruitment", _("Recruitment and selection")
    OPENING = "opening", _("Opening and key handover")
    OPERATION = "operation", _("Operation")
    EVALUATION = "evaluation", _("Evaluation")
    HANDOVER = "handover", _("Handover")


PHASE_ORDER = [p.value for p in Phase]


class Project(models.Model):
    """A mixed-living project over one or more complexes, with a target vulnerable share."""

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="projects",
        limit_choices_to={"kind": "corporation"},
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    complexes = models.ManyToManyField(
        "portfolio.Complex", verbose_name=_("complexes"), related_name="projects"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.INITIATIVE)
    target_vulnerable_share = models.DecimalField(
        _("target vulnerable share"),
        max_digits=4,
        decimal_places=3,
        help_text=_("Share of homes for vulnerable households, e.g. 0.300 for 30%."),
    )
    tolerance = models.DecimalField(
        _("tolerance"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.050"),
        help_text=_("e.g. 0.050 for ±5 points."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_projects",
    )

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["corporation", "name"], name="project_name_unique_per_corporation"
            ),
            models.CheckConstraint(
                name="project_target_share_between_0_and_1",
                condition=Q(target_vulnerable_share__gte=0) & Q(target_vulnerable_share__lte=1),
            ),
            models.CheckConstraint(
                name="project_tolerance_between_0_and_half",
                condition=Q(tolerance__gte=0) & Q(tolerance__lte=Decimal("0.5")),
            ),
            models.CheckConstraint(name="project_phase_valid", condition=Q(phase__in=PHASE_ORDER)),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def upper_limit(self) -> Decimal:
        return min(Decimal(1), self.target_vulnerable_share + self.tolerance)

    @property
    def lower_limit(self) -> Decimal:
        return max(Decimal(0), self.target_vulnerable_share - self.tolerance)


class PhaseChange(models.Model):
    """History of a project's phases: who moved it, when, and why."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="phase_changes"
    )
    from_phase = models.CharField(_("from"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("to"), max_length=20, choices=Phase.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_phase} → {self.to_phase}"


class WorkingGroup(models.Model):
    class Kind(models.TextChoices):
        MANAGEMENT = "beheer", _("Management (beheer)")
        LETTING = "verhuur", _("Letting (verhuur)")
        COMMUNICATION = "communicatie", _("Communication (communicatie)")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="working_groups"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="WorkingGroupMember",
        verbose_name=_("members"),
        related_name="working_groups",
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["project", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "kind"], name="one_working_group_of_a_kind_per_project"
            ),
            models.CheckConstraint(
                name="working_group_kind_valid", condition=Q(kind__in=["beheer", "verhuur", "communicatie"])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.get_kind_display()}"


class WorkingGroupMember(models.Model):
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="+"
    )
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        verbose_name = _("working-group member")
        verbose_name_plural = _("working-group members")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="working_group_member_once"),
            models.UniqueConstraint(
                fields=["group"], condition=Q(is_chair=True), name="one_chair_per_working_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.group})"


class CarePartnerAgreement(models.Model):
    """A care partner's agreement for one complex of a project: how many clients it supports there,
    and the room it uses in the building."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="agreements"
    )
    complex = models.ForeignKey(
        "portfolio.Complex", verbose_name=_("complex"), on_delete=models.PROTECT, related_name="agreements"
    )
    care_partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("care partner"),
        on_delete=models.PROTECT,
        related_name="agreements",
        limit_choices_to={"kind": "care_partner"},
    )
    capacity = models.PositiveSmallIntegerField(_("support capacity (clients)"))
    room = models.CharField(_("room in the building"), max_length=120, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    support_months = models.PositiveSmallIntegerField(_("support period (months)"), default=36)

    class Meta:
        verbose_name = _("care-partner agreement")
        verbose_name_plural = _("care-partner agreements")
        ordering = ["project", "care_partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "complex", "care_partner"], name="one_agreement_per_partner_complex"
            ),
            models.CheckConstraint(
                name="agreement_end_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.care_partner} – {self.complex}"


# The sub-contexts' models, imported so that Django registers them (as letting/models.py does).
from omkijken.projects.decisions.models import Decision, Document  # noqa: E402
from omkijken.projects.partners.models import PartnerTalk, PartnerTalkNote  # noqa: E402
from omkijken.projects.tasks.models import Milestone, Task, TaskTemplate  # noqa: E402

__all__ = [
    "PHASE_ORDER",
    "CarePartnerAgreement",
    "Decision",
    "Document",
    "Milestone",
    "PartnerTalk",
    "PartnerTalkNote",
    "Phase",
    "PhaseChange",
    "Project",
    "Task",
    "TaskTemplate",
    "WorkingGroup",
    "WorkingGroupMember",
]
