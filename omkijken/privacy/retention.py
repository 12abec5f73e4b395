"""The daily retention run: delete or anonymise what has expired, keep what a hold needs, and write
a receipt with the counts per corporation and category.

Per category (periods from the corporation's ``RetentionPolicy`` in force, else the defaults):

- motivation: a rejected or withdrawn application's answers are emptied, its assessors' scores and
  intake notes deleted (the application's row stays, for the complex's statistics);
- income: an ended registration (its yearly income) is deleted;
- contact notes: the building manager's contact moments are deleted;
- nominations: a withdrawn nomination (one that did not lead to a lease) is deleted;
- access log: never deleted here (the tamper-evident log deletes after its own period); the
  events past the period are counted as held, so the receipt shows the rule.

A household with an open objection or a running legal hold keeps everything; one with a running
lease keeps its income data. What is kept is counted as held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from omkijken.accounts.models import AccessEvent, Organisation, User
from omkijken.beheer.models import ContactMoment
from omkijken.letting.adverts.models import Registration
from omkijken.letting.intake.models import IntakeStep, MotivationApplication, MotivationScore
from omkijken.letting.nominations.models import Nomination
from omkijken.privacy.holds import dispute_households, months_before, running_lease_households
from omkijken.privacy.models import (
    Category,
    RetentionPolicy,
    RetentionReceipt,
    RetentionReceiptLine,
)

# What an anonymised rejection's reason becomes (the database asks a rejection for a reason).
ERASED = "—"

Progress = Callable[[int, int, str], None]


@dataclass
class Tally:
    months: int
    deleted: int = 0
    anonymised: int = 0
    held: int = 0


@dataclass
class RunResult:
    as_of: dt.date
    dry_run: bool
    receipt: RetentionReceipt | None
    tallies: dict[tuple[int, str], Tally] = field(default_factory=dict)

    def total(self, category: str, what: str) -> int:
        return sum(getattr(t, what) for (_corp, cat), t in self.tallies.items() if cat == category)


def policy_in_force(corporation: Organisation, on: dt.date) -> RetentionPolicy:
    """The corporation's policy on ``on``; an unsaved one with the defaults if it never set one."""
    found = RetentionPolicy.objects.filter(corporation=corporation, valid_from__lte=on).first()
    return found or RetentionPolicy(corporation=corporation, valid_from=on)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _motivation(corporation: Organisation, cutoff: dt.date, held_households: set[int], tally: Tally) -> None:
    decided = MotivationApplication.objects.filter(
        complex__corporation=corporation,
        status__in=[MotivationApplication.Status.REJECTED, MotivationApplication.Status.WITHDRAWN],
    )
    expired = list(
        decided.filter(decided_at__lt=_start_of(cutoff))
        | decided.filter(decided_at__isnull=True, submitted_at__lt=_start_of(cutoff))
    )
    ids = [a.pk for a in expired]
    with_children = set(
        MotivationScore.objects.filter(application_id__in=ids).values_list("application_id", flat=True)
    )
    with_children |= set(
        IntakeStep.objects.filter(application_id__in=ids).values_list("application_id", flat=True)
    )
    for application in expired:
        if not application.answers and application.pk not in with_children:
            continue  # anonymised by an earlier run
        if application.household_id in held_households:
            tally.held += 1
            continue
        MotivationScore.objects.filter(application=application).delete()
        IntakeStep.objects.filter(application=application).delete()
        application.answers = {}
        if application.status == MotivationApplication.Status.REJECTED:
            application.decision_reason = ERASED
        application.save(update_fields=["answers", "decision_reason"])
        tally.anonymised += 1


def _income(
    corporation: Organisation, on: dt.date, cutoff: dt.date, held_households: set[int], tally: Tally
) -> None:
    ended = Registration.objects.filter(household__corporation=corporation, status=Registration.Status.ENDED)
    # An ended registration without a date (from the ERP): its clock starts today.
    ended.filter(ended_on__isnull=True).update(ended_on=on)
    expired = list(ended.filter(ended_on__lt=cutoff).values_list("pk", "household_id"))
    leased = running_lease_households(on, [household for _pk, household in expired])
    keep = held_households | leased
    delete = [pk for pk, household in expired if household not in keep]
    tally.held += len(expired) - len(delete)
    tally.deleted += Registration.objects.filter(pk__in=delete).delete()[1].get(Registration._meta.label, 0)


