"""A project's decisions log and its documents."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from omkijken.accounts.access import actor, requires
from omkijken.accounts.policy import can
from omkijken.projects import work_selectors as sel
from omkijken.projects.decisions import services
from omkijken.projects.decisions.models import Document
from omkijken.projects.work_forms import DecisionForm, DocumentForm
from omkijken.web.ui import form_page

CONTENT_TYPES: dict[str, str] = {
    Document.Kind.PDF: "application/pdf",
    Document.Kind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    Document.Kind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    Document.Kind.ODT: "application/vnd.oasis.opendocument.text",
    Document.Kind.PNG: "image/png",
    Document.Kind.JPEG: "image/jpeg",
}


@requires("view_project_work")
def project_decisions(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    project = sel.project_for(user, pk)
    if request.method == "POST" and not can(user, "change_project"):
        raise PermissionDenied
    form = DecisionForm(request.POST or None, groups=sel.WorkingGroup.objects.filter(project=project))
    return form_page(
        request,
        form,
        template="projects/project_decisions.html",
        save=lambda f: services.decision_record(project=project, actor=user, **f.cleaned_data),
        done=lambda d: redirect("project_decisions", pk=project.pk),
        success=_("The decision was recorded."),
        context={
            "project": project,
            "decisions": list(sel.decisions_of(project)),
            "may_change": can(user, "change_project"),
        },
    )


@requires("view_project_work")
def project_documents(request: HttpRequest, pk: int) -> HttpResponse:
    user = actor(request)
    project = sel.project_for(user, pk)
    if request.method == "POST" and not can(user, "change_project"):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
    return form_page(
        request,
        form,
        template="projects/project_documents.html",
        save=lambda f: services.document_upload(
            project=project, title=f.cleaned_data["title"], upload=f.cleaned_data["file"], actor=user
        ),
        done=lambda d: redirect("project_documents", pk=project.pk),
        success=_("The document was uploaded."),
        context={
            "project": project,
            "documents": list(sel.documents_of(project)),
            "may_change": can(user, "change_project"),
            "limit": services.max_document_bytes(),
        },
    )


@requires("view_project_work")
def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    document = sel.document_for(actor(request), pk)
    filename = f"{document.title}-v{document.version}.{document.kind}"
    response: HttpResponse = FileResponse(  # type: ignore[assignment]  # streamed, served like any page
        document.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=CONTENT_TYPES[document.kind],
    )
    return response
