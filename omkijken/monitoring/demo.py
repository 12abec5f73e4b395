"""Monitoring's part of the demo world: the 3-in-10 target, 36 monthly mix snapshots computed from
the leases that exist, lease-end reasons, Vliethof working the Nieuwe Buren way, survey rounds with
anonymous answers in Vliethof and De Brug (two closed rounds and one open), and fictional
Leefbaarometer scores for the demo buurten. Deterministic for a seed and a day."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from omkijken.accounts.models import Organisation
from omkijken.demo.personas import CORPORATION
from omkijken.monitoring.models import (
    CONTACT_FIELDS,
    DJG_FIELDS,
    Indicator,
    IndicatorTarget,
    LeaseEnding,
    LeefbaarometerScore,
    NieuweBurenComplex,
    SurveyParticipation,
    SurveyResponse,
    SurveyRound,
)
from omkijken.monitoring.selectors import add_months
from omkijken.monitoring.services import take_mix_snapshot
from omkijken.portfolio.demo import DE_BRUG, VLIETHOF
from omkijken.portfolio.models import Complex, Neighbourhood
from omkijken.residents.models import Lease, Person, TargetGroupStatus
from omkijken.residents.selectors import current_lease_filter

SNAPSHOT_MONTHS = 36
PERSONA_USERNAMES = ("buur", "bewoner")  # left free to answer the open round themselves


def build_monitoring_demo(*, seed: int = 2026, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    rng = random.Random(f"monitoring-{seed}")  # noqa: S311 - demo data, not secrets
    corporation = Organisation.objects.get(name=CORPORATION)
    IndicatorTarget.objects.get_or_create(
        corporation=corporation,
        indicator=Indicator.CARE_NEED_SHARE,
        valid_from=dt.date(2020, 1, 1),
        defaults={"share": Decimal("0.300"), "source": "Prestatieafspraken: 3 op de 10 toewijzingen (demo)"},
    )
    vliethof = Complex.objects.filter(name=VLIETHOF, corporation=corporation).first()
    if vliethof is not None:
        NieuweBurenComplex.objects.get_or_create(
            complex=vliethof, defaults={"since": dt.date(today.year - 3, 1, 1)}
        )
    _lease_endings(rng, today)
    first = today.replace(day=1)
    for back in range(SNAPSHOT_MONTHS - 1, -1, -1):
        take_mix_snapshot(month=add_months(first, -back), today=today)
    for name in (VLIETHOF, DE_BRUG):
        complex_ = Complex.objects.filter(name=name, corporation=corporation).first()
        if complex_ is not None:
            _surveys(rng, complex_, today)
    _leefbaarometer(rng, today)


def _lease_endings(rng: random.Random, today: dt.date) -> None:
    ended = list(Lease.objects.filter(end_date__lte=today).order_by("pk").values_list("pk", "household_id"))
    vulnerable = set(TargetGroupStatus.objects.values_list("household_id", flat=True))
    done = set(LeaseEnding.objects.values_list("lease_id", flat=True))
    rows = []
    for pk, household_id in ended:
        if pk in done:
            continue
        draw = rng.random()
        if household_id in vulnerable and draw < 0.08:
            reason = LeaseEnding.Reason.EVICTION
        elif draw < 0.15:
            reason = LeaseEnding.Reason.MOVED_WITHIN
        elif draw < 0.2:
            reason = LeaseEnding.Reason.DEATH
        else:
            reason = LeaseEnding.Reason.MOVED_AWAY
        rows.append(LeaseEnding(lease_id=pk, reason=reason))
    LeaseEnding.objects.bulk_create(rows, batch_size=1000)


def _answers(rng: random.Random, lonely: float) -> dict[str, int]:
    """One resident's answers; ``lonely`` (0–1) tilts them towards loneliness and less contact."""

    def pick(weights: list[float]) -> int:
        return rng.choices(range(len(weights)), weights=weights)[0]

    negative = [1 - lonely, 0.4, lonely]  # no, more or less, yes for the emotional items
    positive = [lonely, 0.4, 1 - lonely]  # for the social items
    answers = {f: pick(negative) for f in DJG_FIELDS[:3]} | {f: pick(positive) for f in DJG_FIELDS[3:]}
    answers["neighbours_by_name"] = pick([lonely, 0.5, 0.6 - lonely / 2, 0.4 - lonely / 3])
    answers["could_ask_help"] = pick([lonely, 0.4, 1 - lonely])
    answers["contact_frequency"] = pick([lonely / 2, 0.4, 0.5, 0.3 - lonely / 4])
    assert set(answers) == {*DJG_FIELDS, *CONTACT_FIELDS}
    return answers


def _surveys(rng: random.Random, complex_: Complex, today: dt.date) -> None:
    if SurveyRound.objects.filter(complex=complex_).exists():
        return
    residents = list(
        Person.objects.filter(
            household__leases__in=Lease.objects.filter(current_lease_filter(today), unit__complex=complex_)
        )
        .exclude(user__username__in=PERSONA_USERNAMES)
        .order_by("pk")
        .distinct()
    )
    plan = [
        (
            f"Bewonersenquête voorjaar {today.year - 2}",
            dt.date(today.year - 2, 4, 1),
            dt.date(today.year - 2, 4, 30),
            0.45,
        ),
        (
            f"Bewonersenquête voorjaar {today.year - 1}",
            dt.date(today.year - 1, 4, 1),
            dt.date(today.year - 1, 4, 30),
            0.35,
        ),
        (f"Bewonersenquête {today.year}", today - dt.timedelta(days=20), today + dt.timedelta(days=40), 0.3),
    ]
    for title, opens, closes, lonely in plan:
        round_ = SurveyRound.objects.create(complex=complex_, title=title, opens_on=opens, closes_on=closes)
        take_part = [p for p in residents if rng.random() < 0.35]
        SurveyParticipation.objects.bulk_create(
            [SurveyParticipation(round=round_, person=p) for p in take_part]
        )
        SurveyResponse.objects.bulk_create(
            [SurveyResponse(round=round_, **_answers(rng, lonely)) for _p in take_part]
        )


def _leefbaarometer(rng: random.Random, today: dt.date) -> None:
    complexes = Complex.objects.filter(corporation__name=CORPORATION).values("neighbourhood_id")
    for n in Neighbourhood.objects.filter(pk__in=complexes).order_by("code"):
        base = rng.uniform(-0.12, 0.08)
        for year in range(today.year - 6 + (today.year % 2), today.year, 2):
            base += rng.uniform(-0.01, 0.03)
            LeefbaarometerScore.objects.update_or_create(
                neighbourhood=n,
                year=year,
                defaults={
                    "total": Decimal(f"{base:.4f}"),
                    "physical": Decimal(f"{rng.uniform(-0.05, 0.05):.4f}"),
                    "nuisance": Decimal(f"{base - rng.uniform(0, 0.05):.4f}"),
                    "social": Decimal(f"{rng.uniform(-0.06, 0.02):.4f}"),
                    "amenities": Decimal(f"{rng.uniform(-0.02, 0.06):.4f}"),
                    "housing": Decimal(f"{rng.uniform(-0.06, 0.0):.4f}"),
                },
            )
