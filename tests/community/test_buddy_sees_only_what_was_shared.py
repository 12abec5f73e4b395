"""A buddy sees only the fields the resident chose to share; residents never see who asked for a buddy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omkijken.community.buddies import services as buddy_services
from omkijken.community.models import BuddyRequest
from omkijken.community.scope import place_of_person

pytestmark = pytest.mark.django_db


def pair_with_buur(persona, person_of, **shares):  # type: ignore[no-untyped-def]
    request = BuddyRequest.objects.get(languages=["ti"], needs_shared_language=True)
    BuddyRequest.objects.filter(pk=request.pk).update(**shares)
    seeker = request.person
    seeker.phone = "06-99887766"
    seeker.last_name = "Zzyzxsurname"
    seeker.save(update_fields=["phone", "last_name"])
    buddy_services.buddy_pair_confirm(
        actor=persona("beheerder"), buddy_request=request, neighbour_id=person_of("buur").pk
    )
    return seeker


def test_unshared_fields_never_reach_the_buddys_pages(network, persona, person_of, login) -> None:  # type: ignore[no-untyped-def]
    # given a resident who shares only their first name with their buddy
    seeker = pair_with_buur(
        persona, person_of, share_first_name=True, share_section=False, share_address=False,
        share_phone=False, share_languages=False, share_interests=False,
    )  # fmt: skip
    place = place_of_person(seeker.pk)
    client = login("buur")
    # when buur opens every page of the network
    pages = [
        reverse(n) for n in ("community_home", "community_buddy", "community_help", "community_activities")
    ]
    bodies = "".join(client.get(url).content.decode() for url in pages)
    buddy_page = client.get(reverse("community_buddy")).content.decode()
    # then the first name is there, and nothing else of them
    assert seeker.first_name in buddy_page
    assert seeker.phone not in bodies
    assert seeker.last_name not in bodies
    assert 'data-field="section"' not in buddy_page and 'data-field="house_number"' not in buddy_page
    assert 'data-field="languages"' not in buddy_page
    assert place.house_number not in buddy_page.split('data-field="first_name"')[1].split("</dl>")[0]


def test_shared_fields_are_shown_to_the_buddy(network, persona, person_of, login) -> None:  # type: ignore[no-untyped-def]
    seeker = pair_with_buur(persona, person_of, share_phone=True, share_section=True, share_languages=True)
    buddy_page = login("buur").get(reverse("community_buddy")).content.decode()
    assert seeker.phone in buddy_page
    assert 'data-field="section"' in buddy_page
    assert "Tigrinya" in buddy_page


def test_no_resident_page_says_who_asked_for_a_buddy(network, login) -> None:  # type: ignore[no-untyped-def]
    # given open buddy requests in Vliethof (none confirmed for buur)
    seekers = [r.person for r in BuddyRequest.objects.filter(status="open").select_related("person")]
    client = login("buur")
    # when buur opens the network pages, then no seeker's full name is shown anywhere
    for name in ("community_home", "community_help", "community_activities", "community_buddy"):
        body = client.get(reverse(name)).content.decode()
        for person in seekers:
            assert f"{person.first_name} {person.last_name}" not in body, name
