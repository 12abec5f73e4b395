"""Small helpers for reading a result in engine tests."""

from __future__ import annotations

from typing import Any


def assigned(result: dict[str, Any]) -> dict[str, str]:
    """unit -> candidate"""
    return {a["unit"]: a["candidate"] for a in result["assignments"]}


def passed_over(result: dict[str, Any], unit: str) -> dict[str, dict[str, Any]]:
    for e in result["explanations"]:
        if e["unit"] == unit:
            return {p["candidate"]: p for p in e["passed_over"]}
    return {}
