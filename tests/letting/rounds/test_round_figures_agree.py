"""A round's figures have one definition each: the proposal, the accepted round and the complex page
show the same quota and mix figures, and they equal a count straight from the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from omkijken.letting.models import Advert, Allocation, Nomination, Round
from omkijken.letting.rounds.services import round_run
from omkijken.residents.models import Lease, TargetGroupStatus
from tests.second_factor import log_in_verified

from .conftest import TODAY

pytestmark = pytest.mark.django_db


def in_force(on: dt.date, prefix: str = "") -> Q:
    """Written here apart from the app: started on or before ``on``, not ended before it."""
    return Q(**{f"{prefix}start_date__lte": on}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": on})
    )


def quota_figures(page: Client, rnd: Round) -> dict[str, tuple[int, int, int]]:
    view = page.get(reverse("letting_round_detail", args=[rnd.pk])).context["view"]
    return {q.target_group: (q.realised_year, q.placed, q.remaining_after) for q in view.quotas}


def mix_figures(page: Client, rnd: Round) -> dict[str, tuple[int, int, int, int]]:
    view = page.get(reverse("letting_round_detail", args=[rnd.pk])).context["view"]
    return {
        m.complex_name: (m.occupied, m.vulnerable_before, m.households_after, m.vulnerable_after)
        for m in view.mix
    }


def test_the_proposal_the_accepted_round_and_the_complex_page_show_the_same_figures(officer) -> None:  # type: ignore[no-untyped-def]
    page = Client()
    log_in_verified(page, officer)
    # given a proposal over the demo's open vacancies, on today's date
    adverts = list(
        Advert.objects.filter(corporation=officer.organisation, status__in=["published", "closed"])
    )
    rnd = round_run(actor=officer, adverts=adverts, name="Ronde cijfers", on=TODAY)
    proposed_quota = quota_figures(page, rnd)
    proposed_mix = mix_figures(page, rnd)
    assert proposed_quota["*"][1] > 0, "the demo round places vulnerable households"
    assert proposed_mix

    # when the officer accepts it
    assert page.post(reverse("letting_round_accept", args=[rnd.pk])).status_code == 302
    rnd.refresh_from_db()
    assert rnd.status == Round.Status.ACCEPTED

    # then the accepted round shows the proposal's quota and mix figures
    assert quota_figures(page, rnd) == proposed_quota
    assert mix_figures(page, rnd) == proposed_mix

    # and "placed in this round" is its allocations to households nominated in a target group
    nominated = Nomination.objects.filter(corporation=officer.organisation).values("household_id")
    placed = Allocation.objects.filter(round=rnd, household_id__in=nominated).count()
    assert proposed_quota["*"][1] == placed
    vulnerable_on_the_day = TargetGroupStatus.objects.filter(in_force(TODAY)).values("household_id")

    # and each mixed complex's occupied homes and vulnerable households equal the complex page's
    # and a direct count of the homes with a lease in force today
    for complex_ in {
        a.unit.complex for a in Advert.objects.filter(rounds=rnd).select_related("unit__complex")
    }:
        if complex_.name not in proposed_mix:
            continue
        occupied, vulnerable, after, vulnerable_after = proposed_mix[complex_.name]
        complex_page = page.get(reverse("complex_detail", args=[complex_.pk])).context["occupancy"]
        assert (complex_page.occupied, complex_page.vulnerable) == (occupied, vulnerable), complex_.name
        living = Lease.objects.filter(in_force(TODAY), unit__complex=complex_)
        assert living.values("unit_id").distinct().count() == occupied
        assert (
            living.filter(household_id__in=vulnerable_on_the_day).values("household_id").distinct().count()
            == vulnerable
        )
        here = Allocation.objects.filter(round=rnd, unit__complex=complex_)
        assert after == occupied + here.count()
        assert vulnerable_after == vulnerable + here.filter(household_id__in=nominated).count()
