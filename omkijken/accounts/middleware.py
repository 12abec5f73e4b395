"""Sessions after the password: the idle timeout for staff, and no page before the second step.

``IdleTimeoutMiddleware`` logs a staff member out after ``STAFF_IDLE_TIMEOUT`` seconds without a
request (default 30 minutes); residents and applicants keep ``SESSION_COOKIE_AGE``.
``SecondFactorMiddleware`` sends a signed-in user who has not passed the second step to it (or to
the enrolment, the first time), whatever page they ask for. Both come after django-otp's
``OTPMiddleware``, which says whether the session is verified.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware

from omkijken.accounts import twofactor
from omkijken.accounts.models import User

# Paths an unverified session may use: the login steps themselves, and what every page needs.
_OPEN_PREFIXES = ("/static/", "/media/", "/healthz", "/readyz", "/i18n/")
_OPEN_NAMES = ("login", "logout", "two_factor_verify", "two_factor_enrol", "two_factor_codes")


def _open_paths() -> tuple[str, ...]:
    return tuple(reverse(name) for name in _OPEN_NAMES)


def _signed_in(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)  # django-otp's lazy wrapper; isinstance sees through it
    return user if isinstance(user, User) and user.is_authenticated else None


def _next_query(request: HttpRequest) -> str:
    return "?" + urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""


class SessionOTPMiddleware(OTPMiddleware):
    """django-otp's middleware without a device query on every request.

    ``django_otp.login`` writes the device id into the session only after checking that the device
    belongs to the user, and Django flushes the session when another user logs in; the
    server-side session is therefore trusted to say "verified", and the device row is loaded only
    when something reads it. Removing a user's device does not end a running session: whoever
    removes one for someone else also ends their sessions (docs/security.md).
    """

    def _verify_user_sync(self, request, user):  # type: ignore[no-untyped-def]
        self._init_user_fields(user)
        if user.is_authenticated:
            persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
            if persistent_id:
                user.otp_device = SimpleLazyObject(lambda: self._device_from_persistent_id(persistent_id))
        return user


class IdleTimeoutMiddleware:
    # The last-seen time is written at most once a minute, not on every request.
    WRITE_EVERY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = _signed_in(request)
        if user is not None and twofactor.role_requires_second_factor(user):
            now = int(time.time())
            last = request.session.get(twofactor.SESSION_LAST_SEEN)
            if isinstance(last, int) and now - last > settings.STAFF_IDLE_TIMEOUT:
                logout(request)
                messages.info(
                    request, _("You were logged out after a period without activity. Log in again.")
                )
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": _("The session has expired.")}, status=401)
                return redirect(reverse("login") + _next_query(request))
            if not isinstance(last, int) or now - last >= self.WRITE_EVERY:
                request.session[twofactor.SESSION_LAST_SEEN] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = _signed_in(request)
        if user is not None and not self._passed(request, user) and not self._open(request.path):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _("Complete the second login step first.")}, status=403)
            if twofactor.has_second_factor(user):
                return redirect(reverse("two_factor_verify") + _next_query(request))
            return redirect(reverse("two_factor_enrol") + _next_query(request))
        return self.get_response(request)

    @staticmethod
    def _passed(request: HttpRequest, user: User) -> bool:
        if user.is_verified():  # type: ignore[attr-defined]  # installed by OTPMiddleware
            return True
        if twofactor.role_requires_second_factor(user):
            return False
        return not request.session.get(twofactor.SESSION_HAS_DEVICE, False)

    @staticmethod
    def _open(path: str) -> bool:
        return path.startswith(_OPEN_PREFIXES) or path in _open_paths()
