"""Playwright driving Debian's Chromium (/usr/bin/chromium); no browser download."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


# One Playwright and one Chromium for the whole session. Test folders outside tests/browser import
# the ``browser`` fixture into their own conftest, and pytest then holds one session fixture per
# folder: each would start its own sync Playwright while the first is still running, which
# Playwright refuses ("Sync API inside the asyncio loop"). They all share this one instead; the
# root conftest closes it when the session ends.
_SHARED: dict[str, object] = {}

# Content-security-policy violations seen by any page of any browser test, in order. Every context
# made from the shared browser reports them (a ``securitypolicyviolation`` listener installed
# before any page script, and Chromium's "Refused to ..." console errors); the root conftest fails
# the test during which one appeared (``take_csp_violations``).
CSP_VIOLATIONS: list[str] = []
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} `
    + `at ${e.sourceFile || e.documentURI}:${e.lineNumber}`);
}, true);
"""


def _on_console(message) -> None:  # type: ignore[no-untyped-def]
    text = message.text
    if message.type == "error" and (text.startswith("CSP violation") or "Content Security Policy" in text):
        CSP_VIOLATIONS.append(text)


def _reporting_csp(browser) -> object:  # type: ignore[no-untyped-def]
    """Make every ``browser.new_context()`` (whoever calls it) collect CSP violations."""
    original = browser.new_context

    def new_context(*args, **kwargs):  # type: ignore[no-untyped-def]
        context = original(*args, **kwargs)
        context.add_init_script(CSP_LISTENER)
        context.on("console", _on_console)
        return context

    browser.new_context = new_context
    return browser


def take_csp_violations() -> list[str]:
    """The violations collected so far, forgetting them."""
    found = list(CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()
    return found


def shared_browser() -> object:
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        _SHARED["playwright"] = playwright
        _SHARED["browser"] = _reporting_csp(
            playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        )
    return _SHARED["browser"]


def close_shared_browser() -> None:
    browser, playwright = _SHARED.pop("browser", None), _SHARED.pop("playwright", None)
    if browser is not None:
        browser.close()  # type: ignore[attr-defined]
    if playwright is not None:
        playwright.stop()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Debian's Chromium is not installed at {CHROMIUM}: run the README's test command")
    yield shared_browser()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    yield page
    context.close()


AXE_SOURCE = os.path.join(os.path.dirname(__file__), "..", "..", "node_modules", "axe-core", "axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    """Run axe-core (npm package axe-core) on the current page; WCAG 2.x A and AA rules.

    The script is evaluated through the DevTools protocol, which the page's content security
    policy does not govern, so the CSP stays strict during the check."""
    with open(AXE_SOURCE, encoding="utf-8") as handle:
        page.evaluate(handle.read())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def log_in(page, base_url: str, username: str) -> None:  # type: ignore[no-untyped-def]
    """Log in through the real login: the password, then (for a login with a second factor) the
    code the persona's authenticator app would show now (tests/second_factor.py)."""
    from omkijken.demo.personas import DEMO_PASSWORD

    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    if "/inloggen/code/" in page.url:
        enter_code(page, username)


def enter_code(page, username: str) -> None:  # type: ignore[no-untyped-def]
    from omkijken.accounts.models import User
    from tests.second_factor import current_code

    page.get_by_label("Code", exact=True).fill(current_code(User.objects.get(username=username)))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state("networkidle")
