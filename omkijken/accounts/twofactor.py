"""The second factor (django-otp): who must use it, enrolment, recovery codes, and checking a code
with the same lockout as a wrong password (django-axes).

Every role except residents and applicants must use a TOTP app; residents and applicants may turn
it on (docs/security.md, "Second factor and sessions"). A code that fails counts as a failed login
for django-axes (``user_login_failed``), keyed like a password failure on username and client
address, so five wrong passwords or codes in any mix lock the account on that address.
"""

from __future__ import annotations

import time
from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from omkijken.accounts.clientip import client_ip
from omkijken.accounts.models import Role, User

# Roles that may choose: their own household's data only. Everyone else must use a second factor.
OPTIONAL_ROLES = frozenset({Role.RESIDENT, Role.APPLICANT})
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_NAME = "recovery"
# Session keys.
SESSION_HAS_DEVICE = "omk_2fa_device"  # the user had a confirmed device at login (optional roles)
SESSION_NEW_CODES = "omk_2fa_new_codes"  # recovery codes to show once
SESSION_LAST_SEEN = "omk_last_seen"  # unix time of the last request (idle timeout)
SESSION_REAUTH_AT = "omk_reauth_at"  # unix time of the last re-authentication


def role_requires_second_factor(user: User) -> bool:
    """Everyone but residents and applicants; a user without a role too (admins made by hand)."""
    return user.role not in OPTIONAL_ROLES


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_required(user: User) -> bool:
    return role_requires_second_factor(user) or has_second_factor(user)


@transaction.atomic
def enrolment_device(*, user: User) -> TOTPDevice:
    """The unconfirmed device a user is setting up (the same one until they confirm it)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def base32_key(device: TOTPDevice) -> str:
    """The key as the authenticator app asks for it, in groups of four for typing."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG QR code (segno; no image service)."""
    return str(
        segno.make(device.config_url, error="m").svg_inline(scale=4, border=4, dark="#000", light="#fff")
    )


@transaction.atomic
def new_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes by ten new ones; each works once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def confirm_enrolment(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the device when the code from the app is right; then the first recovery codes."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(_digits(code)):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(user=user)


@transaction.atomic
def turn_off(*, user: User) -> None:
    """Remove the second factor (only for the roles that may choose)."""
    if role_requires_second_factor(user):
        raise PermissionError("this role must use a second factor")
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def _digits(code: str) -> str:
    return "".join(code.split())


def verify_code(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts ``code``: a six-digit code from the app, or an unused recovery code
    (which is used up). None when neither does."""
    code = _digits(code).lower()
    if not code or len(code) > 16:
        return None
    if code.isdigit():
        device = confirmed_totp(user)
        with transaction.atomic():
            if device is not None and device.verify_token(code):
                return device
        return None
    for static in StaticDevice.objects.filter(user=user, confirmed=True):
        with transaction.atomic():
            if static.verify_token(code):
                return static
    return None


# --- the lockout, shared with passwords (django-axes) -------------------------------------------


def _credentials(user: User) -> dict[str, str]:
    return {"username": user.get_username()}


def is_locked_out(request: HttpRequest, user: User) -> bool:
    return not AxesProxyHandler.is_allowed(request, _credentials(user))


def record_failed_code(request: HttpRequest, user: User) -> bool:
    """Count a wrong code as a failed login; True when that locks the account on this address."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def reset_failures(request: HttpRequest, user: User) -> None:
    """A completed login clears the failures of this username on this address (as axes' own
    AXES_RESET_ON_SUCCESS would, but only once the second step is passed too)."""
    AxesProxyHandler.reset_attempts(ip_address=client_ip(request), username=user.get_username())


def mark_seen(request: HttpRequest) -> None:
    request.session[SESSION_LAST_SEEN] = int(time.time())


def start_session(sender: object, request: HttpRequest | None, user: User, **kwargs: object) -> None:
    """On every login: the idle clock starts, and whether this user has a second factor to pass."""
    if request is None or not hasattr(request, "session"):
        return
    mark_seen(request)
    request.session[SESSION_HAS_DEVICE] = has_second_factor(user)
