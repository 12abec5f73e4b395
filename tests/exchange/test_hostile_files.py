"""Uploaded files that used to answer 500 (nothing written) answer 400 with a message in Dutch."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from omkijken.exchange.models import ImportBatch
from omkijken.portfolio.models import Unit

pytestmark = pytest.mark.django_db

UNIT = '{"code": "HOSTILE-1", "etage": %s}'


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"[" * 50_000 + b"]" * 50_000, "genest"),
        (("[" + UNIT % ("9" * 5_000) + "]").encode(), "cijfers"),
        (("[" + UNIT % "1e308" + "]").encode(), "te groot"),
        (b'[{"code": "HOSTILE-\\u0000"}]', "NUL"),
        (b'[{"code": "HOSTILE-\\udc00"}]', "surrogaat"),
    ],
    ids=["50000-deep", "5000-digits", "1e308", "nul", "lone-surrogate"],
)
def test_a_hostile_vera_file_is_refused_with_a_message_and_nothing_imported(login, content, says) -> None:  # type: ignore[no-untyped-def]
    before = ImportBatch.objects.count()
    response = login("verhuur").post(
        reverse("letting_exchange"),
        {
            "kind": "vera_eenheden",
            "file": SimpleUploadedFile("e.json", content, content_type="application/json"),
        },
    )
    assert response.status_code == 400
    assert says in response.content.decode()
    assert not Unit.objects.filter(code__startswith="HOSTILE").exists()
    assert ImportBatch.objects.count() == before


def test_a_csv_with_a_nul_byte_is_refused_with_its_row_and_nothing_imported(login) -> None:  # type: ignore[no-untyped-def]
    header = (
        "complexcode;eenheidcode;straat;huisnummer;toevoeging;postcode;plaats;verdieping;kamers;kale_huur"
    )
    text = f"{header}\nVLH;HOSTILE-2;Straat\x00;5;;3997AA;Vechtstad;1;2;612,40\n"
    response = login("verhuur").post(
        reverse("letting_exchange"),
        {"kind": "csv_units", "file": SimpleUploadedFile("e.csv", text.encode(), content_type="text/csv")},
    )
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert not Unit.objects.filter(code="HOSTILE-2").exists()
