"""The care coordinator's "propose a buddy" page shows only the coordinator's own clients: for
anyone else it answers 404, with or without a home, and names nobody. An own client's page is a
read of special-category data, so it is logged."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import AccessEvent, Organisation
from omkijken.demo.personas import CARE_PARTNER
from omkijken.residents.models import Person, TargetGroupStatus
from omkijken.residents.selectors import open_status_filter
from tests.factories import make_household

pytestmark = pytest.mark.django_db


def propose_url(person: Person) -> str:
    return reverse("community_care_propose", args=[person.pk])


def test_a_coordinator_opening_an_own_clients_proposal_page_is_logged(login, persona, person_of) -> None:  # type: ignore[no-untyped-def]
    # given the care partner's client bewoner
    client_person = person_of("bewoner")
    before = AccessEvent.objects.count()
    # when the coordinator opens the proposal page
    response = login("zorgpartner").get(propose_url(client_person))
    # then it names the client and the read is logged as care coordination
    assert response.status_code == 200
    assert client_person.first_name in response.content.decode()
    event = AccessEvent.objects.order_by("-seq").first()
    assert AccessEvent.objects.count() == before + 1
    assert event is not None and event.actor == persona("zorgpartner")
    assert event.household_id == client_person.household_id
    assert event.purpose == AccessEvent.Purpose.CARE_COORDINATION


def test_a_coordinator_cannot_read_the_name_of_a_resident_who_is_not_their_client(login, person_of) -> None:  # type: ignore[no-untyped-def]
    # given a resident with a home who is no client of the care partner
    outsider = person_of("buur")
    assert not TargetGroupStatus.objects.filter(
        open_status_filter(timezone.localdate()),
        household_id=outsider.household_id,
        care_partner__name=CARE_PARTNER,
    ).exists()
    before = AccessEvent.objects.count()
    # when the coordinator guesses the URL
    response = login("zorgpartner").get(propose_url(outsider))
    # then the page does not exist for them, names nobody, and nothing was read
    assert response.status_code == 404
    assert f"voor {outsider.first_name}" not in response.content.decode()
    assert AccessEvent.objects.count() == before


def test_a_non_client_without_a_home_and_one_with_a_home_look_the_same(login, person_of) -> None:  # type: ignore[no-untyped-def]
    # given a person at another corporation without a home, and a person with one
    other = Organisation.objects.create(name="Andere Woonstichting", kind=Organisation.Kind.CORPORATION)
    household = make_household(
        corporation=other, reference="AW-1", name="Huishouden Andere", first_name="Zoë"
    )
    homeless = household.members.get()
    housed = person_of("buur")
    client = login("zorgpartner")
    # when the coordinator probes both
    # then both answer the same 404: the status tells nothing about a home
    assert client.get(propose_url(homeless)).status_code == 404
    assert client.get(propose_url(housed)).status_code == 404
