"""E-mail in each recipient's own language, through Django's e-mail framework.

Every mail the product sends goes through :func:`send_templated`. A recipient is an address with
a language: a staff member's is their login's preferred language, a household's that of its main
person (``omkijken.residents.selectors.household_recipient``). The message is rendered once per
language under ``translation.override``, so an English-preferring recipient reads English even when
the person who caused the mail works in Dutch.

Callers send after commit (``transaction.on_commit``) so that a rolled-back write never mails.
Templates: ``<template_base>.txt`` (plain text, required), ``<template_base>.html`` (optional) and
``<template_base>_subject.txt`` (one line).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation

LANGUAGES = ("nl", "en")


def language_or_default(language: str | None) -> str:
    """A language we write in: the given one when we have it, else the site's default (Dutch)."""
    return language if language in LANGUAGES else settings.LANGUAGE_CODE


@dataclass(frozen=True)
class Recipient:
    address: str
    language: str = "nl"


def user_recipient(user: object) -> Recipient:
    """A login's own address in its preferred language (empty address when it has none)."""
    return Recipient(
        address=getattr(user, "email", "") or "",
        language=language_or_default(getattr(user, "preferred_language", None)),
    )


def _recipient(item: str | Recipient, default_language: str) -> Recipient:
    if isinstance(item, Recipient):
        return Recipient(item.address, language_or_default(item.language))
    return Recipient(item, default_language)


def render_templated(
    template_base: str, context: dict[str, Any], language: str
) -> tuple[str, str, str | None]:
    """Subject, text and HTML (or None) of one message in ``language``."""
    with translation.override(language_or_default(language)):
        subject = " ".join(render_to_string(f"{template_base}_subject.txt", context).split())
        text = render_to_string(f"{template_base}.txt", context)
        try:
            html: str | None = render_to_string(f"{template_base}.html", context)
        except TemplateDoesNotExist:
            html = None
    return subject, text, html


def send_templated(
    *,
    to: Iterable[str | Recipient],
    template_base: str,
    context: dict[str, Any],
    language: str | None = None,
) -> int:
    """Render and send one message to each recipient, in the recipient's language; returns how many
    were sent. A bare address gets ``language`` (else Dutch). Empty addresses are skipped (not
    everyone has an e-mail address)."""
    default = language_or_default(language)
    recipients = [r for r in (_recipient(item, default) for item in to) if r.address]
    rendered: dict[str, tuple[str, str, str | None]] = {}
    sent = 0
    for recipient in recipients:
        if recipient.language not in rendered:
            rendered[recipient.language] = render_templated(template_base, context, recipient.language)
        subject, text, html = rendered[recipient.language]
        message = EmailMultiAlternatives(subject=subject, body=text, to=[recipient.address])
        if html:
            message.attach_alternative(html, "text/html")
        sent += message.send()
    return sent
