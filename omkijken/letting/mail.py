"""E-mail in the recipient's language through Django's e-mail framework.

Callers send after commit (``transaction.on_commit``) so that a rolled-back write never mails.
Templates: ``<template_base>.txt`` (plain text, required), ``<template_base>.html`` (optional) and
``<template_base>_subject.txt`` (one line).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def send_templated(
    *, to: Iterable[str], template_base: str, context: dict[str, Any], language: str = "nl"
) -> int:
    """Render and send one message to each address in ``to``; returns how many were sent.
    Addresses that are empty are skipped (not everyone has an e-mail address)."""
    recipients = [address for address in to if address]
    if not recipients:
        return 0
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"{template_base}_subject.txt", context).split())
        text = render_to_string(f"{template_base}.txt", context)
        try:
            html = render_to_string(f"{template_base}.html", context)
        except TemplateDoesNotExist:
            html = None
    sent = 0
    for address in recipients:
        message = EmailMultiAlternatives(subject=subject, body=text, to=[address])
        if html:
            message.attach_alternative(html, "text/html")
        sent += message.send()
    return sent
