"""Personal API tokens: one per user, shown once when made, replaced or revoked by its owner."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from rest_framework.authtoken.models import Token

from omkijken.accounts.models import User


def _check(user: User) -> None:
    if not user.is_active or user.role is None:
        raise PermissionDenied


@transaction.atomic
def token_issue(*, user: User) -> Token:
    """A new token for the user; any earlier token stops working at once."""
    _check(user)
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def token_revoke(*, user: User) -> bool:
    """Revoke the user's token; True when there was one."""
    deleted, _detail = Token.objects.filter(user=user).delete()
    return deleted > 0
