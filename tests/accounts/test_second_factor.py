"""The second login step, recovery codes, the shared lockout, re-authentication and the idle timeout,
through the real pages with Django's test client (codes computed with django-otp's TOTP)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from omkijken.accounts.models import AccessEvent, Organisation, Role, User
from omkijken.accounts.twofactor import new_recovery_codes
from omkijken.demo.personas import CORPORATION, DEMO_PASSWORD
from omkijken.residents.models import Person, TargetGroupStatus
from tests.factories import make_login
from tests.second_factor import current_code

pytestmark = pytest.mark.django_db


def password_step(client: Client, username: str, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD}, **extra)


def test_a_staff_member_goes_from_the_password_to_the_code_step_and_sees_no_page_before_it() -> None:
    client = Client()
    # when the letting officer gives the right password
    response = password_step(client, "verhuur")
    # then the next step is the code, and every other page sends them back to it
    assert response.status_code == 302 and response["Location"] == reverse("two_factor_verify")
    home = client.get(reverse("household_list"))
    assert home.status_code == 302 and home["Location"].startswith(reverse("two_factor_verify"))
    assert client.get("/api/me/").status_code == 403


def test_the_code_from_the_app_opens_the_application() -> None:
    client = Client()
    password_step(client, "verhuur")
    # when the code the app shows now is entered
    response = client.post(
        reverse("two_factor_verify"), {"code": current_code(User.objects.get(username="verhuur"))}
    )
    # then the home page opens, and so does any other page
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("household_list")).status_code == 200


def test_a_recovery_code_logs_in_once_and_is_used_up() -> None:
    user = User.objects.get(username="beheerder")
    code = new_recovery_codes(user=user)[0]
    client = Client()
    password_step(client, "beheerder")
    # when a recovery code is entered
    response = client.post(reverse("two_factor_verify"), {"code": code.upper()})
    # then the person is in, warned, and the code no longer exists
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert not StaticToken.objects.filter(token=code).exists()
    # and the same code does not work a second time
    again = Client()
    password_step(again, "beheerder")
    refused = again.post(reverse("two_factor_verify"), {"code": code})
    assert refused.status_code == 400
    assert "Deze code klopt niet" in refused.content.decode()


def test_five_wrong_codes_lock_the_account_like_five_wrong_passwords() -> None:
    client = Client()
    password_step(client, "verhuur")
    # when four wrong codes are entered
    for _ in range(4):
        assert client.post(reverse("two_factor_verify"), {"code": "000000"}).status_code == 400
    # then the fifth locks the account and ends the half-open session
    locked = client.post(reverse("two_factor_verify"), {"code": "000000"})
    assert locked.status_code == 429
    assert "Te veel mislukte inlogpogingen" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # and even the right password is refused on this address for now
    assert password_step(Client(), "verhuur").status_code == 429


def test_wrong_passwords_and_wrong_codes_count_together() -> None:
    for _ in range(3):
        Client().post(reverse("login"), {"username": "gemeente", "password": "fout"})
    client = Client()
    password_step(client, "gemeente")
    assert client.post(reverse("two_factor_verify"), {"code": "111111"}).status_code == 400
    assert client.post(reverse("two_factor_verify"), {"code": "111111"}).status_code == 429


def test_a_new_staff_member_must_enrol_at_the_first_login_and_gets_recovery_codes() -> None:
    corporation = Organisation.objects.get(name=CORPORATION)
    user = make_login(username="nieuwe-verhuurder", organisation=corporation, role=Role.LETTING_OFFICER)
    user.set_password(DEMO_PASSWORD)
    user.save()
    client = Client()
    # when they log in with their password
    response = password_step(client, "nieuwe-verhuurder")
    # then they are sent to the enrolment, which shows a QR code and the key
    assert response["Location"] == reverse("two_factor_enrol")
    page = client.get(reverse("two_factor_enrol"))
    assert "<svg" in page.content.decode() and "Sleutel om in de app te typen" in page.content.decode()
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_enrol"))
    # when they confirm with a code from the app (computed from the shown device's key)
    device = TOTPDevice.objects.get(user=user)
    confirmed = client.post(reverse("two_factor_enrol"), {"code": f"{TOTP(device.bin_key).token():06d}"})
    # then the device is confirmed, ten recovery codes are shown once, and the application opens
    assert confirmed["Location"] == reverse("two_factor_codes")
    codes = client.get(reverse("two_factor_codes"))
    assert codes.content.decode().count("<code>") == 10
    assert client.get(reverse("two_factor_codes")).status_code == 302
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(reverse("home")).status_code == 200


def test_a_resident_logs_in_with_the_password_alone_and_may_turn_the_second_step_on() -> None:
    client = Client()
    response = password_step(client, "buur")
    assert response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    page = client.get(reverse("account_security"))
    assert "Tweede inlogstap aanzetten" in page.content.decode()


def test_a_special_category_export_asks_for_the_password_and_a_code_first(login) -> None:  # type: ignore[no-untyped-def]
    client = login("verhuur")
    url = reverse("letting_exchange_export", args=["kandidaten"]) + "?bijzonder=1"
    # when the export is asked for without a recent confirmation
    response = client.get(url)
    # then the confirmation page comes first and nothing was exported or logged
    assert response.status_code == 302 and response["Location"].startswith(reverse("reauthenticate"))
    assert not AccessEvent.objects.filter(purpose=AccessEvent.Purpose.EXPORT).exists()
    # when a wrong code is given, it is refused
    wrong = client.post(
        reverse("reauthenticate") + "?next=" + url, {"password": DEMO_PASSWORD, "code": "000000", "next": url}
    )
    assert wrong.status_code == 400 and "Deze code klopt niet" in wrong.content.decode()
    # when the password and the current code are given
    code = current_code(User.objects.get(username="verhuur"))
    confirmed = client.post(reverse("reauthenticate"), {"password": DEMO_PASSWORD, "code": code, "next": url})
    assert confirmed["Location"] == url
    # then the export downloads
    export = client.get(url)
    assert export.status_code == 200
    assert '"MED"' in b"".join(export.streaming_content).decode()  # type: ignore[attr-defined]


def test_the_confirmation_lasts_ten_minutes(login) -> None:  # type: ignore[no-untyped-def]
    url = reverse("letting_exchange_export", args=["kandidaten"]) + "?bijzonder=1"
    client = login("verhuur", reauthenticated=True)
    assert client.get(url).status_code == 200
    with time_machine.travel(dt.timedelta(minutes=11)):
        assert client.get(url)["Location"].startswith(reverse("reauthenticate"))


def test_a_target_group_status_is_not_recorded_without_a_recent_confirmation(login) -> None:  # type: ignore[no-untyped-def]
    household = Person.objects.get(user__username="buur").household
    before = TargetGroupStatus.objects.count()
    data = {"target_group": "DAK", "start_date": "2026-01-01"}
    response = login("verhuur").post(reverse("household_status", args=[household.pk]), data)
    assert response.status_code == 302 and response["Location"].startswith(reverse("reauthenticate"))
    assert TargetGroupStatus.objects.count() == before


def test_staff_are_logged_out_after_thirty_idle_minutes_and_residents_are_not(login) -> None:  # type: ignore[no-untyped-def]
    staff, resident = login("verhuur"), login("buur")
    with time_machine.travel(dt.timedelta(minutes=29)):
        assert staff.get(reverse("home")).status_code == 200
    with time_machine.travel(dt.timedelta(minutes=29 + 31)):
        gone = staff.get(reverse("household_list"))
        assert gone.status_code == 302 and gone["Location"].startswith(reverse("login"))
        assert "_auth_user_id" not in staff.session
        assert resident.get(reverse("home")).status_code == 200


def test_the_demo_command_prints_the_code_the_device_accepts(capsys) -> None:  # type: ignore[no-untyped-def]
    call_command("demo_totp", "verhuur")
    code = capsys.readouterr().out.strip()
    client = Client()
    password_step(client, "verhuur")
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302


def test_the_api_token_route_is_unaffected_and_json_is_still_json() -> None:
    # An unverified session gets a JSON refusal on the API, never an HTML redirect.
    client = Client()
    password_step(client, "verhuur")
    response = client.get("/api/me/")
    assert response.status_code == 403
    assert "detail" in json.loads(response.content)
