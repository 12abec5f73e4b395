"""Decisions and documents: a log per project, and uploads checked by content and size."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from omkijken.projects.decisions.filecheck import detect_kind
from omkijken.projects.decisions.models import Decision, Document
from omkijken.projects.models import Project

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
EXE = b"MZ\x90\x00" + b"\x00" * 60


def office(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = office({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = office({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})


def kompas() -> Project:
    return Project.objects.get(name="Gemengd wonen Het Kompas")


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF, "pdf"),
        (PNG, "png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "jpg"),
        (DOCX, "docx"),
        (XLSX, "xlsx"),
        (ODT, "odt"),
        (EXE, None),
        (office({"a.txt": "x"}), None),
        (b"hello", None),
    ],
)
def test_the_kind_of_a_document_is_read_from_its_content(content: bytes, kind: str | None) -> None:
    assert detect_kind(io.BytesIO(content)) == kind


def upload(client, project: Project, name: str, content: bytes, title: str = "Beheerplan"):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("project_documents", args=[project.pk]),
        {"title": title, "file": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def test_an_upload_is_stored_under_a_server_chosen_name_and_a_second_one_is_version_two(login) -> None:  # type: ignore[no-untyped-def]
    client = login("projectleider")
    project = kompas()
    assert upload(client, project, "../../etc/plan van mij.pdf", PDF).status_code == 302
    assert upload(client, project, "plan-v2.docx", DOCX).status_code == 302
    first, second = Document.objects.filter(project=project, title="Beheerplan").order_by("version")
    assert (first.version, first.kind, second.version, second.kind) == (1, "pdf", 2, "docx")
    assert "plan van mij" not in first.file.name and ".." not in first.file.name
    assert first.file.name.startswith(f"projects/{project.pk}/") and first.file.name.endswith(".pdf")
    assert first.original_name.endswith("plan van mij.pdf")
    # and a colleague downloads it
    response = login("verhuur").get(reverse("project_document", args=[first.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", EXE, "wordt niet aangenomen"),
        ("plan.docx", PDF, "past niet bij de inhoud"),
        ("plan.exe", PDF, "past niet bij de inhoud"),
    ],
)
def test_a_disguised_upload_is_refused_in_dutch_and_nothing_is_written(login, name, content, message) -> None:  # type: ignore[no-untyped-def]
    before = Document.objects.count()
    response = upload(login("projectleider"), kompas(), name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == before


def test_an_oversized_upload_is_refused_with_the_limit_named(login, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PROJECT_DOCUMENT_MAX_BYTES = 1024
    response = upload(login("projectleider"), kompas(), "groot.pdf", PDF + b"0" * 2000)
    body = response.content.decode()
    assert "de grens is 1,0" in body or "de grens is 1.0" in body
    assert not Document.objects.filter(original_name="groot.pdf").exists()


def test_a_letting_officer_may_read_documents_but_not_upload(login) -> None:  # type: ignore[no-untyped-def]
    response = upload(login("verhuur"), kompas(), "plan.pdf", PDF)
    assert response.status_code == 403


def test_the_leader_records_a_decision_and_a_future_date_is_refused(login) -> None:  # type: ignore[no-untyped-def]
    client = login("projectleider")
    project = kompas()
    data = {
        "what": "Huismeester twee dagen per week",
        "why": "Veel vragen na oplevering",
        "decided_by": "Stuurgroep",
        "decided_on": timezone.localdate().isoformat(),
        "group": "",
    }
    assert client.post(reverse("project_decisions", args=[project.pk]), data).status_code == 302
    assert Decision.objects.filter(project=project, what="Huismeester twee dagen per week").exists()
    page = client.get(reverse("project_decisions", args=[project.pk])).content.decode()
    assert "Veel vragen na oplevering" in page
    response = client.post(
        reverse("project_decisions", args=[project.pk]), {**data, "what": "Later", "decided_on": "2999-01-01"}
    )
    assert "niet in de toekomst" in response.content.decode()
    assert not Decision.objects.filter(what="Later").exists()
