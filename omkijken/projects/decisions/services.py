"""Writes of the decisions log and the documents."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.projects.decisions.filecheck import detect_kind, kind_from_name
from omkijken.projects.decisions.models import Decision, Document
from omkijken.projects.models import Project, WorkingGroup
from omkijken.projects.setup.services import check_leader


def max_document_bytes() -> int:
    return int(getattr(settings, "PROJECT_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))


@transaction.atomic
def decision_record(
    *,
    project: Project,
    what: str,
    why: str,
    decided_by: str,
    decided_on: dt.date,
    group: WorkingGroup | None,
    actor: User,
) -> Decision:
    check_leader(actor, project)
    errors: dict[str, str] = {}
    if not what.strip():
        errors["what"] = _("Say what was decided.")
    if not why.strip():
        errors["why"] = _("Say why.")
    if not decided_by.strip():
        errors["decided_by"] = _("Say who decided.")
    if decided_on > timezone.localdate():
        errors["decided_on"] = _("A decision cannot be dated in the future.")
    if group is not None and group.project_id != project.pk:
        errors["group"] = _("This working group belongs to another project.")
    if errors:
        raise ValidationError(errors)
    return Decision.objects.create(
        project=project,
        what=what.strip(),
        why=why.strip(),
        decided_by=decided_by.strip(),
        decided_on=decided_on,
        group=group,
        recorded_by=actor,
    )


@transaction.atomic
def document_upload(*, project: Project, title: str, upload: UploadedFile, actor: User) -> Document:
    """A document, or a new version of one with the same title. Its kind is read from its content;
    it is stored under a name the server chooses."""
    check_leader(actor, project)
    limit = max_document_bytes()
    if not title.strip():
        raise ValidationError({"title": _("Give the document a title.")})
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            {
                "file": _("The file is %(size)s; the limit is %(limit)s.")
                % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
            }
        )
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    kind = detect_kind(upload.file) if upload.file is not None else None
    named = kind_from_name(upload.name or "")
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "This type of file is not accepted. Upload a PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), PNG or JPEG file."
                )
            }
        )
    if named != kind:
        raise ValidationError(
            {"file": _("The file's name does not match its content: it is not what its extension says.")}
        )
    title = title.strip()
    # The project row is the lock that keeps two uploads from taking the same version number.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    latest = Document.objects.filter(project=project, title=title).aggregate(v=Max("version"))["v"]
    document = Document(
        project=project,
        title=title,
        version=(latest or 0) + 1,
        kind=kind,
        original_name=(upload.name or "")[-200:],
        size=size,
        uploaded_by=actor,
    )
    document.file.save("upload", upload, save=False)
    document.save()
    return document
