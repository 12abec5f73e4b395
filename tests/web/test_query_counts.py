"""No page issues more than 20 queries, and the number does not grow with the number of rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from omkijken.accounts.models import Organisation
from omkijken.demo.personas import CARE_PARTNER, CORPORATION
from omkijken.portfolio.models import Complex, Unit
from omkijken.projects.models import CarePartnerAgreement, Project
from omkijken.residents.models import Household, Lease, Person, TargetGroupStatus
from tests.web.pages import EXPECTED, PERSONAS, demo_pages

pytestmark = pytest.mark.django_db
MAX_QUERIES = 20
# The art. 15 export (a logged direct download, like every export of special-category data) reads
# every table that can hold data about a person: a few queries per table; the growth test below
# leaves it out (it still grows with the rows under the household's rows).
WHOLE_RECORD_EXPORTS = {"privacy_request_json", "privacy_request_pdf"}


def _limit(page: str) -> int:
    if page in WHOLE_RECORD_EXPORTS:
        from omkijken.privacy.export import covered_models

        return 2 * len(covered_models()) + MAX_QUERIES
    return MAX_QUERIES


def query_counts(login) -> dict[tuple[str, str], int]:  # type: ignore[no-untyped-def]
    pages = demo_pages()
    counts = {}
    for persona in PERSONAS:
        client = login(persona)
        for name, url in pages.items():
            if EXPECTED[name][persona] != 200 or name == "django_admin":
                continue
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200
            counts[(persona, name)] = len(ctx.captured_queries)
    return counts


def grow_the_world(extra: int = 40) -> None:
    """More of everything a page lists: homes, households, clients, projects, agreements."""
    corp = Organisation.objects.get(name=CORPORATION)
    partner = Organisation.objects.get(name=CARE_PARTNER)
    vliethof = Complex.objects.get(name="Vliethof")
    brug = Complex.objects.get(name="De Brug")
    section = brug.sections.first()
    start = dt.date(2024, 1, 1)
    for i in range(extra):
        unit = Unit.objects.create(
            complex=brug,
            section=section,
            code=f"X{i}",
            street="Extraweg",
            house_number=i + 1,
            postcode="3999ZZ",
            city="Vechtstad",
            floor=1,
            rooms=2,
            net_rent=Decimal("600.00"),
        )
        household = Household.objects.create(
            corporation=corp, reference=f"EXTRA-{i}", name=f"Huishouden Extra {i}"
        )
        Person.objects.create(
            household=household,
            first_name="Test",
            last_name=f"Extra{i}",
            birth_date=dt.date(1980, 1, 1),
            is_main_tenant=True,
        )
        Lease.objects.create(unit=unit, household=household, start_date=start, net_rent=Decimal("600.00"))
        TargetGroupStatus.objects.create(
            household=household, target_group="DAK", care_partner=partner, start_date=start
        )
    for i in range(extra // 4):
        project = Project.objects.create(
            corporation=corp, name=f"Extra project {i}", target_vulnerable_share=Decimal("0.3")
        )
        project.complexes.add(vliethof, brug)
        CarePartnerAgreement.objects.create(
            project=project, complex=brug, care_partner=partner, capacity=10, start_date=start
        )


def test_no_page_issues_more_than_twenty_queries(login) -> None:  # type: ignore[no-untyped-def]
    # given the demo world
    # when every persona opens every page it may open
    counts = query_counts(login)
    # then none needs more than 20 queries
    assert counts
    assert {page: n for page, n in counts.items() if n > _limit(page[1])} == {}


@pytest.mark.slow
def test_the_query_count_does_not_grow_with_the_number_of_rows(login) -> None:  # type: ignore[no-untyped-def]
    # given the counts on the demo world
    before = query_counts(login)
    # when the world grows by forty homes, households and clients and ten projects
    grow_the_world()
    after = query_counts(login)
    # then every page issues the same number of queries (the art. 15 export aside: it reads the rows
    # under each of the household's rows, and that still grows with them: a known gap, in the note)
    assert {
        k: (before[k], after[k]) for k in before if before[k] != after[k] and k[1] not in WHOLE_RECORD_EXPORTS
    } == {}
