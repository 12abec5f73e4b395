from __future__ import annotations

from django.db.models import QuerySet

from omkijken.accounts.models import AccessEvent, Membership, Organisation, Role, User, WriteEvent
from omkijken.accounts.policy import can


def access_events_for(actor: User) -> QuerySet[AccessEvent]:
    """Reads of special-category data an actor may audit: a corporation admin sees every read of
    its own tenants' data, whoever made it (care partners included)."""
    if not can(actor, "audit_access") or actor.role != Role.ADMIN:
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
