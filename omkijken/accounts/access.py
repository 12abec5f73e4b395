"""The one way to say who may use a view: ``requires(*capabilities)``, and the signed-in user.

The policy table (``omkijken.accounts.policy``) says which roles have a capability; the
selectors say which records an actor sees. A page a role may not use answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from omkijken.accounts.models import User
from omkijken.accounts.policy import can, may_manage_accounts

View = Callable[..., HttpResponse]


def requires(*capabilities: str) -> Callable[[View], View]:
    """Log in first; then 403 unless the user's role has at least one of ``capabilities``."""
    if not capabilities:
        raise ValueError("requires() needs at least one capability")

    def decorate(view: View) -> View:
        @wraps(view)
        @login_required
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not any(can(request.user, capability) for capability in capabilities):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def actor(request: HttpRequest) -> User:
    """The signed-in user of a view behind ``requires`` or ``login_required``."""
    user = request.user
    if not isinstance(user, User) or not user.is_authenticated:
        raise PermissionDenied
    return user


def requires_account_manager(view: View) -> View:
    """Log in first; then 403 unless the user manages their organisation's accounts
    (``omkijken.accounts.policy.may_manage_accounts``)."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_manage_accounts(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def requires_recent_auth(view: View) -> View:
    """The hook for re-authentication before sensitive changes (roles, deactivation, invitations).

    This version only requires a logged-in user; it is replaced by the second-factor
    re-authentication (the two-factor work), which asks for a fresh second step when the last one
    is too old. Views that change roles are already behind it, so that replacement needs no
    change to them.
    """
    return login_required(view)
