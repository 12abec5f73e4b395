"""E-mail backends that behave like a mail server having a bad day (set by EMAIL_BACKEND)."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from typing import Any

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusingBackend(BaseEmailBackend):
    """Every message is refused, as by a mail server that is down."""

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        raise smtplib.SMTPServerDisconnected("the mail server went away")


class FlakyBackend(LocmemBackend):
    """Refuses the first ``FAIL_FIRST`` messages it is given (across connections), then delivers
    to ``mail.outbox`` like the test backend."""

    FAIL_FIRST = 0
    seen = 0

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        FlakyBackend.seen += 1
        if FlakyBackend.seen <= FlakyBackend.FAIL_FIRST:
            raise smtplib.SMTPServerDisconnected("the mail server went away")
        return super().send_messages(email_messages)


def outbox() -> list[Any]:
    return list(getattr(mail, "outbox", []))
