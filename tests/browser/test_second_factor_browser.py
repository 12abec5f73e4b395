"""In a real browser: the second login step as a person goes through it (enrolment, a code from the
app, a recovery code, the lockout, and re-authentication before a special-category export).
Codes are computed from the device's key with django-otp's TOTP, as the person's app would."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from omkijken.accounts.models import Organisation, Role, User
from omkijken.accounts.twofactor import new_recovery_codes
from omkijken.demo.personas import CORPORATION, DEMO_PASSWORD
from tests.browser.conftest import axe_violations, log_in
from tests.factories import make_login
from tests.second_factor import current_code

pytestmark = [pytest.mark.browser]


def password(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")


def test_a_new_staff_member_enrols_with_the_qr_code_and_keeps_the_recovery_codes(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    # given a letting officer whose account was just made
    user = make_login(
        username="nieuw", organisation=Organisation.objects.get(name=CORPORATION), role=Role.LETTING_OFFICER
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    # when they log in for the first time
    password(page, live_server.url, "nieuw")
    # then they must set up the app before anything else, with a QR code and a key to type
    assert "/inloggen/instellen/" in page.url
    assert page.locator("figure.qr-code svg").count() == 1
    key = page.locator("code.totp-key").inner_text()
    assert len(key.replace(" ", "")) == 32
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/huishoudens/")
    assert "/inloggen/instellen/" in page.url
    # when they enter the code their app shows
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("Code uit de app").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Bevestigen en verder").click()
    # then ten recovery codes are shown once, and after that the page they asked for opens
    page.wait_for_url("**/inloggen/herstelcodes/**")
    assert page.locator("ul.recovery-codes li").count() == 10
    page.get_by_role("button", name="Ik heb ze bewaard; verder").click()
    page.wait_for_url(f"{live_server.url}/huishoudens/")
    assert TOTPDevice.objects.get(user=user).confirmed


def test_a_staff_member_logs_in_with_the_code_from_the_app(page, live_server, demo_world_committed) -> None:  # type: ignore[no-untyped-def]
    # when the letting officer gives the password
    password(page, live_server.url, "verhuur")
    # then the code is asked, with an accessible form
    assert "/inloggen/code/" in page.url
    assert page.locator("nav.site-nav").count() == 0
    assert axe_violations(page) == []
    # when the current code is entered
    page.get_by_label("Code", exact=True).fill(current_code(User.objects.get(username="verhuur")))
    page.get_by_role("button", name="Bevestigen").click()
    # then their home page greets them
    page.wait_for_url(f"{live_server.url}/")
    assert "Sanne" in page.get_by_role("heading", level=1).inner_text()


def test_a_recovery_code_logs_in_once(page, live_server, demo_world_committed) -> None:  # type: ignore[no-untyped-def]
    # given a building manager who lost their phone but kept the recovery codes
    codes = new_recovery_codes(user=User.objects.get(username="beheerder"))
    # when they log in with one
    password(page, live_server.url, "beheerder")
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Bevestigen").click()
    # then they are in, told how many are left, and that code is gone
    page.wait_for_url(f"{live_server.url}/")
    assert "er zijn er nog 9" in page.locator(".messages").inner_text()
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    # and it does not work a second time
    page.get_by_role("button", name=re.compile("Uitloggen")).click()
    password(page, live_server.url, "beheerder")
    page.get_by_label("Code", exact=True).fill(codes[0])
    page.get_by_role("button", name="Bevestigen").click()
    assert "Deze code klopt niet" in page.locator(".errorlist").inner_text()


def test_five_wrong_codes_lock_the_account_as_wrong_passwords_do(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    password(page, live_server.url, "gemeente")
    # when five wrong codes are entered
    for _ in range(5):
        page.get_by_label("Code", exact=True).fill("000000")
        page.get_by_role("button", name="Bevestigen").click()
        page.wait_for_load_state("networkidle")
    # then the lockout page says so, in Dutch, and the right password no longer helps
    assert "Te veel mislukte inlogpogingen" in page.content()
    password(page, live_server.url, "gemeente")
    assert "Te veel mislukte inlogpogingen" in page.content()


def test_a_special_category_export_asks_to_confirm_with_password_and_code(
    page, live_server, demo_world_committed
) -> None:  # type: ignore[no-untyped-def]
    # given the letting officer, logged in through both steps
    log_in(page, live_server.url, "verhuur")
    # when they ask for the export with special-category data
    page.goto(f"{live_server.url}/verhuur/uitwisseling/export/kandidaten/?bijzonder=1")
    # then they confirm it is them first
    assert "/inloggen/bevestigen/" in page.url
    assert axe_violations(page) == []
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_label("Code", exact=True).fill(current_code(User.objects.get(username="verhuur")))
    with page.expect_download() as download:
        page.get_by_role("button", name="Bevestigen").click()
    # and then the file downloads
    assert download.value.suggested_filename.startswith("vera-kandidaten-")
