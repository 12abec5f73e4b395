"""``manage.py demo_totp <username>``: the current second-factor code of a demo login.

The demo's staff logins are enrolled with keys derived from the documented DEMO_TOTP_SEED
(omkijken.demo.personas), so this works only for a device with exactly that key: a real user's
device is never printed.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from omkijken.demo.personas import demo_totp_key


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo login (demo keys only)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
        if device is None:
            raise CommandError(_("%(username)s has no second factor.") % {"username": username})
        if device.key != demo_totp_key(username):
            raise CommandError(
                _("%(username)s does not use a demo key; ask their app.") % {"username": username}
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        left = device.step - int(totp.time - device.t0) % device.step
        self.stdout.write(f"{totp.token():0{device.digits}d}")
        self.stderr.write(_("valid for another %(seconds)d seconds") % {"seconds": left})
