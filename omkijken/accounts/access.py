"""The one way to say who may use a view: ``requires(*capabilities)``, and the signed-in user.

The policy table (``omkijken.accounts.policy``) says which roles have a capability; the
selectors say which records an actor sees. A page a role may not use answers 403.
``requires_recent_auth`` (omkijken.accounts.reauth) asks for the password and a current code
again before the most sensitive actions.
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
from omkijken.accounts.reauth import reauth_redirect, recently_authenticated, requires_recent_auth

__all__ = [
    "actor",
    "reauth_redirect",
    "recently_authenticated",
    "requires",
    "requires_account_manager",
    "requires_recent_auth",
]

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
