"""The `omkijken` console script.

Engine commands (allocate, verify, generate-round) run without Django, so that a round exported
from a corporation's ERP can be allocated on any machine. Every other command is a Django
management command (`omkijken migrate`, `omkijken demo`, `omkijken runserver`, ...).
"""

from __future__ import annotations

import os
import sys

ENGINE_COMMANDS = {"allocate", "verify", "generate-round"}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ENGINE_COMMANDS:
        from omkijken.engine.cli import main as engine_main

        return engine_main(args)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omkijken.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["omkijken", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
