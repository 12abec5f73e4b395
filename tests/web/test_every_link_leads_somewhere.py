"""Every link a persona is shown leads to a page that persona may use.

A link that answers "Geen toegang" (403) or "not found" (404) is a dead end for the person who
followed it: the page should not have shown it. The test follows, per persona, every same-site
link from the home page onwards (breadth first, a few samples per URL shape) and collects the
links that answer anything but a page or a redirect.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from tests.web.pages import PERSONAS

pytestmark = pytest.mark.django_db

# Not pages of ours to crawl: signing out, the language switch (a POST form), Django's admin, the
# API (its own tests), static files, and downloads that are files rather than pages.
SKIP = re.compile(r"^/(uitloggen|i18n|beheer|api|static)/|\.(ics|pdf|csv|json)$|/export/|/pdf/")
SAMPLES_PER_SHAPE = 2
MAX_PAGES = 400


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_on(html: str, here: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    out = []
    for href in parser.hrefs:
        href, _fragment = urldefrag(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href:
            continue
        if not href.startswith("/"):
            continue  # relative links are not used by our templates; "?page=2" stays on the page
        out.append(href)
    return out


def shape(url: str) -> str:
    path, _, query = url.partition("?")
    return re.sub(r"\d+", "N", path) + ("?" + re.sub(r"=[^&]*", "=", query) if query else "")


def dead_links(client: Client) -> dict[str, tuple[int, str]]:
    """URL -> (status, the page that linked to it) for every link that is not a page or redirect."""
    seen: set[str] = {"/"}
    per_shape: dict[str, int] = {}
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    dead: dict[str, tuple[int, str]] = {}
    visited = 0
    while queue and visited < MAX_PAGES:
        url, came_from = queue.popleft()
        response = client.get(url)
        visited += 1
        if response.status_code not in (200, 301, 302):
            dead[url] = (response.status_code, came_from)
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in links_on(response.content.decode(), url):
            if link in seen or SKIP.search(link):
                continue
            seen.add(link)
            key = shape(link)
            if per_shape.get(key, 0) >= SAMPLES_PER_SHAPE:
                continue
            per_shape[key] = per_shape.get(key, 0) + 1
            queue.append((link, url))
    assert visited > 1, "the crawl found no links at all"
    return dead


@pytest.fixture
def network(db):  # type: ignore[no-untyped-def]
    from omkijken.community.demo import build_community_demo

    build_community_demo()


@pytest.mark.slow
@pytest.mark.parametrize("persona", PERSONAS)
def test_no_link_a_persona_is_shown_answers_no_access_or_not_found(persona: str, login, network) -> None:  # type: ignore[no-untyped-def]
    # given the demo world with its neighbour network, and a persona signed in
    client: Client = login(persona)
    # when the persona follows every link it is shown
    dead = dead_links(client)
    # then none of them answers 403 or 404 (or worse)
    assert dead == {}


def test_every_capability_a_template_asks_about_is_in_the_policy() -> None:
    # given every template of the project
    from pathlib import Path

    from omkijken.accounts.policy import CAPABILITIES

    root = Path(__file__).resolve().parents[2] / "omkijken"
    asked = {
        (path.relative_to(root).as_posix(), name)
        for path in root.rglob("*.html")
        for name in re.findall(r"\bmay\.(\w+)", path.read_text())
    }
    # then each ``may.<capability>`` names one the policy knows (a typo would hide the link)
    assert asked, "no template asks about a capability"
    assert {(path, name) for path, name in asked if name not in CAPABILITIES} == set()
