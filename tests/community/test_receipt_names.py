"""A receipt is stored under a name the server chooses: a random uuid and the extension of the
content type sniffed from its bytes, never the uploader's name or extension."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from omkijken.community.fund import services as fund_services
from omkijken.community.models import FundApplication

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100


def test_a_png_uploaded_as_poly_html_is_stored_as_a_png_under_a_random_name(
    network, persona, person_of, tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    # given buur's approved application
    application = FundApplication.objects.get(status="approved", applicant=person_of("buur"))
    # when buur uploads a PNG named poly.html
    receipt = fund_services.receipt_upload(
        actor=persona("buur"),
        application=application,
        upload=SimpleUploadedFile("poly.html", PNG, content_type="text/html"),
        amount=Decimal("3.00"),
    )
    # then it is stored as <uuid>.png, with nothing of the uploader's name
    name = receipt.file.name.rsplit("/", 1)[-1]
    assert re.fullmatch(r"[0-9a-f]{32}\.png", name), name
    assert "poly" not in receipt.file.name and ".html" not in receipt.file.name
    assert (tmp_path / receipt.file.name).read_bytes() == PNG
