"""The source keys of the network's signals, so each is raised once and closed by what resolves it
(a call made, a help request taken). A key ends in ':' so that one prefix never matches another id."""

from __future__ import annotations

import datetime as dt


def missed_call_key(agreement_id: int, due_at: dt.datetime) -> str:
    return f"missed:{agreement_id}:{due_at.isoformat()}"


def missed_call_prefix(agreement_id: int) -> str:
    return f"missed:{agreement_id}:"


def not_reached_key(call_id: int) -> str:
    return f"noreach:{call_id}:"


def unclaimed_help_key(request_id: int) -> str:
    return f"help:{request_id}:"
