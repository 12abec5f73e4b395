"""The demo holds one open and one decided objection against its accepted round."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omkijken.demo.personas import CORPORATION
from omkijken.letting.models import Objection

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_open_and_a_decided_objection_shown_to_the_letting_officer(login) -> None:  # type: ignore[no-untyped-def]
    objections = Objection.objects.filter(corporation__name=CORPORATION, round__status="accepted")
    assert objections.filter(status="open").count() == 1
    decided = objections.get(status="rejected")
    assert decided.decision_reason and decided.decided_by is not None
    page = login("verhuur").get(reverse("letting_objection_list")).content.decode()
    for objection in objections:
        assert objection.household.name in page
    assert "Afgewezen" in page and "Open" in page