def _contact_notes(
    corporation: Organisation, cutoff: dt.date, held_households: set[int], tally: Tally
) -> None:
    expired = ContactMoment.objects.filter(household__corporation=corporation, date__lt=cutoff)
    held = expired.filter(household_id__in=held_households)
    tally.held += held.count()
    tally.deleted += (
        expired.exclude(household_id__in=held_households).delete()[1].get(ContactMoment._meta.label, 0)
    )


def _nominations(
    corporation: Organisation, on: dt.date, cutoff: dt.date, held_households: set[int], tally: Tally
) -> None:
    closed = Nomination.objects.filter(corporation=corporation, status=Nomination.Status.WITHDRAWN)
    closed.filter(closed_on__isnull=True).update(closed_on=on)
    expired = closed.filter(closed_on__lt=cutoff)
    tally.held += expired.filter(household_id__in=held_households).count()
    tally.deleted += (
        expired.exclude(household_id__in=held_households).delete()[1].get(Nomination._meta.label, 0)
    )


def _access_log(corporation: Organisation, cutoff: dt.date, tally: Tally) -> None:
    tally.held += AccessEvent.objects.filter(corporation=corporation, at__lt=_start_of(cutoff)).count()


class _DryRun(Exception):  # noqa: N818 - rolls a dry run back
    pass


def retention_run(
    *,
    on: dt.date | None = None,
    actor: User | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> RunResult:
    """Run retention for every corporation as of ``on`` (today). A dry run does the same work in
    a transaction that is rolled back: its counts are what a real run would do, and it writes
    nothing (no receipt)."""
    on = on or timezone.localdate()
    result = RunResult(as_of=on, dry_run=dry_run, receipt=None)
    try:
        with transaction.atomic():
            _run(result, on, actor, progress)
            if dry_run:
                raise _DryRun
    except _DryRun:
        result.receipt = None
    return result


def _run(result: RunResult, on: dt.date, actor: User | None, progress: Progress | None) -> None:
    corporations = list(Organisation.objects.filter(kind=Organisation.Kind.CORPORATION).order_by("pk"))
    held_households = dispute_households()
    receipt = RetentionReceipt.objects.create(as_of=on, started_by=actor)
    for index, corporation in enumerate(corporations):
        if progress is not None:
            progress(index, len(corporations), corporation.name)
        policy = policy_in_force(corporation, on)

        def tally(category: str, corp: Organisation = corporation, pol: RetentionPolicy = policy) -> Tally:
            return result.tallies.setdefault((corp.pk, category), Tally(months=pol.months(category)))

        def cutoff(category: str) -> dt.date:
            return months_before(on, tally(category).months)

        _motivation(corporation, cutoff(Category.MOTIVATION), held_households, tally(Category.MOTIVATION))
        _income(corporation, on, cutoff(Category.INCOME), held_households, tally(Category.INCOME))
        _contact_notes(
            corporation, cutoff(Category.CONTACT_NOTES), held_households, tally(Category.CONTACT_NOTES)
        )
        _nominations(
            corporation, on, cutoff(Category.NOMINATIONS), held_households, tally(Category.NOMINATIONS)
        )
        _access_log(corporation, cutoff(Category.ACCESS_LOG), tally(Category.ACCESS_LOG))
    RetentionReceiptLine.objects.bulk_create(
        [
            RetentionReceiptLine(
                receipt=receipt,
                corporation_id=corp_id,
                category=category,
                months=t.months,
                deleted=t.deleted,
                anonymised=t.anonymised,
                held=t.held,
            )
            for (corp_id, category), t in result.tallies.items()
        ]
    )
    if progress is not None:
        progress(len(corporations), len(corporations), "")
    result.receipt = receipt
