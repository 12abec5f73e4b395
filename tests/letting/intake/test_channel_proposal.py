"""Omkijken proposes a vacancy's channels from the project's current mix."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from omkijken.letting.adverts.services import propose_channels
from omkijken.portfolio.models import Complex, Unit
from omkijken.portfolio.selectors import occupancy_by_complex
from omkijken.projects.models import Project

pytestmark = pytest.mark.django_db


def unit_and_share(name: str) -> tuple[Unit, Decimal, Project]:
    complex_ = Complex.objects.get(name=name)
    today = timezone.localdate()
    share = occupancy_by_complex([complex_.pk], on=today)[complex_.pk].total.share or Decimal(0)
    return complex_.units.order_by("pk").first(), share, Project.objects.get(complexes=complex_)  # type: ignore[return-value]


def test_it_proposes_direct_mediation_when_the_complex_is_below_its_band() -> None:
    # given De Brug, with its project's target set well above its current share
    unit, share, project = unit_and_share("De Brug")
    project.target_vulnerable_share = min(Decimal(1), share + Decimal("0.2"))
    project.save()
    # when a vacancy there is proposed
    channels, reason = propose_channels(unit=unit, on=timezone.localdate())
    # then it goes to a nominee, and the reason names the share and target
    assert channels == ["DIRECT"]
    assert "De Brug" in reason and f"{(share * 100).quantize(Decimal('1'))}%" in reason
    assert f"{(project.target_vulnerable_share * 100).quantize(Decimal('1'))}%" in reason


def test_it_proposes_good_neighbour_or_regular_when_the_complex_is_above_its_band() -> None:
    unit, share, project = unit_and_share("De Brug")
    project.target_vulnerable_share = max(Decimal(0), share - Decimal("0.2"))
    project.tolerance = Decimal("0.05")
    project.save()
    channels, _ = propose_channels(unit=unit, on=timezone.localdate())
    assert channels == ["GOOD_NEIGHBOUR", "REGULAR"]


def test_it_leaves_the_choice_to_the_round_inside_the_band() -> None:
    unit, share, project = unit_and_share("De Brug")
    project.target_vulnerable_share = share
    project.save()
    channels, reason = propose_channels(unit=unit, on=timezone.localdate())
    assert channels == ["DIRECT", "GOOD_NEIGHBOUR"]
    assert reason


def test_the_demo_project_below_its_band_gets_direct_mediation() -> None:
    # given Het Kompas, which the demo builds below target minus tolerance
    unit, _, _ = unit_and_share("Het Kompas")
    assert propose_channels(unit=unit, on=timezone.localdate())[0] == ["DIRECT"]


def test_a_home_outside_any_mixed_project_is_let_regularly() -> None:
    complex_ = Complex.objects.filter(corporation__name="Woonhaven", projects__isnull=True).first()
    assert complex_ is not None
    channels, reason = propose_channels(unit=complex_.units.first(), on=timezone.localdate())
    assert channels == ["REGULAR"] and reason
