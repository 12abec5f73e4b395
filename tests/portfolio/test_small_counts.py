"""The building manager's per-section counts of vulnerable households have a minimum cell size."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from omkijken.portfolio.models import Complex, Section
from omkijken.residents.models import Lease, TargetGroupStatus

pytestmark = pytest.mark.django_db

CELL = re.compile(r'<th scope="row">([^<]*)<br>.*?<td data-vulnerable="([^"]*)">', re.S)


def _valid(today):  # type: ignore[no-untyped-def]
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


def vulnerable_per_section(complex_: Complex) -> dict[str, int]:
    """Counted here: households with an open target-group status living in the section today."""
    today = timezone.localdate()
    vulnerable = TargetGroupStatus.objects.filter(_valid(today)).values("household_id")
    return {
        section.name: Lease.objects.filter(_valid(today), unit__section=section, household_id__in=vulnerable)
        .values("household_id")
        .distinct()
        .count()
        for section in Section.objects.filter(complex=complex_)
    }


def shown_cells(html: str) -> dict[str, str]:
    return {name.strip(): value for name, value in CELL.findall(html)}


@pytest.fixture
def vliethof_with_a_small_section() -> Complex:
    """Vliethof as the demo has it, with its busiest section brought down to one vulnerable
    household (the others' statuses ended yesterday): a section that could point to one person."""
    complex_ = Complex.objects.get(name="Vliethof")
    today = timezone.localdate()
    counts = vulnerable_per_section(complex_)
    busiest = max(counts, key=lambda name: counts[name])
    assert counts[busiest] >= 1
    living = Lease.objects.filter(_valid(today), unit__section__complex=complex_, unit__section__name=busiest)
    households = sorted(set(living.values_list("household_id", flat=True)))
    open_statuses = TargetGroupStatus.objects.filter(_valid(today), household_id__in=households)
    keep = open_statuses.order_by("household_id").values_list("household_id", flat=True).first()
    open_statuses.exclude(household_id=keep).update(end_date=today - dt.timedelta(days=1))
    assert vulnerable_per_section(complex_)[busiest] == 1
    return complex_


def test_the_building_manager_sees_no_section_count_under_five(vliethof_with_a_small_section, login) -> None:  # type: ignore[no-untyped-def]
    # given Vliethof's sections, counted here
    counts = vulnerable_per_section(vliethof_with_a_small_section)
    # when its building manager opens the complex
    html = (
        login("beheerder")
        .get(reverse("complex_detail", args=[vliethof_with_a_small_section.pk]))
        .content.decode()
    )
    cells = shown_cells(html)
    # then every section is listed, and no count under 5 is shown
    assert set(cells) == set(counts)
    for name, value in cells.items():
        if counts[name] < 5:
            assert value == "hidden", name
        else:
            assert value in ("hidden", str(counts[name])), name
    assert not re.search(r'data-vulnerable="[0-4]"', html)
    # and one hidden cell never stands alone, or the complex total would give it away
    assert list(cells.values()).count("hidden") != 1


def test_the_letting_officer_who_reads_target_groups_keeps_the_exact_counts(
    vliethof_with_a_small_section, login
) -> None:  # type: ignore[no-untyped-def]
    counts = vulnerable_per_section(vliethof_with_a_small_section)
    html = (
        login("verhuur")
        .get(reverse("complex_detail", args=[vliethof_with_a_small_section.pk]))
        .content.decode()
    )
    assert shown_cells(html) == {name: str(n) for name, n in counts.items()}


def test_the_building_managers_complex_list_hides_a_share_made_of_fewer_than_five(login) -> None:  # type: ignore[no-untyped-def]
    # given a complex of the building manager with fewer than 5 vulnerable households
    today = timezone.localdate()
    vulnerable = TargetGroupStatus.objects.filter(_valid(today)).values("household_id")
    complex_ = Complex.objects.get(name="Vliethof")
    n = (
        Lease.objects.filter(_valid(today), unit__complex=complex_, household_id__in=vulnerable)
        .values("household_id")
        .distinct()
        .count()
    )
    html = login("beheerder").get(reverse("complex_list") + "?q=Vliethof").content.decode()
    row = re.search(r"Vliethof</a>.*?</tr>", html, re.S)
    assert row is not None
    if n < 5:
        assert "&lt; 5" in row.group(0)
    else:
        assert "&lt; 5" not in row.group(0)
