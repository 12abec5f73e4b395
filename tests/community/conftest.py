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
    from omkijken.accounts.models import Organisation, Role
    from tests.factories import make_login

    def make(person: Person) -> User:
        if person.user_id:
            return person.user
        corporation = Organisation.objects.get(pk=person.household.corporation_id)
        login = make_login(
            username=f"resident-{person.pk}",
            organisation=corporation,
            role=Role.RESIDENT,
            first_name=person.first_name,
        )
        person.user = login
        person.save(update_fields=["user"])
        return login

    return make


NOW = dt.datetime(2026, 5, 4, 12, 0, tzinfo=dt.UTC)
