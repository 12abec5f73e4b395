"""Logging in as the tests need it, through django-otp's own API (no mocks).

``log_in_verified(client, user)``: a Django test client with a session that passed the second
step, the way our login view leaves it: ``force_login`` and then ``django_otp.login`` with the
user's confirmed TOTP device (a staff user without one gets a device first, as the enrolment
would). ``current_code(user)``: the code the user's authenticator app would show now, computed
with django-otp's HOTP/TOTP from the device's key, and never one the device already accepted.
"""

from __future__ import annotations

import time

import django_otp
from django.http import HttpRequest
from django.test import Client
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from omkijken.accounts.models import User
from omkijken.accounts.twofactor import SESSION_REAUTH_AT, role_requires_second_factor


def device_of(user: User) -> TOTPDevice | None:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and role_requires_second_factor(user):
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device


def log_in_verified(client: Client, user: User, *, reauthenticated: bool = False) -> Client:
    client.force_login(user)
    device = device_of(user)
    if device is not None or reauthenticated:
        session = client.session
        request = HttpRequest()
        request.session = session
        request.user = user
        if device is not None:
            django_otp.login(request, device)
        if reauthenticated:
            session[SESSION_REAUTH_AT] = int(time.time())
        session.save()
    return client


def current_code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    while True:
        now = time.time()
        center = int((now - device.t0) // device.step) + device.drift
        step = max(center, device.last_t + 1)
        if step <= center + device.tolerance:
            return f"{hotp(device.bin_key, step, device.digits):0{device.digits}d}"
        time.sleep(device.step - (now - device.t0) % device.step + 0.2)  # the next time step
