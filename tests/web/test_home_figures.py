"""Every figure on a home page equals a count made here, directly in the database."""

from __future__ import annotations

import re

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from omkijken.accounts.models import User
from omkijken.portfolio.models import Unit
from omkijken.projects.models import CarePartnerAgreement, Project
from omkijken.residents.models import Lease, TargetGroupStatus

pytestmark = pytest.mark.django_db

FIGURE = re.compile(r'<p class="figure">([^<]*)</p>\s*<p>([^<]*)</p>')


def figures_on_home(login, persona: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    html = login(persona).get(reverse("home")).content.decode()
    # Dutch figures group thousands with a dot: "5.311" is five thousand three hundred and eleven.
    return {
        label.strip(): int(value.strip().replace(".", ""))
        for value, label in FIGURE.findall(html)
        if re.fullmatch(r"[\d.]+", value.strip())
    }


def _current(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}start_date__lte": today}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": today})
    )


def households_living_in_homes_of(org_id: int) -> int:
    return (
        Lease.objects.filter(_current(), unit__complex__corporation_id=org_id)
        .values("household_id")
        .distinct()
        .count()
    )


@pytest.mark.parametrize("persona", ["projectleider", "verhuur", "admin"])
def test_a_corporations_home_counts_its_projects_and_the_households_living_in_its_homes(
    persona: str, login
) -> None:  # type: ignore[no-untyped-def]
    # given the persona's corporation
    org = User.objects.get(username=persona).organisation
    assert org is not None
    # when the persona opens the home page
    figures = figures_on_home(login, persona)
    # then its figures are the counts in the database
    assert figures["projecten"] == Project.objects.filter(corporation=org).count()
    assert figures["huishoudens wonen in onze woningen"] == households_living_in_homes_of(org.pk)


def test_the_care_coordinators_home_counts_the_clients_who_live_in_a_home(login) -> None:  # type: ignore[no-untyped-def]
    # given the care partner's open target-group statuses
    org = User.objects.get(username="zorgpartner").organisation
    today = timezone.localdate()
    open_status = Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
    clients = TargetGroupStatus.objects.filter(open_status, care_partner=org).values("household_id")
    housed = Lease.objects.filter(_current(), household_id__in=clients).values("household_id").distinct()
    # when the coordinator opens the home page
    figures = figures_on_home(login, "zorgpartner")
    # then the first figure counts clients with a home, as its label says
    assert (
        figures["van jouw cliënten wonen in een woning van een corporatie waarmee je samenwerkt"]
        == housed.count()
    )
    # and the second the projects it has an agreement in
    projects = CarePartnerAgreement.objects.filter(care_partner=org).values("project_id").distinct()
    assert figures["projecten waaraan je meedoet"] == projects.count()


def test_the_building_managers_home_counts_homes_occupied_and_vacant_per_complex(login) -> None:  # type: ignore[no-untyped-def]
    # given the complexes the building manager manages
    manager = User.objects.get(username="beheerder")
    html = login("beheerder").get(reverse("home")).content.decode()
    rows = re.findall(
        r'<a href="/complexen/(\d+)/">[^<]*</a>.*?</td><td>([\d.]+)</td><td>([\d.]+)</td><td>([\d.]+)</td>',
        html,
    )
    assert rows
    managed = set(manager.managed_complexes.values_list("pk", flat=True))
    assert {int(pk) for pk, *_ in rows} == managed
    for pk, homes, occupied, vacant in rows:
        units = Unit.objects.filter(complex_id=int(pk))
        lived_in = units.filter(Q(leases__in=Lease.objects.filter(_current()))).distinct().count()
        # then each row's figures are the counts in the database
        assert int(homes.replace(".", "")) == units.count()
        assert int(occupied.replace(".", "")) == lived_in
        assert int(vacant.replace(".", "")) == units.count() - lived_in
