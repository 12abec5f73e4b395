"""Which function runs a job kind. Apps register theirs in their own ``tasks.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from omkijken.jobs.runner import JobContext

Handler = Callable[["JobContext"], "dict[str, Any] | None"]

_handlers: dict[str, Handler] = {}


def register(kind: str) -> Callable[[Handler], Handler]:
    """``@register("letting.round_run")`` on ``def run(ctx) -> dict | None`` (the job's result)."""

    def decorate(handler: Handler) -> Handler:
        _handlers[kind] = handler
        return handler

    return decorate


def handler_for(kind: str) -> Handler | None:
    return _handlers.get(kind)


def kinds() -> list[str]:
    return sorted(_handlers)
