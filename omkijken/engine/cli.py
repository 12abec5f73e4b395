"""``omkijken allocate | verify | generate-round``: the engine on the command line, without Django.

Exit status: 0 done; 1 ``verify`` found violations; 2 bad input (the message names the JSON path
and what is wrong; no result file is written).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def _read_json(path: str) -> Any:
    try:
        if path == "-":
            return json.load(sys.stdin)
        with open(path, "rb") as f:
            return json.loads(f.read())
    except OSError as exc:
        raise _InputError(f"{path}: cannot read: {exc.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _InputError(f"{path}: not valid JSON: {exc}") from None


class _InputError(Exception):
    pass


def _write_json(doc: Any, path: str | None) -> None:
    """Write atomically (temporary file, then rename), so a failed run leaves no partial file."""
    if path is None or path == "-":
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=f".{target.name}.", suffix=".tmp")
    try:
        # json.dumps, not json.dump: only the one-shot encoder is the C one (several times faster)
        text = json.dumps(doc, ensure_ascii=False)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _allocate(ns: argparse.Namespace) -> int:
    from omkijken.engine.allocation import RoundError, allocate

    doc = _read_json(ns.round)
    try:
        result = allocate(doc, method=ns.method, explain=not ns.no_explanations)
    except RoundError as exc:
        print(f"omkijken allocate: invalid round {ns.round}: {exc}", file=sys.stderr)
        return 2
    _write_json(result, ns.output)
    m = result["metrics"]
    summary = (
        f"{ns.method}: {m['filled']} of {m['filled'] + len(result['unassigned_units'])} units filled, "
        f"quota shortfall {m['objective']['quota_shortfall']}, mix shortfall {m['objective']['mix_shortfall']}, "
        f"{m['solve_seconds']:.2f} s"
    )
    print(summary, file=sys.stderr)
    return 0


def _verify(ns: argparse.Namespace) -> int:
    from omkijken.engine.allocation import RoundError, verify

    rnd = _read_json(ns.round)
    result = _read_json(ns.result)
    try:
        violations = verify(rnd, result)
    except RoundError as exc:
        print(f"omkijken verify: invalid round {ns.round}: {exc}", file=sys.stderr)
        return 2
    for v in violations:
        print(v)
    if violations:
        print(f"{len(violations)} violation(s)", file=sys.stderr)
        return 1
    print("no violations: the result keeps rules 1-6", file=sys.stderr)
    return 0


def _generate(ns: argparse.Namespace) -> int:
    from omkijken.engine.generate import generate_round

    _write_json(generate_round(ns.scale, ns.seed, year=ns.year), ns.output)
    return 0


def main(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="omkijken", description="Omkijken allocation engine")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("allocate", help="allocate a round: ROUND.json -> RESULT.json")
    p.add_argument("round", help="round JSON file (omkijken.allocation-round/1), or - for stdin")
    p.add_argument("-o", "--output", help="result file (default: stdout)")
    p.add_argument("--method", choices=("optimal", "greedy"), default="optimal")
    p.add_argument("--no-explanations", action="store_true", help="leave explanations and reasons empty")
    p.set_defaults(func=_allocate)
    p = sub.add_parser("verify", help="check a result against rules 1-6; exit 1 on any violation")
    p.add_argument("round")
    p.add_argument("result")
    p.set_defaults(func=_verify)
    p = sub.add_parser("generate-round", help="write a realistic synthetic round")
    p.add_argument("--scale", choices=("S", "M", "L"), default="S")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--year", type=int, default=2025)
    p.add_argument("-o", "--output", help="round file (default: stdout)")
    p.set_defaults(func=_generate)
    try:
        ns = parser.parse_args(args)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else 2
    try:
        rc: int = ns.func(ns)
    except _InputError as exc:
        print(f"omkijken {ns.command}: {exc}", file=sys.stderr)
        return 2
    return rc
