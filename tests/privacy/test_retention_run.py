"""The daily retention run, on a frozen day: what expired is deleted or anonymised, what a hold
needs is kept, and the receipt counts both."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from io import StringIO

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from omkijken.accounts.models import AccessEvent, Organisation, User
from omkijken.beheer.models import ContactMoment
from omkijken.demo.personas import CARE_PARTNER
from omkijken.letting.adverts.models import Registration
from omkijken.letting.intake.models import MotivationApplication, MotivationScore, Questionnaire
from omkijken.letting.nominations.models import Nomination
from omkijken.portfolio.models import Neighbourhood
from omkijken.privacy import services
from omkijken.privacy.models import LegalHold, RetentionPolicy, RetentionReceipt
from omkijken.privacy.retention import retention_run
from omkijken.residents.models import Household
from tests.factories import (
    make_complex,
    make_household,
    make_lease,
    make_login,
    make_nomination,
    make_registration,
    make_unit,
)
from tests.second_factor import log_in_verified

pytestmark = pytest.mark.django_db

TODAY = dt.date(2031, 1, 15)
FROZEN = dt.datetime(2031, 1, 15, 12, tzinfo=dt.UTC)


@dataclass
class World:
    corporation: Organisation
    officer: User
    plain: Household  # nothing holds its data
    held: Household  # a legal hold runs
    tenant: Household  # a running lease


def _aware(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)


def _application(
    world: World, household: Household, status: str, decided: dt.date, q: Questionnaire, complex_
):  # type: ignore[no-untyped-def]
    application = MotivationApplication.objects.create(
        household=household,
        complex=complex_,
        questionnaire=q,
        answers={"1": "Ik wil graag buren helpen met de tuin."},
        status=status,
        decision_reason="Past niet bij het complex." if status == "rejected" else "",
        decided_at=_aware(decided),
    )
    MotivationScore.objects.create(application=application, assessor=world.officer, scores={"a": 1}, total=1)
    return application


@pytest.fixture
def world() -> World:
    corporation = Organisation.objects.create(name="Corporatie Proef", kind=Organisation.Kind.CORPORATION)
    officer = make_login(username="fg-proef", role="privacy_officer", organisation=corporation)
    neighbourhood = Neighbourhood.objects.order_by("pk").first()
    complex_ = make_complex(corporation=corporation, code="PR1", name="Proefhof", neighbourhood=neighbourhood)
    unit = make_unit(complex=complex_, code="PR1-1", house_number=1)
    plain = make_household(corporation=corporation, reference="P-1", name="Huishouden Vrij")
    held = make_household(corporation=corporation, reference="P-2", name="Huishouden Vast")
    tenant = make_household(corporation=corporation, reference="P-3", name="Huishouden Huur")
    make_lease(unit=unit, household=tenant, start_date=dt.date(2030, 3, 1))
    w = World(corporation, officer, plain, held, tenant)
    q = Questionnaire.objects.create(corporation=corporation, title="Motivatie", version=1)
    # motivation: expired (2030-06-01 < 2030-07-15), not yet (2030-12-01), held (2030-05-01)
    _application(w, plain, "rejected", dt.date(2030, 6, 1), q, complex_)
    _application(w, plain, "withdrawn", dt.date(2030, 12, 1), q, complex_)
    _application(w, held, "rejected", dt.date(2030, 5, 1), q, complex_)
    # income: ended and expired; ended and expired but leased; ended without a date
    make_registration(
        household=plain, registration_date=dt.date(2029, 1, 1), status="ended", ended_on=dt.date(2030, 6, 30)
    )
    make_registration(
        household=tenant, registration_date=dt.date(2029, 1, 1), status="ended", ended_on=dt.date(2030, 1, 1)
    )
    make_registration(household=held, registration_date=dt.date(2029, 1, 1), status="ended")
    # contact notes: two past two years (cutoff 2029-01-15), one within; one of the held household
    for household, day in (
        (plain, dt.date(2028, 12, 1)),
        (plain, dt.date(2028, 6, 1)),
        (plain, dt.date(2029, 2, 1)),
        (held, dt.date(2028, 1, 1)),
    ):
        ContactMoment.objects.create(
            complex=complex_, household=household, kind="visit", date=day, involved="Bewoner"
        )
    # nominations: withdrawn long ago, withdrawn recently, of the held household, housed
    partner = Organisation.objects.get(name=CARE_PARTNER)
    for household, status, closed in (
        (plain, "withdrawn", dt.date(2030, 6, 1)),
        (plain, "withdrawn", dt.date(2030, 12, 1)),
        (held, "withdrawn", dt.date(2030, 1, 1)),
        (tenant, "housed", dt.date(2030, 3, 1)),
    ):
        make_nomination(
            nominator=partner,
            corporation=corporation,
            household=household,
            nominated_on=dt.date(2029, 12, 1),
            consent_reference="TOE-1",
            status=status,
            closed_on=closed,
        )
    # the access log: one read six years ago, one last month
    for at in (dt.datetime(2025, 1, 1, 9, tzinfo=dt.UTC), dt.datetime(2030, 12, 15, 9, tzinfo=dt.UTC)):
        # written with its time (the log is append-only: no backdating afterwards)
        AccessEvent.objects.create(
            actor=officer,
            actor_role="privacy_officer",
            household=plain,
            corporation=corporation,
            record="target_group_status",
            view="test",
            purpose="audit",
            at=at,
        )
    LegalHold.objects.create(
        corporation=corporation, household=held, reason="Rechtszaak huurachterstand", set_by=officer
    )
    return w


def _counts(world: World) -> dict[str, int]:
    corp = world.corporation
    return {
        "answers": MotivationApplication.objects.filter(complex__corporation=corp)
        .exclude(answers={})
        .count(),
        "scores": MotivationScore.objects.filter(application__complex__corporation=corp).count(),
        "registrations": Registration.objects.filter(household__corporation=corp).count(),
        "notes": ContactMoment.objects.filter(household__corporation=corp).count(),
        "nominations": Nomination.objects.filter(corporation=corp).count(),
        "access_events": AccessEvent.objects.filter(corporation=corp).count(),
    }


def _lines(receipt: RetentionReceipt, corporation: Organisation) -> dict[str, tuple[int, int, int]]:
    return {
        line.category: (line.deleted, line.anonymised, line.held)
        for line in receipt.lines.filter(corporation=corporation)
    }


def test_the_run_deletes_and_anonymises_what_expired_and_its_receipt_counts_what_was_held(
    world: World,
) -> None:
    # given the records above, and the counts before the run
    assert _counts(world) == {
        "answers": 3,
        "scores": 3,
        "registrations": 3,
        "notes": 4,
        "nominations": 4,
        "access_events": 2,
    }
    # when the run happens on 15 January 2031
    with time_machine.travel(FROZEN, tick=False):
        result = retention_run()
    # then the expired records of the free household are gone or emptied, held ones stay
    assert _counts(world) == {
        "answers": 2,
        "scores": 2,
        "registrations": 2,
        "notes": 2,
        "nominations": 3,
        "access_events": 2,
    }
    rejected = MotivationApplication.objects.get(household=world.plain, status="rejected")
    assert rejected.answers == {} and rejected.decision_reason == "—"
    assert not Registration.objects.filter(household=world.plain).exists()
    assert Registration.objects.filter(household=world.tenant).exists()  # the lease needs its income check
    # the registration that ended without a date got its clock started today
    assert Registration.objects.get(household=world.held).ended_on == TODAY
    # and the receipt says so per category: (deleted, anonymised, held)
    assert result.receipt is not None and result.receipt.as_of == TODAY
    assert _lines(result.receipt, world.corporation) == {
        "motivation": (0, 1, 1),
        "income": (1, 0, 1),
        "contact_notes": (2, 0, 1),
        "nominations": (1, 0, 1),
        "access_log": (0, 0, 1),
    }


def test_a_second_run_finds_nothing_more_to_do_and_a_lifted_hold_lets_the_next_run_remove_it(
    world: World,
) -> None:
    with time_machine.travel(FROZEN, tick=False):
        retention_run()
        again = retention_run()
    assert again.receipt is not None
    assert _lines(again.receipt, world.corporation)["contact_notes"] == (0, 0, 1)
    # when the privacy officer lifts the hold
    hold = LegalHold.objects.get(household=world.held)
    with time_machine.travel(FROZEN, tick=False):
        services.legal_hold_lift(actor=world.officer, hold=hold, reason="Zaak afgesloten")
        after = retention_run()
    assert after.receipt is not None
    lines = _lines(after.receipt, world.corporation)
    assert lines["motivation"] == (0, 1, 0)
    assert lines["contact_notes"] == (1, 0, 0)
    assert lines["nominations"] == (1, 0, 0)


def test_a_dry_run_counts_the_same_but_changes_nothing_and_writes_no_receipt(world: World) -> None:
    before = _counts(world)
    receipts = RetentionReceipt.objects.count()
    with time_machine.travel(FROZEN, tick=False):
        dry = retention_run(dry_run=True)
    assert dry.receipt is None and RetentionReceipt.objects.count() == receipts
    assert _counts(world) == before
    assert dry.tallies[(world.corporation.pk, "contact_notes")].deleted == 2
    assert Registration.objects.get(household=world.held).ended_on is None  # rolled back too


def test_the_command_prints_the_counts_and_its_dry_run_changes_nothing(world: World) -> None:
    out = StringIO()
    call_command("retention", "run", "--dry-run", "--today", "2031-01-15", stdout=out)
    text = out.getvalue()
    assert "dry run" in text
    assert "Corporatie Proef contact_notes: deleted 2, anonymised 0, held 1 (24 months)" in text
    assert ContactMoment.objects.filter(household__corporation=world.corporation).count() == 4
    call_command("retention", "run", "--today", "2031-01-15", stdout=out)
    assert ContactMoment.objects.filter(household__corporation=world.corporation).count() == 2
    assert "receipt #" in out.getvalue()


def test_a_corporation_sets_its_own_periods_and_the_next_run_uses_them(world: World) -> None:
    # given the corporation keeps contact notes one year instead of two, from 1 January 2031
    with time_machine.travel(dt.datetime(2030, 12, 20, 12, tzinfo=dt.UTC), tick=False):
        months = {
            "motivation_months": 6,
            "income_months": 6,
            "contact_note_months": 12,
            "nomination_months": 6,
            "access_log_months": 60,
        }
        services.retention_policy_set(actor=world.officer, valid_from=dt.date(2031, 1, 1), months=months)
    # when the run happens on 15 January 2031
    with time_machine.travel(FROZEN, tick=False):
        result = retention_run()
    # then the note of 2029-02-01 is past a year too
    assert result.receipt is not None
    assert _lines(result.receipt, world.corporation)["contact_notes"] == (3, 0, 1)
    assert result.receipt.lines.get(corporation=world.corporation, category="contact_notes").months == 12


def test_the_access_log_cannot_be_kept_shorter_than_five_years(world: World) -> None:
    months = {
        "motivation_months": 6,
        "income_months": 6,
        "contact_note_months": 24,
        "nomination_months": 6,
        "access_log_months": 59,
    }
    with pytest.raises(ValidationError) as error:
        services.retention_policy_set(actor=world.officer, valid_from=dt.date(2099, 1, 1), months=months)
    assert "access_log_months" in error.value.error_dict
    # and the database refuses it as well
    with pytest.raises(IntegrityError), transaction.atomic():
        RetentionPolicy.objects.create(
            corporation=world.corporation, valid_from=dt.date(2099, 1, 1), access_log_months=59
        )


def test_the_privacy_officer_reads_the_receipt_on_a_page(world: World, client) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(FROZEN, tick=False):
        result = retention_run()
    assert result.receipt is not None
    log_in_verified(client, world.officer)
    listing = client.get(reverse("privacy_retention")).content.decode()
    assert reverse("privacy_receipt", args=[result.receipt.pk]) in listing
    page = client.get(reverse("privacy_receipt", args=[result.receipt.pk])).content.decode()
    assert "Contactnotities" in page
    # the contact-notes row: 24 months, 2 deleted, 0 anonymised, 1 held
    row = page.split("Contactnotities")[1].split("</tr>")[0]
    assert [cell.split("<")[0] for cell in row.split("<td>")[1:]] == ["24", "2", "0", "1"]


def test_the_daily_job_runs_retention_and_links_its_receipt(world: World) -> None:
    # given the periodic task the worker runs every night
    from procrastinate.contrib.django import app

    from omkijken.jobs.models import Job
    from omkijken.jobs.services import job_submit
    from omkijken.privacy.tasks import RETENTION_RUN

    assert "retention_daily" in {pid for _name, pid in app.periodic_registry.periodic_tasks}
    # when the job it queues runs (inline in tests)
    job = job_submit(
        actor=None, kind=RETENTION_RUN, title="Bewaarronde", params={"on": "2031-01-15"}, key="retention"
    )
    # then it is done, and its result links the receipt with the counts
    assert job.state == Job.State.SUCCEEDED
    receipt = RetentionReceipt.objects.get(pk=job.result["receipt"])
    assert job.result["url"] == reverse("privacy_receipt", args=[receipt.pk])
    assert _lines(receipt, world.corporation)["contact_notes"] == (2, 0, 1)
