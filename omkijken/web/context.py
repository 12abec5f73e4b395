"""Template context for every page: the role's navigation, and what the user may do.

``may`` answers ``{% if may.view_fund_report %}`` with the same policy the views enforce, so a
template shows a link only when the page behind it would open.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from omkijken.accounts.policy import CAPABILITIES, can
from omkijken.web.navigation import navigation_for


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
        return {"nav_items": [], "may": Capabilities(None)}
    return {"nav_items": navigation_for(user), "may": Capabilities(user)}
