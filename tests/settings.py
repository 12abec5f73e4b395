"""The settings of the test run: the demo mode, explicitly (the demo key, the demo's DEBUG default;
pytest-django still runs the tests with DEBUG off). Subprocesses that tests start inherit it."""

import os

os.environ.setdefault("OMKIJKEN_DEMO", "1")

from omkijken.settings import *  # noqa: E402, F403
