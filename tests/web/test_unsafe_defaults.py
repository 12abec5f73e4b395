"""Production refuses to start without a real SECRET_KEY; the demo mode is an explicit switch."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_KEY = "p" * 20 + "a-real-production-secret-for-this-test-0123456789"


def run_settings(**env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"OMKIJKEN_DEMO", "DEBUG", "SECRET_KEY", "DATABASE_URL"}
    }
    base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='omkijken.settings'; django.setup(); from django.conf import settings as s; print(s.DEBUG)"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_a_secret_key_production_does_not_start() -> None:
    result = run_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_the_public_demo_key_is_refused_when_debug_is_off() -> None:
    from omkijken.settings import DEMO_SECRET_KEY

    result = run_settings(SECRET_KEY=DEMO_SECRET_KEY)
    assert result.returncode != 0
    assert "public demo key" in result.stderr


def test_debug_is_off_unless_asked_for() -> None:
    assert run_settings(SECRET_KEY=REAL_KEY).stdout.strip() == "False"
    assert run_settings(OMKIJKEN_DEMO="1").stdout.strip() == "True"


def test_check_deploy_is_clean_for_a_correctly_configured_production() -> None:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"OMKIJKEN_DEMO", "DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env = {
        **base,
        "SECRET_KEY": REAL_KEY,
        "ALLOWED_HOSTS": "omkijken.example.org",
        "TRUSTED_PROXIES": "10.0.0.5",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
