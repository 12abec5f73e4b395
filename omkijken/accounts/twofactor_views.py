"""The login in two steps, the enrolment of the second factor, recovery codes, re-authentication,
and the account's security page. The password step is Django's LoginView with our templates; every
other page waits until the second step is passed (``SecondFactorMiddleware``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from omkijken.accounts import twofactor
from omkijken.accounts.access import actor
from omkijken.accounts.models import User
from omkijken.accounts.reauth import mark_reauthenticated, reauth_redirect, recently_authenticated, safe_next
from omkijken.accounts.twofactor_forms import CodeForm, EnrolForm, ReauthForm


def _next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next")
    return safe_next(request, candidate, reverse(settings.LOGIN_REDIRECT_URL))


def _with_next(request: HttpRequest, url: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and safe_next(request, candidate, "") == candidate:
        return url + "?" + urlencode({"next": candidate})
    return url


def _locked_out(request: HttpRequest) -> HttpResponse:
    """Log out and let django-axes' middleware answer with its lockout page."""
    logout(request)
    request.axes_locked_out = True  # type: ignore[attr-defined]
    return HttpResponse(status=429)


def _verified(request: HttpRequest) -> bool:
    return bool(request.user.is_verified())  # type: ignore[union-attr]  # django-otp's middleware


def _enter(request: HttpRequest, user: User, device: Any) -> None:
    """The second step is passed: the session is verified, the failures are cleared."""
    otp_login(request, device)
    request.session.cycle_key()
    twofactor.reset_failures(request, user)


class LoginView(auth_views.LoginView):
    """Step one: the password. A user with a second factor (or who must get one) goes on to step
    two; everyone else is in, and the failures of their username on this address are cleared."""

    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user = form.get_user()
        if twofactor.has_second_factor(user):
            return redirect(_with_next(self.request, reverse("two_factor_verify")))
        if twofactor.role_requires_second_factor(user):
            return redirect(_with_next(self.request, reverse("two_factor_enrol")))
        twofactor.reset_failures(self.request, user)
        return response


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Step two: a code from the app, or one recovery code (used up)."""
    user = actor(request)
    if _verified(request) or not twofactor.has_second_factor(user):
        return redirect(_next(request))
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if twofactor.is_locked_out(request, user):
            return _locked_out(request)
        if form.is_valid():
            device = twofactor.verify_code(user, form.cleaned_data["code"])
            if device is not None:
                _enter(request, user, device)
                if device.persistent_id.startswith("otp_static"):
                    left = twofactor.recovery_codes_left(user)
                    messages.warning(
                        request,
                        _(
                            "You used a recovery code; %(count)d are left. Make new ones on your security page."
                        )
                        % {"count": left},
                    )
                return redirect(_next(request))
            if twofactor.record_failed_code(request, user):
                return _locked_out(request)
            form.add_error("code", _("This code is not right, or it was used already. Try the next code."))
        status = 400
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _next(request), "login_step": True},
        status=status,
    )


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: the QR code, the key to type, and a first code to confirm."""
    user = actor(request)
    if twofactor.has_second_factor(user):
        return redirect(
            _next(request) if _verified(request) else _with_next(request, reverse("two_factor_verify"))
        )
    device = twofactor.enrolment_device(user=user)
    form = EnrolForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            codes = twofactor.confirm_enrolment(user=user, device=device, code=form.cleaned_data["code"])
            if codes is not None:
                device.refresh_from_db()
                _enter(request, user, device)
                request.session[twofactor.SESSION_HAS_DEVICE] = True
                request.session[twofactor.SESSION_NEW_CODES] = codes
                return redirect(_with_next(request, reverse("two_factor_codes")))
            form.add_error(
                "code", _("This code is not right. Check the time on your phone and try the next code.")
            )
        status = 400
    context = {
        "form": form,
        "next": _next(request),
        "qr": twofactor.qr_svg(device),
        "key": twofactor.base32_key(device),
        "required": twofactor.role_requires_second_factor(user),
        "login_step": not _verified(request),
    }
    return render(request, "registration/two_factor_enrol.html", context, status=status)


@login_required
def codes(request: HttpRequest) -> HttpResponse:
    """The new recovery codes, shown once."""
    new = request.session.pop(twofactor.SESSION_NEW_CODES, None)
    if not new:
        return redirect("account_security")
    return render(
        request,
        "registration/two_factor_codes.html",
        {"codes": new, "next": _next(request), "login_step": True},
    )


@login_required
def reauthenticate(request: HttpRequest) -> HttpResponse:
    """Confirm it is you: the password, and a current code when you have a second factor."""
    user = actor(request)
    needs_code = twofactor.has_second_factor(user)
    form = ReauthForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if twofactor.is_locked_out(request, user):
            return _locked_out(request)
        if form.is_valid():
            password_ok = (
                authenticate(request, username=user.get_username(), password=form.cleaned_data["password"])
                is not None
            )
            if getattr(request, "axes_locked_out", False):
                return _locked_out(request)  # the wrong password was the last one allowed
            if not password_ok:
                form.add_error("password", _("This password is not right."))
            elif needs_code and twofactor.verify_code(user, form.cleaned_data["code"]) is None:
                if twofactor.record_failed_code(request, user):
                    return _locked_out(request)
                form.add_error(
                    "code", _("This code is not right, or it was used already. Try the next code.")
                )
            else:
                mark_reauthenticated(request)
                twofactor.reset_failures(request, user)
                return redirect(_next(request))
        status = 400
    context = {"form": form, "next": _next(request), "needs_code": needs_code}
    return render(request, "registration/reauthenticate.html", context, status=status)


@login_required
def account_security(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    context = {
        "has_second_factor": twofactor.has_second_factor(user),
        "required": twofactor.role_requires_second_factor(user),
        "codes_left": twofactor.recovery_codes_left(user),
        "idle_minutes": settings.STAFF_IDLE_TIMEOUT // 60,
    }
    return render(request, "accounts/security.html", context)


@require_POST
@login_required
def account_recovery_codes(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if not twofactor.has_second_factor(user):
        return redirect("account_security")
    if not recently_authenticated(request):
        return reauth_redirect(request)
    request.session[twofactor.SESSION_NEW_CODES] = twofactor.new_recovery_codes(user=user)
    return redirect(reverse("two_factor_codes") + "?" + urlencode({"next": reverse("account_security")}))


@require_POST
@login_required
def account_second_factor_off(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if twofactor.role_requires_second_factor(user):
        messages.error(request, _("Your role must use a second factor; it cannot be turned off."))
        return redirect("account_security")
    if not recently_authenticated(request):
        return reauth_redirect(request)
    twofactor.turn_off(user=user)
    request.session[twofactor.SESSION_HAS_DEVICE] = False
    messages.success(request, _("The second factor is off. You log in with your password only."))
    return redirect("account_security")
