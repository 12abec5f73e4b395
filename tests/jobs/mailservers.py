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


class PausingFileBackend(BaseEmailBackend):
    """Writes each message's PDF name to ``$OMK_MAILDIR`` (a second copy of a letter is recorded
    as a duplicate). Before message number ``$OMK_MAIL_PAUSE_AT`` it writes ``paused`` and holds
    the message until a file ``go`` appears: the test restarts PostgreSQL meanwhile."""

    def send_messages(self, email_messages: Sequence[Any]) -> int:
        import os
        import time
        from pathlib import Path

        folder = Path(os.environ["OMK_MAILDIR"])
        pause_at = int(os.environ.get("OMK_MAIL_PAUSE_AT", "0"))
        for message in email_messages:
            number = len(list(folder.glob("*.sent"))) + 1
            if number == pause_at and not (folder / "go").exists():
                (folder / "paused").write_text("")
                deadline = time.monotonic() + 180
                while not (folder / "go").exists() and time.monotonic() < deadline:
                    time.sleep(0.2)
            name = message.attachments[0][0] if message.attachments else f"message-{number}"
            target = folder / f"{name}.sent"
            if target.exists():
                (folder / f"{name}.duplicate").write_text("")
            target.write_text(",".join(message.to))
        return len(email_messages)
