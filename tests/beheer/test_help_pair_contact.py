"""Part 9: a neighbour who takes a help request can reach the asker (what the asker chose to
share), the asker is told who took it and how to reach them, and nobody else sees either."""

from __future__ import annotations

import pytest
from django.urls import reverse

from omkijken.accounts.models import Organisation, Role, User
from omkijken.community import scope
from omkijken.community.help import services as help_services
from omkijken.community.help.selectors import pair_contact
from omkijken.community.models import HelpRequest
from omkijken.residents.models import Person
from tests.factories import make_login
from tests.second_factor import log_in_verified

pytestmark = pytest.mark.django_db


def _login_for(person: Person) -> User:
    if person.user_id:
        return person.user  # type: ignore[return-value]
    login = make_login(
        username=f"resident-{person.pk}",
        organisation=Organisation.objects.get(pk=person.household.corporation_id),
        role=Role.RESIDENT,
        first_name=person.first_name,
    )
    person.user = login
    person.save(update_fields=["user"])
    return login


def _asker_next_to(buur: Person) -> Person:
    place = scope.place_of_person(buur.pk)
    assert place is not None
    asker = (
        scope.persons_in_complex(place.complex.pk)
        .exclude(household=buur.household)
        .filter(user__isnull=True)
        .order_by("pk")
        .first()
    )
    assert asker is not None
    asker.phone = "0687654321"
    asker.save(update_fields=["phone"])
    return asker


def test_the_helper_sees_what_the_asker_shared_and_the_asker_sees_who_helps(client, person_of) -> None:  # type: ignore[no-untyped-def]
    buur = person_of("buur")
    buur.phone = "0611112222"
    buur.save(update_fields=["phone"])
    asker = _asker_next_to(buur)
    asker_login = _login_for(asker)
    # given a question whose asker shares house number and phone
    request = help_services.help_request_create(
        actor=asker_login, kind="paperwork", title="Brief van de gemeente", share_phone=True
    )
    # when buur takes it on the page, choosing to show her phone number
    log_in_verified(client, buur.user)
    response = client.post(reverse("community_help_claim", args=[request.pk]), {"share_phone": "on"})
    assert response.status_code == 302
    # then buur sees how to reach the asker
    page = client.get(reverse("community_help_detail", args=[request.pk])).content.decode()
    asker_place = scope.place_of_person(asker.pk)
    assert asker_place is not None
    assert "0687654321" in page and f"nummer {asker_place.house_number}" in page
    # and the asker is told who took it, with buur's number and house number
    log_in_verified(client, asker_login)
    listing = client.get(reverse("community_help")).content.decode()
    assert f"{buur.first_name} helpt je" in listing
    detail = client.get(reverse("community_help_detail", args=[request.pk])).content.decode()
    assert "0611112222" in detail


def test_without_sharing_the_phone_stays_hidden_and_others_see_nothing(person_of) -> None:  # type: ignore[no-untyped-def]
    buur = person_of("buur")
    asker = _asker_next_to(buur)
    request = help_services.help_request_create(
        actor=_login_for(asker), kind="company", title="Samen wandelen", share_house_number=False
    )
    help_services.help_request_claim(actor=buur.user, help_request=request)  # type: ignore[arg-type]
    request = HelpRequest.objects.select_related("requester", "helper").get(pk=request.pk)
    seen_by_helper = pair_contact(request, buur.pk)
    assert seen_by_helper is not None
    assert seen_by_helper.phone == "" and seen_by_helper.house_number == ""
    seen_by_asker = pair_contact(request, asker.pk)
    assert seen_by_asker is not None and seen_by_asker.first_name == buur.first_name
    assert seen_by_asker.phone == ""  # buur did not choose to show hers
    third = scope.persons_in_complex(request.complex_id).exclude(pk__in=[asker.pk, buur.pk]).first()
    assert third is not None and pair_contact(request, third.pk) is None
