"""Evaluations and the lessons they hold: after each phase, and once a year in operation.

An evaluation is about the project and its work (what went well, what to change), tagged with the
phase, working group, target group and topic so that other projects find it. It never holds
anything about a resident."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.residents.models import TargetGroup


class Evaluation(models.Model):
    class Kind(models.TextChoices):
        PHASE = "phase", _("After a phase")
        YEARLY = "yearly", _("Yearly, in operation")

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="evaluations"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    phase = models.CharField(_("phase"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    held_on = models.DateField(_("held on"))
    went_well = models.TextField(_("what went well"))
    to_change = models.TextField(_("what to change"))
    working_group = models.CharField(_("working group"), max_length=20, blank=True)
    target_group = models.CharField(_("target group"), max_length=4, blank=True, choices=TargetGroup.choices)
    topic = models.CharField(_("topic"), max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(name="evaluation_kind_valid", condition=Q(kind__in=["phase", "yearly"])),
            models.CheckConstraint(
                name="yearly_evaluation_has_a_year", condition=~Q(kind="yearly") | Q(year__isnull=False)
            ),
            models.UniqueConstraint(
                fields=["project", "year"], condition=Q(kind="yearly"), name="one_yearly_evaluation_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_kind_display()} ({self.held_on})"


class LessonSource(models.Model):
    """A project that started like an earlier one ("start like De Brug") carries that project's
    lessons: they come first among the lessons shown for each phase it enters."""

    project = models.OneToOneField(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="lesson_source"
    )
    source = models.ForeignKey(
        "projects.Project", verbose_name=_("started like"), on_delete=models.CASCADE, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lesson source")
        verbose_name_plural = _("lesson sources")
        constraints = [
            models.CheckConstraint(name="lesson_source_not_itself", condition=~Q(project=models.F("source"))),
        ]

    def __str__(self) -> str:
        return f"{self.project} ← {self.source}"
