"""In Chromium: a target group is never recorded by a careless save, and a date field shows its date.

The target-group form (household page) and the nomination form open on an explicit empty choice;
saving without choosing shows a Dutch error and records nothing; the date input shows the date the
server sent (an HTML date input only takes yyyy-MM-dd, so a Dutch "02-12-2026" showed as blank).
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser]


def confirm(page, base_url: str, username: str, then: str) -> None:  # type: ignore[no-untyped-def]
    """Re-authenticate on /inloggen/bevestigen/ with the password and a current code, then go on."""
    from omkijken.accounts.models import User
    from omkijken.demo.personas import DEMO_PASSWORD
    from tests.second_factor import current_code

    page.goto(f"{base_url}/inloggen/bevestigen/?next={then}")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_label("Code", exact=True).fill(current_code(User.objects.get(username=username)))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{base_url}{then}")


def _household_without_status():  # type: ignore[no-untyped-def]
    from omkijken.demo.personas import CORPORATION
    from omkijken.residents.models import Household, TargetGroupStatus

    with_status = TargetGroupStatus.objects.values("household_id")
    household = (
        Household.objects.filter(corporation__name=CORPORATION, leases__isnull=False)
        .exclude(pk__in=with_status)
        .order_by("pk")
        .first()
    )
    assert household is not None
    return household


def test_the_target_group_form_opens_empty_refuses_an_unchosen_save_and_shows_its_date(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.residents.models import TargetGroupStatus

    # given the letting officer on the page of a household with no target group
    household = _household_without_status()
    log_in(page, live_server.url, "verhuur")
    # (recording a target group asks for the password and a code within ten minutes: confirmed first)
    confirm(page, live_server.url, "verhuur", f"/huishoudens/{household.pk}/")
    target_group = page.get_by_label("Doelgroep", exact=True)
    since = page.get_by_label("Sinds")
    # then nothing is chosen for them, and "Sinds" shows today's date
    assert target_group.input_value() == ""
    assert target_group.locator("option:checked").inner_text() == "— Kies een doelgroep —"
    assert since.input_value() == timezone.localdate().isoformat()
    # when they save without choosing a target group, after changing the date
    since.fill("2026-11-02")
    page.get_by_role("button", name="Vastleggen").click()
    page.wait_for_load_state("networkidle")
    # then a Dutch error names the missing choice, nothing is recorded, and the date is kept
    assert page.get_by_text("Kies de doelgroep van het huishouden.").is_visible()
    assert not TargetGroupStatus.objects.filter(household=household).exists()
    assert page.get_by_label("Sinds").input_value() == "2026-11-02"
    assert page.get_by_label("Doelgroep", exact=True).input_value() == ""


def test_the_nomination_form_opens_without_a_target_group_and_refuses_to_save_without_one(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    from omkijken.letting.nominations.models import Nomination

    before = Nomination.objects.count()
    # given the care coordinator on a fresh nomination form
    log_in(page, live_server.url, "zorgpartner")
    page.goto(f"{live_server.url}/verhuur/voordrachten/nieuw/")
    target_group = page.get_by_label("Doelgroep", exact=True)
    # then no target group is chosen, and the nomination date shows today
    assert target_group.input_value() == ""
    assert page.get_by_label("Datum voordracht").input_value() == timezone.localdate().isoformat()
    # when they save without choosing one
    page.locator("form[method=post] button[type=submit]").last.click()
    page.wait_for_load_state("networkidle")
    # then the Dutch error is shown and no nomination is made
    assert page.get_by_text("Kies de doelgroep van het huishouden.").is_visible()
    assert Nomination.objects.count() == before
