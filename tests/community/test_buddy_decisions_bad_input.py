"""A coordinator's confirm/decline of a buddy proposal without a usable neighbour (or complex)
answers 400 and decides nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omkijken.community.buddies import selectors as buddy_selectors
from omkijken.community.models import BuddyPair, BuddyRequest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("action", ["community_buddy_confirm", "community_buddy_decline"])
@pytest.mark.parametrize("neighbour", [None, "abc", "1e9", ""])
def test_a_buddy_decision_without_a_numeric_neighbour_answers_400(
    network, login, persona, action, neighbour
) -> None:  # type: ignore[no-untyped-def]
    # given an open buddy request the building manager coordinates
    request = buddy_selectors.buddy_requests_for(persona("beheerder")).first()
    assert request is not None
    pairs, status = BuddyPair.objects.count(), request.status
    data = {"complex": "1"} if neighbour is None else {"complex": "1", "neighbour": neighbour}
    # when the form is posted without a usable neighbour
    response = login("beheerder").post(reverse(action, args=[request.pk]), data)
    # then it is a clear 400 and nothing was decided
    assert response.status_code == 400
    assert BuddyPair.objects.count() == pairs
    assert BuddyRequest.objects.get(pk=request.pk).status == status
