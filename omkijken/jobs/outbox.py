"""Send a message at most once, and mark what it delivers only after it went out.

1. claim: a Delivery row with ``claimed_at``, committed before the mail server is called;
2. send: an error from the mail server clears the claim (nothing went out: the job may retry);
3. confirm: ``sent_at`` and the caller's own mark (a letter's ``sent_at``) in one transaction,
   retried for a while if the database is away at that moment, because the message did go out.

A claim left without ``sent_at`` (the worker died between 2 and 3) is never resent on its own:
``deliver_once`` raises ``PerhapsSent`` and the job lists it for a person to check.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import DatabaseError, transaction
from django.utils import timezone

from omkijken.jobs.models import Delivery
from omkijken.jobs.runner import fresh_connection

logger = logging.getLogger("omkijken.jobs")

CONFIRM_FOR_SECONDS = 120.0


class PerhapsSent(Exception):  # noqa: N818 - a state, not a bug
    """An earlier attempt handed this message to the mail server and did not hear back."""


def deliver_once(
    *,
    key: str,
    send: Callable[[], object],
    confirm: Callable[[], None],
    job_id: int | None = None,
    confirm_for: float = CONFIRM_FOR_SECONDS,
    retry_unconfirmed: bool = False,
) -> bool:
    """Deliver the message named ``key``; False when it had been delivered already.
    ``retry_unconfirmed``: a person decided to send a "perhaps sent" message again."""
    with transaction.atomic():
        delivery, _created = Delivery.objects.select_for_update().get_or_create(
            key=key, defaults={"job_id": job_id}
        )
        if delivery.sent_at is not None:
            return False
        if delivery.claimed_at is not None and not retry_unconfirmed:
            raise PerhapsSent(key)
        delivery.claimed_at = timezone.now()
        delivery.job_id = job_id
        delivery.save(update_fields=["claimed_at", "job"])
    try:
        send()
    except Exception:
        Delivery.objects.filter(pk=delivery.pk, sent_at__isnull=True).update(claimed_at=None)
        raise
    deadline = time.monotonic() + confirm_for
    while True:
        try:
            with transaction.atomic():
                Delivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now())
                confirm()
            return True
        except DatabaseError:
            if time.monotonic() > deadline:
                logger.error("delivery %s went out but could not be recorded", key)
                raise
            logger.warning("delivery %s went out; waiting for the database to record it", key)
            fresh_connection()
            time.sleep(1.0)
