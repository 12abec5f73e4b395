"""The main menu: each page marks exactly the menu item it belongs to."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_menu_marks_exactly_the_item_the_page_belongs_to(login) -> None:  # type: ignore[no-untyped-def]
    # given the care coordinator on the neighbour network's page, and on the home page
    client = login("zorgpartner")
    for path, current in (("/buurt/", "/buurt/"), ("/", "/")):
        html = client.get(path).content.decode()
        # then one menu link, the page's own, says it is the current page
        marked = re.findall(r'<a href="([^"]+)" aria-current="page"', html)
        assert marked == [current], path
