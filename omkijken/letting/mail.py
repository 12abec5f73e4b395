"""Letting's mail goes through the one sender in ``omkijken.accounts.mail``, which renders each
message in its recipient's language (see there)."""

from __future__ import annotations

from omkijken.accounts.mail import Recipient, send_templated, user_recipient

__all__ = ["Recipient", "send_templated", "user_recipient"]
