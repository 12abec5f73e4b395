"""An organisation manages its own accounts: invite by e-mail, roles, deactivation, all audited."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import AccountChange, Invitation, Membership, Role, User

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^\s]+/uitnodiging/([^/\s]+)/")


def invite(client: Client, capture, **data: object):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        return client.post(reverse("account_invite"), data)


def token_from_mail() -> str:
    found = LINK.search(mail.outbox[-1].body)
    assert found is not None, mail.outbox[-1].body
    return found.group(1)


def accept(token: str, **data: str):  # type: ignore[no-untyped-def]
    fields = {"first_name": "Noor", "last_name": "Jansen", "password1": "Zomer-aan-de-Vliet-42"}
    fields["password2"] = fields["password1"]
    fields.update(data)
    return Client().post(reverse("invitation_accept", args=[token]), fields)


def test_the_admin_sees_the_corporations_staff_but_not_residents_or_other_organisations(login) -> None:  # type: ignore[no-untyped-def]
    # when the corporation's administrator opens the account page
    html = login("admin", reauthenticated=True).get(reverse("account_list")).content.decode()
    # then the colleagues of the corporation are listed, residents and other organisations are not
    assert "verhuur" in html and "beheerder" in html
    assert "zorgpartner" not in html and "gemeente" not in html
    assert ">buur<" not in html and ">bewoner<" not in html


def test_an_invited_colleague_gets_a_dutch_mail_sets_a_password_and_can_log_in(  # type: ignore[no-untyped-def]
    login, django_capture_on_commit_callbacks
) -> None:
    # given the admin invites a new letting officer
    response = invite(
        login("admin", reauthenticated=True),
        django_capture_on_commit_callbacks,
        email="Noor.Jansen@Woonhaven.example",
        role=Role.LETTING_OFFICER,
        job_title="Verhuurconsulent",
    )
    assert response.status_code == 302
    # then one mail in Dutch carries the link, and only the link's hash is stored
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["noor.jansen@woonhaven.example"]
    assert "Uitnodiging" in message.subject and "Woonhaven" in message.subject
    token = token_from_mail()
    invitation = Invitation.objects.get(email="noor.jansen@woonhaven.example")
    assert token not in invitation.token_hash
    # when the colleague opens the link and chooses a password
    assert Client().get(reverse("invitation_accept", args=[token])).status_code == 200
    assert accept(token).status_code == 302
    # then the account exists in the admin's corporation with the invited role, and logs in
    user = User.objects.get(username="noor.jansen@woonhaven.example")
    membership = Membership.objects.get(user=user)
    assert (membership.organisation.name, membership.role, membership.job_title) == (
        "Woonhaven",
        Role.LETTING_OFFICER,
        "Verhuurconsulent",
    )
    logged_in = Client().post(
        reverse("login"), {"username": "noor.jansen@woonhaven.example", "password": "Zomer-aan-de-Vliet-42"}
    )
    assert logged_in.status_code == 302
    # and both steps are in the audit trail
    changes = list(
        AccountChange.objects.filter(target_email="noor.jansen@woonhaven.example").order_by("at", "id")
    )
    assert [c.change for c in changes] == ["invited", "invitation_accepted"]
    assert changes[0].actor.username == "admin" and changes[0].after["role"] == Role.LETTING_OFFICER


def test_an_invitation_link_works_only_once(login, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    # given an accepted invitation
    invite(
        login("admin", reauthenticated=True),
        django_capture_on_commit_callbacks,
        email="een@example.org",
        role=Role.BUILDING_MANAGER,
    )
    token = token_from_mail()
    assert accept(token).status_code == 302
    users = User.objects.count()
    # when someone opens or posts the link again
    again = accept(token, first_name="Ander")
    # then it says so and creates nothing
    assert again.status_code == 410
    assert "al gebruikt" in again.content.decode()
    assert User.objects.count() == users


def test_an_expired_invitation_says_so_and_creates_no_account(
    login, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    # given an invitation whose time has passed
    invite(
        login("admin", reauthenticated=True),
        django_capture_on_commit_callbacks,
        email="laat@example.org",
        role=Role.PROJECT_LEADER,
    )
    token = token_from_mail()
    Invitation.objects.filter(email="laat@example.org").update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    # when the invitee opens it and posts a password
    opened = Client().get(reverse("invitation_accept", args=[token]))
    posted = accept(token)
    # then both answers explain that it expired, and no account is created
    assert opened.status_code == posted.status_code == 410
    assert "verlopen" in posted.content.decode()
    assert not User.objects.filter(email="laat@example.org").exists()


def test_a_made_up_invitation_link_is_not_found() -> None:
    assert Client().get(reverse("invitation_accept", args=["verzonnen"])).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "verhuur@example.org", "role": Role.LETTING_OFFICER}, "bestaat al een account"),
        ({"email": "geen-adres", "role": Role.LETTING_OFFICER}, "geldig e-mailadres"),
        ({"email": "nieuw@example.org", "role": "superuser"}, "rollen van je eigen organisatie"),
        ({"email": "nieuw@example.org", "role": Role.CARE_COORDINATOR}, "rollen van je eigen organisatie"),
        ({"email": "nieuw@example.org", "role": Role.RESIDENT}, "rollen van je eigen organisatie"),
        ({"email": "", "role": Role.LETTING_OFFICER}, "Vul het e-mailadres"),
    ],
)
def test_the_invitation_form_refuses_bad_input_in_dutch_and_writes_nothing(  # type: ignore[no-untyped-def]
    data, message, login, django_capture_on_commit_callbacks
) -> None:
    # given the counts before
    before = (Invitation.objects.count(), AccountChange.objects.count())
    # when the admin posts bad input
    response = invite(login("admin", reauthenticated=True), django_capture_on_commit_callbacks, **data)
    # then the page says what is wrong in Dutch, answers 400, and nothing is written or mailed
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Invitation.objects.count(), AccountChange.objects.count()) == before
    assert mail.outbox == []


def test_a_second_invitation_to_an_address_with_an_open_one_is_refused(  # type: ignore[no-untyped-def]
    login, django_capture_on_commit_callbacks
) -> None:
    client = login("admin", reauthenticated=True)
    invite(client, django_capture_on_commit_callbacks, email="dubbel@example.org", role=Role.LETTING_OFFICER)
    response = invite(client, django_capture_on_commit_callbacks, email="DUBBEL@example.org", role=Role.ADMIN)
    assert response.status_code == 400
    assert "staat nog een uitnodiging open" in response.content.decode()
    assert Invitation.objects.filter(email="dubbel@example.org").count() == 1


def test_a_care_partners_coordinator_invites_colleagues_only_to_the_own_organisation(  # type: ignore[no-untyped-def]
    login, django_capture_on_commit_callbacks
) -> None:
    client = login("zorgpartner", reauthenticated=True)
    # when the coordinator tries to invite an administrator (a corporation's role)
    refused = invite(
        client, django_capture_on_commit_callbacks, email="x@tussenstap.example", role=Role.ADMIN
    )
    # then that is refused
    assert refused.status_code == 400
    # and a care coordinator colleague is invited to the coordinator's own care partner
    done = invite(
        client, django_capture_on_commit_callbacks, email="y@tussenstap.example", role=Role.CARE_COORDINATOR
    )
    assert done.status_code == 302
    invitation = Invitation.objects.get(email="y@tussenstap.example")
    assert invitation.organisation.name == "Stichting Tussenstap"
    assert invitation.role == Role.CARE_COORDINATOR


def test_staff_without_account_management_may_not_invite(login) -> None:  # type: ignore[no-untyped-def]
    for username in ("verhuur", "projectleider", "beheerder", "bewoner"):
        response = login(username).post(
            reverse("account_invite"), {"email": "z@example.org", "role": Role.ADMIN}
        )
        assert response.status_code == 403, username
    assert not Invitation.objects.filter(email="z@example.org").exists()


def test_the_admin_changes_a_colleagues_role_and_the_audit_shows_before_and_after(login) -> None:  # type: ignore[no-untyped-def]
    # given the letting officer
    target = User.objects.get(username="verhuur")
    # when the admin makes her a project leader
    response = login("admin", reauthenticated=True).post(
        reverse("account_detail", args=[target.pk]),
        {"action": "membership", "role": Role.PROJECT_LEADER, "job_title": "Projectleider"},
    )
    # then her role changed, and the audit has who, whose account, what, before and after
    assert response.status_code == 302
    assert Membership.objects.get(user=target).role == Role.PROJECT_LEADER
    change = AccountChange.objects.filter(target_user=target, change="role").get()
    assert change.actor.username == "admin"
    assert (change.before, change.after) == ({"role": "letting_officer"}, {"role": "project_leader"})
    page = (
        login("admin", reauthenticated=True).get(reverse("account_detail", args=[target.pk])).content.decode()
    )
    assert "Verhuurconsulent" in page and "Projectleider" in page


def test_the_last_administrator_cannot_remove_their_own_admin_role(login) -> None:  # type: ignore[no-untyped-def]
    admin = User.objects.get(username="admin")
    before = AccountChange.objects.count()
    response = login("admin", reauthenticated=True).post(
        reverse("account_detail", args=[admin.pk]), {"action": "membership", "role": Role.LETTING_OFFICER}
    )
    assert response.status_code == 400
    assert "laatste functioneel beheerder" in response.content.decode()
    assert Membership.objects.get(user=admin).role == Role.ADMIN
    assert AccountChange.objects.count() == before


def test_the_coordinator_cannot_give_up_account_management_as_the_last_one(login) -> None:  # type: ignore[no-untyped-def]
    coordinator = User.objects.get(username="zorgpartner")
    response = login("zorgpartner", reauthenticated=True).post(
        reverse("account_detail", args=[coordinator.pk]),
        {"action": "membership", "role": Role.CARE_COORDINATOR},
    )
    assert response.status_code == 400
    assert Membership.objects.get(user=coordinator).manages_accounts


def test_another_organisations_account_is_not_found_and_not_changed(login) -> None:  # type: ignore[no-untyped-def]
    # given a user of the care partner
    other = User.objects.get(username="zorgpartner")
    client = login("admin", reauthenticated=True)
    # when the corporation's admin opens or changes that account
    opened = client.get(reverse("account_detail", args=[other.pk]))
    posted = client.post(reverse("account_detail", args=[other.pk]), {"action": "deactivate"})
    # then it is not found, and nothing changed
    assert opened.status_code == posted.status_code == 404
    other.refresh_from_db()
    assert other.is_active


def test_deactivating_a_colleague_ends_their_sessions_and_stops_their_login(  # type: ignore[no-untyped-def]
    login, django_capture_on_commit_callbacks
) -> None:
    # given the building manager logged in
    target = User.objects.get(username="beheerder")
    theirs = login("beheerder", reauthenticated=True)
    assert theirs.get(reverse("home")).status_code == 200
    # when the admin deactivates the account
    with django_capture_on_commit_callbacks(execute=True):
        response = login("admin", reauthenticated=True).post(
            reverse("account_detail", args=[target.pk]), {"action": "deactivate"}
        )
    # then the account is inactive, its session is gone, and the audit says so
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    live = [s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(target.pk)]
    assert live == []
    assert theirs.get(reverse("home")).status_code == 302
    change = AccountChange.objects.get(target_user=target, change="deactivated")
    assert (change.before, change.after) == ({"is_active": True}, {"is_active": False})


def test_the_admin_cannot_deactivate_their_own_account(login) -> None:  # type: ignore[no-untyped-def]
    admin = User.objects.get(username="admin")
    response = login("admin", reauthenticated=True).post(
        reverse("account_detail", args=[admin.pk]), {"action": "deactivate"}
    )
    assert response.status_code == 400
    admin.refresh_from_db()
    assert admin.is_active


def test_a_withdrawn_invitation_no_longer_opens(login, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    client = login("admin", reauthenticated=True)
    invite(client, django_capture_on_commit_callbacks, email="weg@example.org", role=Role.LETTING_OFFICER)
    token = token_from_mail()
    invitation = Invitation.objects.get(email="weg@example.org")
    assert client.post(reverse("invitation_revoke", args=[invitation.pk])).status_code == 302
    response = Client().get(reverse("invitation_accept", args=[token]))
    assert response.status_code == 410
    assert "ingetrokken" in response.content.decode()


def test_the_database_refuses_a_second_open_invitation_to_one_address() -> None:
    # given an open invitation
    from django.db import IntegrityError, transaction

    from omkijken.accounts.models import Organisation

    admin = User.objects.get(username="admin")
    corporation = Organisation.objects.get(name="Woonhaven")
    fields = {
        "organisation": corporation,
        "email": "twee@example.org",
        "role": Role.LETTING_OFFICER,
        "invited_by": admin,
        "expires_at": timezone.now() + dt.timedelta(days=7),
    }
    Invitation.objects.create(token_hash="a" * 64, **fields)
    # when a second one is written past the service
    with pytest.raises(IntegrityError), transaction.atomic():
        Invitation.objects.create(token_hash="b" * 64, **fields)
    # then only once it was withdrawn may another follow
    Invitation.objects.filter(token_hash="a" * 64).update(revoked_at=timezone.now())
    Invitation.objects.create(token_hash="c" * 64, **fields)
    assert Invitation.objects.filter(email="twee@example.org").count() == 2
