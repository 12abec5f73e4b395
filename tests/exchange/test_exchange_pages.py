"""The import and export pages: who may use them, what an upload shows, what a download holds."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from omkijken.accounts.models import AccessEvent, Organisation
from omkijken.demo.personas import CORPORATION, OTHER_CORPORATION
from omkijken.exchange.models import ImportBatch
from omkijken.exchange.vera import schema
from omkijken.exchange.vera.codes import SENSITIVE_URGENCY
from omkijken.letting.models import Registration
from omkijken.portfolio.models import Complex, Unit

pytestmark = pytest.mark.django_db

HEADER = "complexcode;eenheidcode;straat;huisnummer;toevoeging;postcode;plaats;verdieping;kamers;kale_huur"


def csv_file(code: str, rent: str = "612,40") -> SimpleUploadedFile:
    text = f"{HEADER}\n{code};PAGE-1;Paginastraat;5;;3997AA;Vechtstad;1;2;{rent}\n"
    return SimpleUploadedFile("eenheden.csv", text.encode("cp1252"), content_type="text/csv")


def own_complex_code() -> str:
    return Complex.objects.filter(corporation__name=CORPORATION).order_by("code").first().code


def test_the_officer_uploads_a_csv_and_sees_the_counts(login):
    client = login("verhuur")
    response = client.post(
        reverse("letting_exchange"), {"kind": "csv_units", "file": csv_file(own_complex_code())}, follow=True
    )
    assert response.status_code == 200
    batch = ImportBatch.objects.get(filename="eenheden.csv", corporation__name=CORPORATION)
    assert response.redirect_chain[-1][0] == reverse("letting_exchange_batch", args=[batch.pk])
    assert batch.created == 1
    assert Unit.objects.filter(code="PAGE-1").exists()


def test_an_upload_with_a_broken_row_shows_row_and_column_and_imports_nothing(login):
    client = login("verhuur")
    response = client.post(
        reverse("letting_exchange"),
        {"kind": "csv_units", "file": csv_file(own_complex_code(), rent="gratis")},
    )
    assert response.status_code == 400
    errors = response.context["errors"]
    assert [(e.row, e.column) for e in errors] == [(2, "kale_huur")]
    page = response.content.decode()
    assert "kale_huur" in page and "gratis" in page and 'role="alert"' in page
    assert not Unit.objects.filter(code="PAGE-1").exists()


def test_an_upload_without_a_file_says_what_is_missing(login):
    response = login("verhuur").post(reverse("letting_exchange"), {"kind": "csv_units"})
    assert response.status_code == 400
    assert "file" in response.context["form"].errors


def test_a_vera_upload_with_a_bad_message_names_its_json_path(login):
    bad = json.dumps([{"code": "X", "etage": "hoog"}]).encode()
    response = login("verhuur").post(
        reverse("letting_exchange"),
        {"kind": "vera_eenheden", "file": SimpleUploadedFile("e.json", bad, content_type="application/json")},
    )
    assert response.status_code == 400
    assert "$[0].etage" in response.content.decode()


def body(response) -> bytes:
    """The export is streamed: its body is read from the pieces."""
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("kind", ["eenheden", "kandidaten", "aanbiedingen", "toewijzingen"])
def test_the_export_download_is_a_valid_vera_document(login, kind):
    response = login("verhuur").get(reverse("letting_exchange_export", args=[kind]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    for item in json.loads(body(response)):
        assert schema.check(item, schema.KINDS[kind]) == []


def test_the_units_export_holds_only_the_own_corporations_units(login):
    items = json.loads(body(login("verhuur").get(reverse("letting_exchange_export", args=["eenheden"]))))
    own = Unit.objects.filter(complex__corporation__name=CORPORATION).count()
    assert len(items) == own
    other_codes = set(
        Complex.objects.filter(corporation__name=OTHER_CORPORATION).values_list("code", flat=True)
    )
    own_codes = set(Complex.objects.filter(corporation__name=CORPORATION).values_list("code", flat=True))
    assert {i["clusters"][0]["code"] for i in items} <= own_codes
    assert other_codes - own_codes == other_codes - {i["clusters"][0]["code"] for i in items}


def test_an_unknown_export_kind_is_not_found(login):
    assert login("verhuur").get(reverse("letting_exchange_export", args=["publicaties"])).status_code == 404


@pytest.mark.parametrize(
    "username", ["projectleider", "beheerder", "zorgpartner", "gemeente", "buur", "bewoner"]
)
def test_other_roles_may_not_upload(login, username):
    response = login(username).post(reverse("letting_exchange"), {"kind": "csv_units", "file": csv_file("X")})
    assert response.status_code == 403
    assert not ImportBatch.objects.filter(filename="eenheden.csv").exists()


def test_another_corporations_import_is_not_found(login):
    other = ImportBatch.objects.create(
        corporation=Organisation.objects.get(name=OTHER_CORPORATION),
        kind="csv_units",
        filename="x.csv",
        sha256="0",
    )
    assert login("verhuur").get(reverse("letting_exchange_batch", args=[other.pk])).status_code == 404
    assert login("admin").get(reverse("letting_exchange_batch", args=[other.pk])).status_code == 404


def test_a_special_category_download_is_logged_per_household_and_a_plain_one_is_not(login, world):
    client = login("verhuur", reauthenticated=True)  # the special one asks for password and code again
    plain = json.loads(body(client.get(reverse("letting_exchange_export", args=["kandidaten"]))))
    assert '"MED"' not in json.dumps(plain)
    assert not AccessEvent.objects.filter(purpose=AccessEvent.Purpose.EXPORT).exists()
    special = client.get(reverse("letting_exchange_export", args=["kandidaten"]) + "?bijzonder=1")
    assert '"MED"' in body(special).decode()
    logged = AccessEvent.objects.filter(purpose=AccessEvent.Purpose.EXPORT)
    sensitive = Registration.objects.filter(
        household__corporation=world.corporation, urgency_category__in=SENSITIVE_URGENCY
    ).values_list("household_id", flat=True)
    assert sorted(logged.values_list("household_id", flat=True)) == sorted(sensitive)
    assert logged.filter(household=world.households[1]).count() == 1
