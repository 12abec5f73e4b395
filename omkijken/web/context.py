"""Template context for every page: the role's navigation, and what the user may do.

``may`` answers ``{% if may.view_fund_report %}`` with the same policy the views enforce, so a
template shows a link only when the page behind it would open.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from omkijken.accounts.policy import CAPABILITIES, can
from omkijken.web.navigation import NavItem, navigation_for


@dataclass(frozen=True)
class Capabilities:
    user: object

    def __getitem__(self, capability: str) -> bool:
        if capability not in CAPABILITIES:
            raise KeyError(capability)
        return can(self.user, capability)


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_current": None, "may": Capabilities(None)}
    items = navigation_for(user)
    return {"nav_items": items, "nav_current": current_item(items, request.path), "may": Capabilities(user)}


def current_item(items: list[NavItem], path: str) -> str | None:
    """The URL of the one menu item the page belongs to: the longest item URL that the path starts
    with (the home page only for itself)."""
    matches = [i.url for i in items if path == i.url or (i.url != "/" and path.startswith(i.url))]
    return max(matches, key=len, default=None)
