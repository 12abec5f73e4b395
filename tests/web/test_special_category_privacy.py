"""Special-category data: never shown to residents or the municipality, every read logged once."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.test import Client
from django.urls import reverse

from omkijken.accounts.models import AccessEvent
from omkijken.demo.personas import CARE_PARTNER
from omkijken.residents.models import Household, Person, TargetGroupStatus
from tests.factories import clear_access_events
from tests.second_factor import log_in_verified
from tests.web.pages import demo_pages

pytestmark = pytest.mark.django_db

MARKER = "MARKER-7f3a-SPECIAL-CATEGORY"
SKIP = ("/static/", "/uitloggen/", "/i18n/", "/beheer/logout")


def crawl(client: Client, start: list[str], limit: int = 400) -> dict[str, str]:
    """Every page reachable from ``start`` by following the site's own links (GET only)."""
    seen: dict[str, str] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        response = client.get(url)
        # A download (a project document) streams: its bytes are searched for the marker too.
        raw = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        body = raw.decode("utf-8", errors="replace")
        seen[url] = body
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            for href in re.findall(r'href="(/[^"#]*)"', body):
                href = href.replace("&amp;", "&")
                if href not in seen:
                    queue.append(href)
    return seen


def plant_marker() -> list[int]:
    TargetGroupStatus.objects.update(consent_reference=MARKER)
    # nominations carry the same kind of data (target group, care partner, consent reference)
    from omkijken.letting.models import Nomination

    Nomination.objects.update(consent_reference=MARKER)
    return list(TargetGroupStatus.objects.values_list("household_id", flat=True))


@pytest.mark.parametrize("persona", ["buur", "bewoner", "gemeente", "zoeker", "beheerder", "buurtteam"])
def test_no_page_a_resident_or_municipal_officer_can_reach_shows_special_category_data(
    persona: str, login
) -> None:  # type: ignore[no-untyped-def]
    # given a marker planted in every household's special-category record
    vulnerable_households = plant_marker()
    assert vulnerable_households
    client = login(persona)
    # when the persona follows every link from home, and also guesses the URL of every record
    guessed = [reverse("household_detail", args=[pk]) for pk in vulnerable_households]
    pages = crawl(client, [reverse("home"), *demo_pages().values(), *guessed])
    # then the marker appears on no page at all
    leaking = [url for url, body in pages.items() if MARKER in body]
    assert leaking == []
    assert len(pages) > 5


def test_the_marker_does_show_to_a_letting_officer_so_the_crawl_would_catch_a_leak(login) -> None:  # type: ignore[no-untyped-def]
    # given the marker in the vulnerable resident's record
    plant_marker()
    bewoner = Person.objects.get(user__username="bewoner").household
    # when the letting officer, who needs it, opens that household
    body = login("verhuur").get(reverse("household_detail", args=[bewoner.pk])).content.decode()
    # then it is there: the privacy test above is able to fail
    assert MARKER in body


def test_reading_a_households_special_category_data_writes_exactly_one_access_event(login) -> None:  # type: ignore[no-untyped-def]
    # given a vulnerable household and no reads yet
    clear_access_events()
    household = Person.objects.get(user__username="bewoner").household
    client = login("verhuur")
    url = reverse("household_detail", args=[household.pk])
    # when the letting officer opens it twice
    client.get(url)
    client.get(url)
    # then exactly two events exist, each saying who, whose record, which view and why
    events = list(AccessEvent.objects.all())
    assert len(events) == 2
    for event in events:
        assert event.actor.username == "verhuur"
        assert event.household_id == household.pk
        assert event.corporation_id == household.corporation_id
        assert event.view == "household_detail"
        assert event.purpose == AccessEvent.Purpose.LETTING
        assert event.at is not None


def test_a_household_without_special_category_data_writes_no_access_event(login) -> None:  # type: ignore[no-untyped-def]
    # given a regular household
    clear_access_events()
    household = Person.objects.get(user__username="buur").household
    assert not TargetGroupStatus.objects.filter(household=household).exists()
    # when the letting officer opens it
    login("verhuur").get(reverse("household_detail", args=[household.pk]))
    # then nothing special was read, so nothing is logged
    assert AccessEvent.objects.count() == 0


def test_the_building_manager_sees_neither_target_group_nor_care_lease_and_nothing_is_logged(login) -> None:  # type: ignore[no-untyped-def]
    # given the vulnerable resident in a complex the building manager manages
    clear_access_events()
    household = Person.objects.get(user__username="bewoner").household
    status = TargetGroupStatus.objects.get(household=household, end_date__isnull=True)
    # when the building manager opens the household
    response = login("beheerder").get(reverse("household_detail", args=[household.pk]))
    body = response.content.decode()
    # then the page works but names no target group, partner or care lease type, and logs no read
    assert response.status_code == 200
    assert status.get_target_group_display() not in body
    assert CARE_PARTNER not in body
    assert "Omklap" not in body and "omklap" not in body
    assert AccessEvent.objects.count() == 0


def test_the_care_partner_client_list_logs_one_event_per_client_shown(login) -> None:  # type: ignore[no-untyped-def]
    # given the care partner's clients
    clear_access_events()
    clients = TargetGroupStatus.objects.filter(care_partner__name=CARE_PARTNER, end_date__isnull=True).count()
    assert clients > 0
    # when the coordinator opens the first page of the client list
    response = login("zorgpartner").get(reverse("client_list"))
    # then one event per client on the page is written, all for care coordination
    shown = min(clients, 25)
    assert response.status_code == 200
    assert AccessEvent.objects.count() == shown
    assert set(AccessEvent.objects.values_list("purpose", flat=True)) == {
        AccessEvent.Purpose.CARE_COORDINATION
    }


def test_the_corporation_admin_can_audit_reads_by_anyone_of_its_tenants(login) -> None:  # type: ignore[no-untyped-def]
    # given a read by the care partner of a Woonhaven tenant
    clear_access_events()
    household = Person.objects.get(user__username="bewoner").household
    login("zorgpartner").get(reverse("household_detail", args=[household.pk]))
    # when the corporation's admin opens the access log
    body = login("admin").get(reverse("access_log")).content.decode()
    # then the read is listed with who and whose record
    assert "Mirjam Kok" in body
    assert household.name in body


def test_an_admin_of_another_corporation_sees_none_of_these_reads(login, django_user_model) -> None:  # type: ignore[no-untyped-def]
    # given a read of a Woonhaven tenant, and an admin of the other corporation
    from omkijken.accounts.models import Membership, Organisation, Role
    from omkijken.demo.personas import OTHER_CORPORATION

    household = Person.objects.get(user__username="bewoner").household
    login("verhuur").get(reverse("household_detail", args=[household.pk]))
    other_admin = django_user_model.objects.create(username="admin-oost")
    Membership.objects.create(
        user=other_admin, organisation=Organisation.objects.get(name=OTHER_CORPORATION), role=Role.ADMIN
    )
    client = Client()
    log_in_verified(client, other_admin)
    # when that admin opens the access log
    body = client.get(reverse("access_log")).content.decode()
    # then the Woonhaven read is not there
    assert household.name not in body
    assert Household.objects.filter(pk=household.pk).exists()
