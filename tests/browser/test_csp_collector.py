"""The CSP check of the browser suite can fail: a script the policy forbids is collected."""

from __future__ import annotations

import pytest

from tests.browser.conftest import take_csp_violations

pytestmark = [pytest.mark.browser]


def test_a_script_the_content_security_policy_forbids_is_collected_as_a_violation(page, live_server) -> None:  # type: ignore[no-untyped-def]
    # given a page of ours under its policy
    page.goto(f"{live_server.url}/inloggen/")
    take_csp_violations()
    # when something injects an inline script into it
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }"
    )
    page.wait_for_timeout(300)
    page.evaluate("() => 0")  # a round trip, so the console event has arrived
    # then the collector saw the violation (taken here, so this test itself passes)
    found = take_csp_violations()
    assert any("script-src" in text for text in found), found
