"""Which roles may use an endpoint: ``omkijken.accounts.policy.can``, nothing else.

A view names, per action, the capabilities of which the actor needs at least one. Which *records*
the actor then sees is decided by the letting selectors (another organisation's record: 404).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from omkijken.accounts.policy import can


class HasCapability(BasePermission):
    """The view's ``capabilities`` maps an action name (or ``"*"``) to a tuple of capabilities;
    the actor needs one of them. An action missing from the map is refused (fail closed)."""

    message = _("Your role may not use this part of the API.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if hasattr(view, "action_map") and view.action in (None, "metadata"):
            return True  # a method the route does not have: DRF answers 405 next
        mapping: dict[str, tuple[str, ...]] = getattr(view, "capabilities", {})
        action = getattr(view, "action", None) or (request.method or "").lower()
        needed = mapping.get(action, mapping.get("*"))
        if needed is None:
            return False
        return any(can(user, capability) for capability in needed)


class HasRole(BasePermission):
    """Any user with a role in an organisation."""

    message = _("Your account has no role in any organisation.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and getattr(user, "role", None))
