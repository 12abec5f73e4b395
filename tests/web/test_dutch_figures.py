"""Money and counts as the reader's language writes them, and the words of tables and labels."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from omkijken.accounts.models import ACCESS_VIEW_LABELS, AccessEvent, User
from omkijken.demo.personas import CORPORATION
from omkijken.letting.adverts.models import Advert
from omkijken.residents.models import Lease, Person
from omkijken.web import figures

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "value", "money", "count"),
    [
        ("nl", Decimal("2500"), f"€{NBSP}2.500,00", "2.500"),
        ("nl", Decimal("1066.47"), f"€{NBSP}1.066,47", "1.066"),
        ("nl", 7322, f"€{NBSP}7.322,00", "7.322"),
        ("nl", Decimal("612.4"), f"€{NBSP}612,40", "612"),
        ("en", Decimal("2500"), "€2,500.00", "2,500"),
        ("en", Decimal("1066.47"), "€1,066.47", "1,066"),
        ("en", 7322, "€7,322.00", "7,322"),
    ],
)
def test_money_and_counts_group_thousands_in_the_readers_language(
    language: str, value: Decimal | int, money: str, count: str
) -> None:
    with translation.override(language):
        assert figures.money(value) == money
        assert figures.count(value) == count


def test_a_missing_amount_is_a_dash_not_none() -> None:
    with translation.override("nl"):
        assert figures.money(None) == "–"
        assert figures.count(None) == "–"


def _buur_lease_rent(rent: str) -> int:
    household = Person.objects.get(user__username="buur").household
    today = timezone.localdate()
    lease = Lease.objects.filter(household=household, start_date__lte=today).order_by("-start_date").first()
    assert lease is not None
    Lease.objects.filter(pk=lease.pk).update(net_rent=Decimal(rent))
    return household.pk


def test_a_rent_above_a_thousand_shows_the_dutch_thousands_separator(login) -> None:  # type: ignore[no-untyped-def]
    # given a household whose rent is € 1066,47
    pk = _buur_lease_rent("1066.47")
    # when the letting officer opens it in Dutch
    body = login("verhuur").get(reverse("household_detail", args=[pk])).content.decode()
    # then the rent reads the Dutch way, with the sign kept to the number
    assert f"€{NBSP}1.066,47" in body
    assert "€&nbsp;1066,47" not in body and "€ 1066,47" not in body


def test_the_same_rent_reads_the_english_way_for_an_english_reader(login) -> None:  # type: ignore[no-untyped-def]
    pk = _buur_lease_rent("2500")
    client = login("verhuur")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("household_detail", args=[pk])).content.decode()
    assert "€2,500.00" in body


def test_a_home_with_one_room_says_kamer_and_two_say_kamers(login) -> None:  # type: ignore[no-untyped-def]
    # given an open advert for a home of one room
    today = timezone.localdate()
    advert = (
        Advert.objects.filter(status="published", starts_on__lte=today, ends_on__gte=today)
        .filter(channels__icontains='"REGULAR"', unit__complex__corporation__name=CORPORATION)
        .order_by("pk")
        .first()
    )
    assert advert is not None
    unit = advert.unit
    unit.rooms = 1
    unit.save(update_fields=["rooms"])
    client: Client = login("zoeker")
    # when the applicant opens it
    body = client.get(reverse("letting_homes_detail", args=[advert.pk])).content.decode()
    # then the room count agrees with its number
    assert "1 kamer " in body or "1 kamer<" in body or "1 kamer\n" in body
    assert "1 kamers" not in body
    unit.rooms = 2
    unit.save(update_fields=["rooms"])
    assert "2 kamers" in client.get(reverse("letting_homes_detail", args=[advert.pk])).content.decode()


@pytest.mark.parametrize("page", ["letting_offer_list", "letting_key_handovers"])
def test_the_offers_and_key_handover_tables_name_the_home_column_in_dutch(page: str, login) -> None:  # type: ignore[no-untyped-def]
    body = login("verhuur").get(reverse(page)).content.decode()
    headers = re.findall(r'<th scope="col">([^<]*)</th>', body)
    assert "Woning" in headers
    assert "Home" not in headers


def test_the_api_reference_calls_a_mandatory_field_verplicht_not_te_huisvesten(login) -> None:  # type: ignore[no-untyped-def]
    body = login("verhuur").get(reverse("api_docs")).content.decode()
    headers = set(re.findall(r'<th scope="col">([^<]*)</th>', body))
    assert "Verplicht" in headers
    assert "Te huisvesten" not in headers


def test_the_access_log_names_the_page_that_read_the_data_in_dutch(login) -> None:  # type: ignore[no-untyped-def]
    # given a read logged from the household page of a household of the admin's corporation
    admin = User.objects.get(username="admin")
    household = Person.objects.get(user__username="buur").household
    AccessEvent.objects.create(
        actor=User.objects.get(username="verhuur"),
        actor_role="letting_officer",
        household=household,
        corporation=admin.organisation,
        record="target_group_status",
        view="household_detail",
        purpose=AccessEvent.Purpose.LETTING,
    )
    # when the admin opens the access log
    body = login("admin").get(reverse("access_log")).content.decode()
    cells = re.findall(r"<td>([^<]*)</td>", body)
    # then the page is named in words, not by its code
    assert "Pagina van een huishouden" in cells
    assert "household_detail" not in cells


def test_every_page_that_logs_a_read_has_a_name_for_the_access_log() -> None:
    # given every view name the code writes into an access event
    source = Path(settings.BASE_DIR) / "omkijken"
    names: set[str] = set()
    for path in source.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        names |= set(re.findall(r'\bview(?:: str)? ?= ?"([^"]+)"', text))
        names |= set(re.findall(r'self\._log\([^,]+, "([^"]+)"\)', text))
    assert "household_detail" in names and "api_signal_list" in names
    # then each has its words
    assert names - set(ACCESS_VIEW_LABELS) == set()
