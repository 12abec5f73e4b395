"""A background job as the web shows it (state, progress, result, errors, who started it), and the
outbox that makes a message go out at most once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE = (State.QUEUED, State.RUNNING)

    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    language = models.CharField(_("language"), max_length=5, default="nl")
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # The uploaded file of an import; cleared when the job ends (it may hold personal data).
    upload = models.BinaryField(_("uploaded file"), null=True, blank=True)
    upload_name = models.CharField(_("file name"), max_length=200, blank=True)
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    progress_label = models.CharField(_("step"), max_length=200, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    # A file the job made (an export), downloadable by whoever started the job.
    output = models.BinaryField(_("output"), null=True, blank=True)
    output_name = models.CharField(_("output file name"), max_length=200, blank=True)
    output_type = models.CharField(_("output type"), max_length=100, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # While a job with this key is queued or running, submitting it again returns that job.
    key = models.CharField(_("key"), max_length=120, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(state__in=["queued", "running"]) & ~Q(key=""),
                name="job_one_active_per_key",
            ),
            models.CheckConstraint(
                condition=Q(progress_done__lte=models.F("progress_total")) | Q(progress_total=0),
                name="job_progress_within_total",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "succeeded", "failed"]), name="job_state_valid"
            ),
        ]
        indexes = [models.Index(fields=["started_by", "-created_at"], name="job_started_by_idx")]

    def __str__(self) -> str:
        return f"Job #{self.pk} {self.kind} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)

    @property
    def percent(self) -> int:
        if self.state == self.State.SUCCEEDED:
            return 100
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))


class Delivery(models.Model):
    """One message that must go out at most once (a letter's e-mail), keyed by what it delivers.

    ``claimed_at`` is written and committed before the message is handed to the mail server;
    ``sent_at`` once the server took it. A claim without ``sent_at`` after a crash means "perhaps
    sent": it is never sent again automatically, the job says so instead."""

    key = models.CharField(_("key"), max_length=120, unique=True)
    job = models.ForeignKey(Job, null=True, on_delete=models.SET_NULL, related_name="deliveries")
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return self.key
