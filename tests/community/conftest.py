"""The neighbour network's demo data, added inside each test's transaction (rolled back after)."""

from __future__ import annotations

import datetime as dt

import pytest

from omkijken.accounts.models import User
from omkijken.residents.models import Person


@pytest.fixture
def network(db):  # type: ignore[no-untyped-def]
    from omkijken.community.demo import build_community_demo

    build_community_demo()


@pytest.fixture
def resident_login(db):  # type: ignore[no-untyped-def]
    """A fresh resident login for a person of the demo world (by person)."""
    from omkijken.accounts.models import Membership, Organisation, Role

    def make(person: Person) -> User:
        if person.user_id:
            return person.user
        corporation = Organisation.objects.get(pk=person.household.corporation_id)
        login = User.objects.create(username=f"resident-{person.pk}", first_name=person.first_name)
        Membership.objects.create(user=login, organisation=corporation, role=Role.RESIDENT)
        person.user = login
        person.save(update_fields=["user"])
        return login

    return make


NOW = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)
