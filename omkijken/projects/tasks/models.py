"""Phase checklists per working group: templates the project leader edits, and the tasks they make.

A template belongs to a project; a new project copies another project's templates ("start like De
Brug"). When a project enters a phase, that phase's templates become tasks. Milestones (key
handovers and the like) are dated points the portfolio shows ahead of time.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.projects.models import Phase, WorkingGroup


class TaskTemplate(models.Model):
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="task_templates"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    group_kind = models.CharField(_("working group"), max_length=20, choices=WorkingGroup.Kind.choices)
    title = models.CharField(_("task"), max_length=200)
    due_after_days = models.PositiveSmallIntegerField(
        _("due after (days)"), default=30, help_text=_("Days after the phase starts.")
    )

    class Meta:
        verbose_name = _("task template")
        verbose_name_plural = _("task templates")
        ordering = ["project", "phase", "group_kind", "due_after_days", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "phase", "group_kind", "title"], name="task_template_once_per_phase_group"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        BLOCKED = "blocked", _("Blocked")
        DONE = "done", _("Done")

    class Source(models.TextChoices):
        TEMPLATE = "template", _("Phase checklist")
        MANUAL = "manual", _("Added by hand")
        SUPPORT_END = "support_end", _("End of a support period")
        OMKLAP = "omklap", _("Omklap flip date")

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="tasks"
    )
    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="tasks"
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    title = models.CharField(_("task"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_tasks",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    # What a generated task is about (an agreement's or a lease's id), so it is made only once.
    source_key = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                name="task_status_valid", condition=Q(status__in=["open", "blocked", "done"])
            ),
            models.CheckConstraint(
                name="task_done_has_who_and_when",
                condition=~Q(status="done") | (Q(done_by__isnull=False) & Q(done_at__isnull=False)),
            ),
            models.UniqueConstraint(
                fields=["project", "source", "source_key"],
                condition=~Q(source_key=""),
                name="generated_task_once",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="task_status_due")]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    class Kind(models.TextChoices):
        KEY_HANDOVER = "key_handover", _("Key handover")
        OTHER = "other", _("Other milestone")

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.KEY_HANDOVER)
    title = models.CharField(_("title"), max_length=200)
    on = models.DateField(_("date"))

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return self.title
