"""Dutch screens show Dutch words: no raw codes (GOOD_NEIGHBOUR) and no identifiers (household_detail)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from tests.web.pages import EXPECTED, PERSONAS, demo_pages

pytestmark = pytest.mark.django_db

# An enum code as the database stores it (GOOD_NEIGHBOUR, CSV_UNITS) or a Python/URL name
# (household_detail, target_group).
CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")

# Pages whose content is code by nature: the API's reference documents its field names and a
# download is a file, not a screen.
NOT_SCREENS = ("api_docs", "_export", "_pdf", "_csv", "_xlsx", "_ics", "_feed", "django_admin")


class _VisibleText(HTMLParser):
    """The text a reader sees, outside <script>, <style>, <code> and <pre> (code shown as code)."""

    SKIP = {"script", "style", "code", "pre", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1
        for name, value in attrs:
            # What a screen reader or a hovering mouse shows is visible text too.
            if name in ("aria-label", "title", "alt", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def raw_tokens(text: str) -> set[str]:
    # E-mail addresses and web addresses may hold underscores; they are not words.
    text = re.sub(r"\S+@\S+|https?://\S+|/\S*", " ", text)
    return set(CODE.findall(text)) | set(IDENTIFIER.findall(text))


def test_the_detector_finds_codes_and_identifiers_but_not_dutch_words() -> None:
    assert raw_tokens("Kanalen: GOOD_NEIGHBOUR, DIRECT") == {"GOOD_NEIGHBOUR"}
    assert raw_tokens("Ingezien: household_detail") == {"household_detail"}
    assert raw_tokens("Goede buur, direct · 1.234,50 · fenna_de_vries@example.nl") == set()


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page_a_persona_opens_in_dutch_shows_no_raw_codes_or_identifiers(persona: str, login) -> None:  # type: ignore[no-untyped-def]
    # given a persona in the default language, Dutch
    client: Client = login(persona)
    pages = demo_pages()
    found: dict[str, set[str]] = {}
    # when they open every page they may open
    for name, url in pages.items():
        if EXPECTED.get(name, {}).get(persona) != 200 or any(part in name for part in NOT_SCREENS):
            continue
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        tokens = raw_tokens(visible_text(response.content.decode()))
        if tokens:
            found[name] = tokens
    # then every word on them is a word, not a code
    assert found == {}
