"""Writes to accounts: invitations, roles and memberships, deactivation, passwords.

Every write is keyword-only and atomic and leaves one :class:`AccountChange` row per changed
attribute (who, when, whose account, what, before and after). An account manager
(``policy.may_manage_accounts``) only ever changes accounts of their own organisation, only grants
the roles that organisation has (so never admin of another organisation), and cannot remove the
organisation's last account manager.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.mail import Recipient, send_templated
from omkijken.accounts.models import (
    ROLE_ORGANISATION_KINDS,
    AccountChange,
    Invitation,
    Membership,
    Organisation,
    Role,
    User,
)
from omkijken.accounts.policy import may_manage_accounts
from omkijken.accounts.selectors import token_hash

# Residents' and applicants' logins belong to their household or registration, not to staff
# management: an account manager neither invites them nor changes their role.
NOT_INVITED = frozenset({Role.RESIDENT, Role.APPLICANT})

Change = AccountChange.Change


def grantable_roles(organisation: Organisation) -> list[str]:
    """The staff roles an account manager of ``organisation`` may give: the roles of its kind."""
    return [
        role.value
        for role in Role
        if organisation.kind in ROLE_ORGANISATION_KINDS[role] and role not in NOT_INVITED
    ]


def invitation_state(invitation: Invitation, *, now: dt.datetime | None = None) -> str:
    """``open``, ``expired``, ``used`` or ``withdrawn``."""
    if invitation.accepted_at is not None:
        return "used"
    if invitation.revoked_at is not None:
        return "withdrawn"
    if invitation.expires_at <= (now or timezone.now()):
        return "expired"
    return "open"


def _managed_organisation(actor: User) -> Organisation:
    if not may_manage_accounts(actor) or actor.organisation is None:
        raise PermissionDenied
    return actor.organisation


def _record(
    *,
    actor: User,
    organisation: Organisation,
    change: str,
    target_user: User | None = None,
    target_email: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AccountChange:
    return AccountChange.objects.create(
        actor=actor,
        organisation=organisation,
        change=change,
        target_user=target_user,
        target_email=target_email or (target_user.email if target_user else ""),
        before=before or {},
        after=after or {},
    )


def _is_manager(membership: Membership, organisation: Organisation) -> bool:
    if organisation.kind == Organisation.Kind.CORPORATION:
        return membership.role == Role.ADMIN
    return membership.manages_accounts


def _other_active_managers(organisation: Organisation, *, besides: User) -> int:
    """How many other active account managers the organisation has; its memberships are locked
    first, so two admins cannot demote each other at the same moment."""
    memberships = list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation)
        .exclude(user=besides)
        .select_related("user")
        .order_by("pk")
    )
    return sum(1 for m in memberships if m.user.is_active and _is_manager(m, organisation))


def _last_manager_error(organisation: Organisation) -> ValidationError:
    if organisation.kind == Organisation.Kind.CORPORATION:
        message = _(
            "This is the last administrator of %(organisation)s. Make someone else administrator first."
        )
    else:
        message = _(
            "This is the last person who manages the accounts of %(organisation)s. "
            "Let someone else manage them first."
        )
    return ValidationError(message % {"organisation": organisation.name})


def _invitation_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[token])


@transaction.atomic
def invite_user(
    *, actor: User, email: str, role: str, job_title: str = "", manages_accounts: bool = False
) -> tuple[Invitation, str]:
    """Invite a colleague to the actor's own organisation; returns the invitation and the link's
    secret (only its hash is stored). The mail (in Dutch) goes out after commit."""
    organisation = _managed_organisation(actor)
    address = email.strip().lower()
    errors: dict[str, list[str]] = {}
    try:
        validate_email(address)
    except ValidationError:
        errors.setdefault("email", []).append(_("Enter a valid e-mail address."))
    if role not in grantable_roles(organisation):
        errors.setdefault("role", []).append(_("Choose one of the roles of your own organisation."))
    if manages_accounts and organisation.kind == Organisation.Kind.CORPORATION:
        errors.setdefault("manages_accounts", []).append(
            _("In a corporation the administrators manage the accounts: choose the role Administrator.")
        )
    if address and User.objects.filter(email__iexact=address).exists():
        errors.setdefault("email", []).append(_("An account with this e-mail address already exists."))
    now = timezone.now()
    pending = list(
        Invitation.objects.select_for_update().filter(email=address, accepted_at=None, revoked_at=None)
    )
    if any(invitation_state(p, now=now) == "open" for p in pending):
        errors.setdefault("email", []).append(_("An invitation to this e-mail address is still open."))
    if errors:
        raise ValidationError(errors)
    for expired in pending:  # an expired link makes room for a new one
        expired.revoked_at = now
        expired.save(update_fields=["revoked_at"])
    token = secrets.token_urlsafe(32)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organisation=organisation,
                email=address,
                role=role,
                job_title=job_title.strip(),
                manages_accounts=manages_accounts,
                token_hash=token_hash(token),
                invited_by=actor,
                expires_at=now + dt.timedelta(days=settings.ACCOUNT_INVITATION_DAYS),
            )
    except IntegrityError as exc:  # an invitation to the same address was created just now
        raise ValidationError({"email": [_("An invitation to this e-mail address is still open.")]}) from exc
    _record(
        actor=actor,
        organisation=organisation,
        change=Change.INVITED,
        target_email=address,
        after={"role": role, "job_title": invitation.job_title, "manages_accounts": manages_accounts},
    )
    context = {
        "organisation": organisation.name,
        "inviter": actor.get_full_name() or actor.username,
        "role": invitation.get_role_display(),
        "link": _invitation_link(token),
        "expires_at": invitation.expires_at,
    }
    transaction.on_commit(
        lambda: send_templated(
            to=[Recipient(address, "nl")], template_base="accounts/email/invitation", context=context
        )
    )
    return invitation, token


@transaction.atomic
def revoke_invitation(*, actor: User, invitation: Invitation) -> Invitation:
    organisation = _managed_organisation(actor)
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.organisation_id != organisation.pk:
        raise PermissionDenied
    if locked.accepted_at is not None or locked.revoked_at is not None:
        raise ValidationError(_("This invitation has already been used or withdrawn."))
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    _record(
        actor=actor,
        organisation=organisation,
        change=Change.INVITATION_REVOKED,
        target_email=locked.email,
        before={"state": "open"},
        after={"state": "withdrawn"},
    )
    return locked


def closed_message(state: str) -> str:
    return {
        "used": _("This invitation has already been used. Log in, or ask for a new password."),
        "withdrawn": _("This invitation has been withdrawn. Ask your organisation for a new one."),
        "expired": _("This invitation has expired. Ask your organisation for a new one."),
    }[state]


@transaction.atomic
def accept_invitation(*, token: str, first_name: str, last_name: str, password: str) -> User:
    """Create the invitee's account with the password they chose, once. The username is the
    invited e-mail address."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("organisation")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    state = invitation_state(invitation)
    if state != "open":
        raise ValidationError(closed_message(state))
    if (
        User.objects.filter(email__iexact=invitation.email).exists()
        or User.objects.filter(username__iexact=invitation.email).exists()
    ):
        raise ValidationError(_("An account with this e-mail address already exists."))
    user = User.objects.create_user(
        username=invitation.email,
        email=invitation.email,
        password=password,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        preferred_language="nl",
    )
    Membership.objects.create(
        user=user,
        organisation=invitation.organisation,
        role=invitation.role,
        job_title=invitation.job_title,
        manages_accounts=invitation.manages_accounts,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    _record(
        actor=user,
        organisation=invitation.organisation,
        change=Change.INVITATION_ACCEPTED,
        target_user=user,
        after={
            "role": invitation.role,
            "job_title": invitation.job_title,
            "manages_accounts": invitation.manages_accounts,
        },
    )
    return user


def _managed_membership(actor: User, user: User) -> tuple[Organisation, Membership]:
    organisation = _managed_organisation(actor)
    membership = Membership.objects.select_for_update().select_related("user").filter(user=user).first()
    if membership is None or membership.organisation_id != organisation.pk:
        raise PermissionDenied
    if membership.role in NOT_INVITED:
        raise ValidationError(_("Residents' and applicants' accounts are not managed here."))
    return organisation, membership


@transaction.atomic
def change_membership(
    *, actor: User, user: User, role: str, job_title: str, manages_accounts: bool
) -> list[AccountChange]:
    """Set a colleague's role, job title and account management; one audit row per change."""
    organisation, membership = _managed_membership(actor, user)
    if role not in grantable_roles(organisation):
        raise ValidationError({"role": [_("Choose one of the roles of your own organisation.")]})
    if organisation.kind == Organisation.Kind.CORPORATION:
        manages_accounts = False
    job_title = job_title.strip()
    was_manager = _is_manager(membership, organisation)
    before = {
        "role": membership.role,
        "job_title": membership.job_title,
        "manages_accounts": membership.manages_accounts,
    }
    after = {"role": role, "job_title": job_title, "manages_accounts": manages_accounts}
    membership.role, membership.job_title, membership.manages_accounts = role, job_title, manages_accounts
    if (
        was_manager
        and not _is_manager(membership, organisation)
        and membership.user.is_active
        and _other_active_managers(organisation, besides=membership.user) == 0
    ):
        raise _last_manager_error(organisation)
    changes = [
        _record(
            actor=actor,
            organisation=organisation,
            change=change,
            target_user=membership.user,
            before={field: before[field]},
            after={field: after[field]},
        )
        for field, change in (
            ("role", Change.ROLE),
            ("job_title", Change.JOB_TITLE),
            ("manages_accounts", Change.MANAGES_ACCOUNTS),
        )
        if before[field] != after[field]
    ]
    if changes:
        membership.save(update_fields=["role", "job_title", "manages_accounts"])
    return changes


def end_sessions(user: User) -> int:
    """Log ``user`` out everywhere: delete their database sessions; returns how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def set_active(*, actor: User, user: User, active: bool) -> AccountChange:
    """Deactivate a colleague (they can no longer log in, and their sessions end) or reactivate."""
    organisation, membership = _managed_membership(actor, user)
    target = membership.user
    if target.is_active == active:
        raise ValidationError(
            _("This account is already active.") if active else _("This account is already deactivated.")
        )
    if not active and target.pk == actor.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if (
        not active
        and _is_manager(membership, organisation)
        and _other_active_managers(organisation, besides=target) == 0
    ):
        raise _last_manager_error(organisation)
    target.is_active = active
    target.save(update_fields=["is_active"])
    if not active:
        transaction.on_commit(lambda: end_sessions(target))
    return _record(
        actor=actor,
        organisation=organisation,
        change=Change.REACTIVATED if active else Change.DEACTIVATED,
        target_user=target,
        before={"is_active": not active},
        after={"is_active": active},
    )


def record_password_change(*, user: User, reset: bool) -> AccountChange | None:
    """Audit that ``user`` changed (or, through the e-mailed link, reset) their own password. The
    password itself is never recorded."""
    if user.organisation is None:
        return None
    return _record(
        actor=user,
        organisation=user.organisation,
        change=Change.PASSWORD_RESET if reset else Change.PASSWORD_CHANGED,
        target_user=user,
        after={"password": "set"},
    )
