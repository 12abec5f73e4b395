"""In a real browser: an admin invites a colleague, who sets a password from the mailed link and
logs in; and a password reset by e-mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from tests.browser.conftest import axe_violations, enter_code, log_in

pytestmark = [pytest.mark.browser]

INVITATION = re.compile(r"https?://[^\s]+?(/uitnodiging/[^\s]+/)")
RESET = re.compile(r"https?://[^\s]+?(/wachtwoord-herstellen/[^\s]+/)")


def log_in_as(page, base_url: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    """The real login: the password, then the second step a staff login needs: the code from the
    app, or (at the first login) the enrolment with the code the new app shows."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from omkijken.accounts.models import User

    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    if "/inloggen/code/" in page.url:
        enter_code(page, username)
    elif "/inloggen/instellen/" in page.url:
        device = TOTPDevice.objects.get(user=User.objects.get(username=username))
        page.get_by_label("Code uit de app").fill(f"{TOTP(device.bin_key).token():06d}")
        page.get_by_role("button", name="Bevestigen en verder").click()
        page.wait_for_url("**/inloggen/herstelcodes/**")
        page.get_by_role("button", name="Ik heb ze bewaard; verder").click()
        page.wait_for_load_state("networkidle")


def test_an_admin_invites_a_colleague_who_sets_a_password_from_the_mail_and_logs_in(  # type: ignore[no-untyped-def]
    page, live_server, demo_world_committed
) -> None:
    mail.outbox.clear()
    # given the corporation's administrator on the account page, reached from "Mijn account"
    log_in(page, live_server.url, "admin")
    page.get_by_role("link", name="Mijn account").click()
    page.get_by_role("link", name="Accounts van Woonhaven beheren").click()
    page.get_by_role("link", name="Collega uitnodigen").click()
    # and, because inviting changes who may read what, they confirm with password and code first
    assert "/inloggen/bevestigen/" in page.url
    from omkijken.accounts.models import User
    from omkijken.demo.personas import DEMO_PASSWORD
    from tests.second_factor import current_code

    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_label("Code", exact=True).fill(current_code(User.objects.get(username="admin")))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/accounts/uitnodigen/**")
    assert axe_violations(page) == []
    # when they invite a colleague as letting officer
    page.get_by_label("E-mailadres").fill("noor.jansen@woonhaven.example")
    page.get_by_label("Rol").select_option(label="Verhuurconsulent")
    page.get_by_label("Functie").fill("Verhuurconsulent")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    # then the invitation is listed as open and a Dutch mail went out with the link
    page.get_by_text("De uitnodiging is verstuurd.").wait_for()
    assert (
        "noor.jansen@woonhaven.example"
        in page.locator("table", has_text="Openstaande uitnodigingen").inner_text()
    )
    assert len(mail.outbox) == 1 and "Uitnodiging voor Omkijken" in mail.outbox[0].subject
    found = INVITATION.search(mail.outbox[0].body)
    assert found is not None, mail.outbox[0].body
    page.context.clear_cookies()
    # when the colleague opens the link and chooses a password
    page.goto(f"{live_server.url}{found.group(1)}")
    assert "Woonhaven" in page.get_by_role("main").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Jansen")
    page.get_by_label("Wachtwoord", exact=True).fill("Zomer-aan-de-Vliet-42")
    page.get_by_label("Wachtwoord nog een keer").fill("Zomer-aan-de-Vliet-42")
    page.get_by_role("button", name="Mijn account aanmaken").click()
    # then they are sent to log in, and log in with their address and the new password
    page.get_by_text("Je account is klaar.").wait_for()
    log_in_as(page, live_server.url, "noor.jansen@woonhaven.example", "Zomer-aan-de-Vliet-42")
    assert page.url.rstrip("/") == live_server.url
    assert "Noor" in page.get_by_role("heading", level=1).inner_text()
    # and the link does not work a second time
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{found.group(1)}")
    assert "al gebruikt" in page.get_by_role("main").inner_text()


def test_a_forgotten_password_is_reset_through_the_mailed_link(  # type: ignore[no-untyped-def]
    page, live_server, demo_world_committed
) -> None:
    mail.outbox.clear()
    # given the login page
    page.goto(f"{live_server.url}/inloggen/")
    # when the letting officer asks for a new password by e-mail
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    assert axe_violations(page) == []
    page.get_by_label("E-mailadres").fill("verhuur@example.org")
    page.get_by_role("button", name="Link versturen").click()
    page.get_by_role("heading", name="Kijk in je e-mail").wait_for()
    found = RESET.search(mail.outbox[0].body)
    assert found is not None, mail.outbox[0].body
    # and opens the link and chooses a new password
    page.goto(f"{live_server.url}{found.group(1)}")
    page.get_by_label("Nieuw wachtwoord", exact=True).fill("Nieuw-Voorjaar-2027")
    page.get_by_label("Nieuw wachtwoord bevestigen").fill("Nieuw-Voorjaar-2027")
    page.get_by_role("button", name="Nieuw wachtwoord opslaan").click()
    page.get_by_role("heading", name="Wachtwoord opgeslagen").wait_for()
    # then the new password logs her in
    log_in_as(page, live_server.url, "verhuur", "Nieuw-Voorjaar-2027")
    assert page.url.rstrip("/") == live_server.url
    assert "Sanne" in page.get_by_role("heading", level=1).inner_text()
