"""A project's decisions log and its documents (with versions)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.projects.models import WorkingGroup


class Decision(models.Model):
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="decisions"
    )
    what = models.CharField(_("decision"), max_length=300)
    why = models.TextField(_("reason"))
    decided_by = models.CharField(_("decided by"), max_length=200)
    decided_on = models.DateField(_("date"))
    group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.what


def document_path(instance: Document, filename: str) -> str:
    """A server-chosen name: the uploader's file name is kept only as a label."""
    return f"projects/{instance.project_id}/{uuid.uuid4().hex}.{instance.kind}"


class Document(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word (DOCX)"
        XLSX = "xlsx", "Excel (XLSX)"
        ODT = "odt", "OpenDocument (ODT)"
        PNG = "png", "PNG"
        JPEG = "jpg", "JPEG"

    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"))
    kind = models.CharField(_("type"), max_length=5, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["project", "title", "version"], name="document_version_once"),
            models.CheckConstraint(name="document_version_positive", condition=Q(version__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"
