from __future__ import annotations

import hashlib

from django.db.models import QuerySet

from omkijken.accounts.models import (
    AccessEvent,
    AccountChange,
    Invitation,
    Membership,
    Organisation,
    Role,
    User,
    WriteEvent,
)
from omkijken.accounts.policy import can, may_manage_accounts


def access_events_for(actor: User) -> QuerySet[AccessEvent]:
    """Reads of special-category data an actor may audit: a corporation admin sees every read of
    its own tenants' data, whoever made it (care partners included)."""
    if not can(actor, "audit_access") or actor.role not in (Role.ADMIN, Role.PRIVACY_OFFICER):
        return AccessEvent.objects.none()
    return AccessEvent.objects.filter(corporation=actor.organisation).select_related("actor", "household")


def access_log_events(actor: User, *, query: str = "") -> QuerySet[AccessEvent]:
    """The audit trail an actor may read, narrowed to a household name or username."""
    events = access_events_for(actor)
    if query:
        events = events.filter(household__name__icontains=query) | events.filter(
            actor__username__icontains=query
        )
    return events


def write_events_for(actor: User, *, query: str = "") -> QuerySet[WriteEvent]:
    """Writes of special-category data of the actor's corporation's tenants, for its admin."""
    if not can(actor, "audit_access") or actor.role != Role.ADMIN:
        return WriteEvent.objects.none()
    events = WriteEvent.objects.filter(corporation=actor.organisation).select_related("actor", "household")
    if query:
        events = events.filter(household__name__icontains=query) | events.filter(
            actor__username__icontains=query
        )
    return events


def care_partners() -> QuerySet[Organisation]:
    """The care partners a lease can name (omklap, driehoek)."""
    return Organisation.objects.filter(kind=Organisation.Kind.CARE_PARTNER)


def colleagues_of(actor: User) -> QuerySet[User]:
    """Active users of the actor's own organisation (e.g. who does a key handover)."""
    members = Membership.objects.filter(organisation=actor.organisation).values("user_id")
    return User.objects.filter(pk__in=members, is_active=True)


def managed_memberships(actor: User) -> QuerySet[Membership]:
    """The staff memberships of the actor's own organisation, for its account manager (none for
    anyone else). Residents' and applicants' logins belong to their household, not to this list."""
    if not may_manage_accounts(actor):
        return Membership.objects.none()
    return (
        Membership.objects.filter(organisation=actor.organisation)
        .exclude(role__in=[Role.RESIDENT, Role.APPLICANT])
        .select_related("user", "organisation")
        .order_by("-user__is_active", "user__last_name", "user__first_name", "user__username")
    )


def managed_invitations(actor: User) -> QuerySet[Invitation]:
    """Invitations of the actor's own organisation not yet used or withdrawn (expired included)."""
    if not may_manage_accounts(actor):
        return Invitation.objects.none()
    return Invitation.objects.filter(
        organisation=actor.organisation, accepted_at=None, revoked_at=None
    ).select_related("invited_by")


def account_changes_for(actor: User, *, user: User | None = None) -> QuerySet[AccountChange]:
    """The audit trail of the actor's own organisation's accounts (optionally of one account)."""
    if not may_manage_accounts(actor):
        return AccountChange.objects.none()
    changes = AccountChange.objects.filter(organisation=actor.organisation).select_related(
        "actor", "target_user"
    )
    return changes.filter(target_user=user) if user is not None else changes


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation a link's secret belongs to (only its hash is stored)."""
    return Invitation.objects.select_related("organisation").filter(token_hash=token_hash(token)).first()


def token_hash(token: str) -> str:
    """The stored form of an invitation link's secret."""
    return hashlib.sha256(token.encode()).hexdigest()
