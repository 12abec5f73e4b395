"""Reads of the exchange: the import receipts the actor may see (those of their own corporation)."""

from __future__ import annotations

from django.db.models import QuerySet

from omkijken.accounts.models import User
from omkijken.exchange.common import corporation_of
from omkijken.exchange.models import ImportBatch


def import_batches_for(actor: User) -> QuerySet[ImportBatch]:
    """The actor's corporation's imports, newest first; PermissionDenied for a role that may not
    import and export, or that has no corporation."""
    return ImportBatch.objects.filter(corporation=corporation_of(actor)).select_related("imported_by")


def import_batch_for(actor: User, pk: int) -> ImportBatch | None:
    """One import of the actor's corporation; None when there is none with ``pk`` (another
    corporation's import included)."""
    return import_batches_for(actor).filter(pk=pk).first()
