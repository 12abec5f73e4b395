"""Password reset by e-mail (the same answer whether or not the address is known) and change."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from omkijken.accounts.models import AccountChange, User
from omkijken.demo.personas import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+(/wachtwoord-herstellen/[^\s]+/)")
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def logs_in(username: str, password: str) -> bool:
    """Through the real login page (the lockout backend needs a request)."""
    return Client().post(reverse("login"), {"username": username, "password": password}).status_code == 302


def test_a_reset_answers_the_same_for_a_known_and_an_unknown_address() -> None:
    # when a reset is asked for a known and for an unknown address
    known = Client().post(reverse("password_reset"), {"email": "verhuur@example.org"})
    unknown = Client().post(reverse("password_reset"), {"email": "niemand@example.org"})
    # then both answers are the same redirect, to the same page with the same text
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    pages = [CSRF.sub(b"", Client().get(r["Location"]).content) for r in (known, unknown)]
    assert pages[0] == pages[1]
    # and only the known address receives a mail, in Dutch
    assert [m.to for m in mail.outbox] == [["verhuur@example.org"]]
    assert "nieuw wachtwoord" in mail.outbox[0].subject


def test_the_reset_link_sets_a_new_password_once_and_is_audited() -> None:
    # given a reset mail for the letting officer
    Client().post(reverse("password_reset"), {"email": "verhuur@example.org"})
    found = LINK.search(mail.outbox[0].body)
    assert found is not None, mail.outbox[0].body
    client = Client()
    # when she opens the link and chooses a new password
    form_page = client.get(found.group(1), follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "Nieuw-Voorjaar-2027", "new_password2": "Nieuw-Voorjaar-2027"}
    )
    # then the new password works, the old one does not, and the link cannot be used again
    assert done.status_code == 302
    assert logs_in("verhuur", "Nieuw-Voorjaar-2027")
    assert not logs_in("verhuur", DEMO_PASSWORD)
    again = Client().get(found.group(1), follow=True)
    assert again.status_code == 400
    assert "niet geldig" in again.content.decode()
    # and the reset is in the audit trail, without the password
    change = AccountChange.objects.get(target_user__username="verhuur", change="password_reset")
    assert "Nieuw-Voorjaar-2027" not in str(change.after)


def test_a_reset_with_a_bad_address_says_what_is_wrong_in_dutch() -> None:
    response = Client().post(reverse("password_reset"), {"email": "geen-adres"})
    assert response.status_code == 400
    assert "geldig e-mailadres" in response.content.decode()
    assert mail.outbox == []


def test_a_logged_in_user_changes_their_password_after_giving_the_old_one(login) -> None:  # type: ignore[no-untyped-def]
    client = login("beheerder")
    # when the old password is wrong, nothing changes and the page says so
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "fout", "new_password1": "Herfst-Blad-2027", "new_password2": "Herfst-Blad-2027"},
    )
    assert wrong.status_code == 400
    assert "klopt niet" in wrong.content.decode()
    # when it is right, the password changes and the change is audited
    right = client.post(
        reverse("password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Herfst-Blad-2027",
            "new_password2": "Herfst-Blad-2027",
        },
    )
    assert right.status_code == 302
    assert User.objects.get(username="beheerder").check_password("Herfst-Blad-2027")
    assert (
        AccountChange.objects.filter(target_user__username="beheerder", change="password_changed").count()
        == 1
    )
