"""A profile's interests and languages read as Dutch words, never as the stored codes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omkijken.community.models import BuddyRequest
from tests.community.test_buddy_sees_only_what_was_shared import pair_with_buur

pytestmark = pytest.mark.django_db


def test_the_buddy_reads_the_seekers_interests_and_languages_in_dutch(
    network, persona, person_of, login
) -> None:  # type: ignore[no-untyped-def]
    # given a seeker who likes football and coffee, speaks Tigrinya, and shares both
    BuddyRequest.objects.filter(languages=["ti"], needs_shared_language=True).update(
        interests=["football", "coffee", "board_games"]
    )
    pair_with_buur(persona, person_of, share_interests=True, share_languages=True)
    # when their buddy opens the buddy page in Dutch
    page = login("buur").get(reverse("community_buddy")).content.decode()
    interests = page.split('data-field="interests">')[1].split("</dd>")[0]
    languages = page.split('data-field="languages">')[1].split("</dd>")[0]
    # then the words are Dutch
    assert interests == "voetbal, koffiedrinken, bordspellen"
    assert languages == "Tigrinya"
