"""The security baseline: check --deploy clean, strict CSP, secure cookies, CSRF."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_reports_no_issues_under_production_settings() -> None:
    # given production settings from the environment
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "k" * 20 + "production-grade-secret-value-for-the-check-0123456789",
        "ALLOWED_HOSTS": "omkijken.example.org",
    }
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for Playwright in tests only; never in deployment
    # when Django's deployment check runs
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    # then it finds nothing
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_every_page_sends_a_content_security_policy_without_inline_scripts(client: Client) -> None:
    # when the login page is fetched
    response = client.get(reverse("login"))
    # then the CSP allows scripts and styles from this site only, and no framing
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert "<script>" not in response.content.decode()
    assert " style=" not in response.content.decode()


@pytest.mark.django_db
def test_a_post_without_csrf_token_is_refused() -> None:
    # given a client that enforces CSRF
    client = Client(enforce_csrf_checks=True)
    # when a login is posted without the token
    response = client.post(reverse("login"), {"username": "verhuur", "password": "x"})
    # then it is refused
    assert response.status_code == 403


def test_production_cookies_are_secure_and_http_only() -> None:
    # given the settings module read with DEBUG off
    env = {**os.environ, "DEBUG": "false", "SECRET_KEY": "x" * 60}
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='omkijken.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0)"
    )
    # when they are read
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    # then every cookie protection is on
    assert out.stdout.split() == ["True"] * 5
