"""Re-authentication before the most sensitive actions: ``requires_recent_auth``.

The person at the keyboard confirms with their password and a current code (their second factor;
only the password when they have none) on ``/inloggen/bevestigen/``; the time is kept in the session
and counts for ``REAUTH_MAX_AGE`` seconds (default 10 minutes). Used before an export of
special-category data, before changing a household's target-group status, and (for the account
pages) before changing someone's role:

    @require_POST
    @requires("manage_accounts")
    @requires_recent_auth
    def membership_role(request, pk): ...

Put it inside ``requires(...)``, so a role without the capability gets its 403 and not a detour.
A GET comes back to the same address afterwards; a POST is not replayed (its form comes back from
the page it was sent from, and nothing was written), and htmx gets an ``HX-Redirect``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from omkijken.accounts.twofactor import SESSION_REAUTH_AT

View = Callable[..., HttpResponse]


def recently_authenticated(request: HttpRequest) -> bool:
    at = request.session.get(SESSION_REAUTH_AT)
    return isinstance(at, int | float) and 0 <= time.time() - at <= settings.REAUTH_MAX_AGE


def mark_reauthenticated(request: HttpRequest) -> None:
    request.session[SESSION_REAUTH_AT] = int(time.time())


def safe_next(request: HttpRequest, candidate: str | None, default: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def reauth_redirect(request: HttpRequest) -> HttpResponse:
    """To the confirmation page, and back to where the person was."""
    if request.method == "GET":
        back = request.get_full_path()
    else:
        back = safe_next(request, request.headers.get("Referer"), reverse("home"))
        messages.info(request, _("Confirm it is you; then send the form again."))
    url = reverse("reauthenticate") + "?" + urlencode({"next": back})
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


def requires_recent_auth(view: View) -> View:
    """Log in first; then the password and a current code, confirmed within REAUTH_MAX_AGE."""

    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not recently_authenticated(request):
            return reauth_redirect(request)
        return view(request, *args, **kwargs)

    return wrapped
