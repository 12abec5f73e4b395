"""The initiatives fund: apply with budget lines, decide within the budget, pay out, receipts, report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from omkijken.community.fund import selectors as fund_selectors
from omkijken.community.fund import services as fund_services
from omkijken.community.models import FundApplication, FundBudget, Receipt

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64


def apply(persona, amount: str = "100.00") -> FundApplication:  # type: ignore[no-untyped-def]
    return fund_services.fund_apply(
        actor=persona("buur"),
        title="Burendag",
        plan="Koffie en taart voor iedereen.",
        lines=[("Taart", Decimal(amount))],
    )


def test_a_resident_applies_and_the_corporation_approves_within_the_budget(network, persona) -> None:  # type: ignore[no-untyped-def]
    application = apply(persona)
    decided = fund_services.fund_decide(
        actor=persona("projectleider"), application=application, approve=True, amount=Decimal("100.00")
    )
    assert decided.status == FundApplication.Status.APPROVED and decided.granted_amount == Decimal("100.00")


def test_granting_more_than_what_is_left_is_refused(network, persona) -> None:  # type: ignore[no-untyped-def]
    # given Vliethof's budget with only € 50 left
    application = apply(persona)
    budget = FundBudget.objects.get(complex=application.complex, year=application.year)
    budget.amount = fund_selectors.granted_total(application.complex_id, application.year) + Decimal("50.00")
    budget.save()
    # when the manager grants € 100, then it is refused and nothing changes
    with pytest.raises(ValidationError):
        fund_services.fund_decide(
            actor=persona("beheerder"), application=application, approve=True, amount=Decimal("100.00")
        )
    application.refresh_from_db()
    assert application.status == FundApplication.Status.SUBMITTED


def test_a_rejection_needs_a_reason(network, persona) -> None:  # type: ignore[no-untyped-def]
    application = apply(persona)
    with pytest.raises(ValidationError):
        fund_services.fund_decide(
            actor=persona("beheerder"), application=application, approve=False, reason=" "
        )
    decided = fund_services.fund_decide(
        actor=persona("beheerder"),
        application=application,
        approve=False,
        reason="Dubbel met een andere aanvraag.",
    )
    assert decided.status == FundApplication.Status.REJECTED


def test_residents_and_the_care_partner_cannot_decide(network, persona) -> None:  # type: ignore[no-untyped-def]
    from django.http import Http404

    application = apply(persona)
    for username in ("buur", "zorgpartner", "verhuur"):
        with pytest.raises((PermissionDenied, Http404)):
            fund_services.fund_decide(
                actor=persona(username), application=application, approve=True, amount=Decimal("1")
            )


def test_budget_lines_must_be_more_than_zero(network, persona) -> None:  # type: ignore[no-untyped-def]
    before = FundApplication.objects.count()
    with pytest.raises(ValidationError):
        apply(persona, amount="0")
    assert FundApplication.objects.count() == before


def test_payouts_never_exceed_the_grant(network, persona) -> None:  # type: ignore[no-untyped-def]
    application = apply(persona)
    fund_services.fund_decide(
        actor=persona("beheerder"), application=application, approve=True, amount=Decimal("100.00")
    )
    fund_services.payout_record(
        actor=persona("beheerder"),
        application=application,
        amount=Decimal("60.00"),
        paid_on=dt.date(2026, 5, 1),
    )
    with pytest.raises(ValidationError):
        fund_services.payout_record(
            actor=persona("beheerder"),
            application=application,
            amount=Decimal("50.00"),
            paid_on=dt.date(2026, 5, 2),
        )


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"GIF89a" + b"\x00" * 64, "bon.gif"),  # a type we do not take
        (b"MZ\x90\x00" + b"\x00" * 64, "bon.pdf"),  # an executable named .pdf
        (b"just text", "bon.png"),
    ],
)
def test_a_receipt_of_the_wrong_type_is_refused_and_nothing_is_written(
    network, persona, person_of, tmp_path, settings, content, name
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    application = FundApplication.objects.get(status="approved", applicant=person_of("buur"))
    with pytest.raises(ValidationError):
        fund_services.receipt_upload(
            actor=persona("buur"),
            application=application,
            upload=SimpleUploadedFile(name, content),
            amount=Decimal("5"),
        )
    assert not Receipt.objects.exists()
    assert not any(tmp_path.rglob("*.*"))


def test_a_receipt_over_five_megabytes_is_refused(network, persona, person_of, tmp_path, settings) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    application = FundApplication.objects.get(status="approved", applicant=person_of("buur"))
    big = SimpleUploadedFile("bon.png", PNG + b"\x00" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError):
        fund_services.receipt_upload(
            actor=persona("buur"), application=application, upload=big, amount=Decimal("5")
        )
    assert not Receipt.objects.exists() and not any(tmp_path.rglob("*.*"))


def test_the_report_sums_budget_grants_payouts_receipts_and_activities(
    network, persona, person_of, tmp_path, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    # given the demo's approved € 240 King's Day grant, a payout and a PDF receipt
    application = FundApplication.objects.get(status="approved", applicant=person_of("buur"))
    fund_services.payout_record(
        actor=persona("beheerder"),
        application=application,
        amount=Decimal("240.00"),
        paid_on=dt.date(2026, 4, 1),
    )
    fund_services.receipt_upload(
        actor=persona("buur"),
        application=application,
        upload=SimpleUploadedFile("bon.pdf", PDF),
        amount=Decimal("198.00"),
    )
    # when the project leader opens the report
    complex_ = fund_selectors.fund_report_complexes(persona("projectleider")).get(pk=application.complex_id)
    report = fund_selectors.fund_report(complex_, year=application.year)
    # then the figures add up
    assert report.budget == Decimal("5000.00")
    assert report.granted == Decimal("240.00") and report.remaining == Decimal("4760.00")
    assert report.paid == Decimal("240.00") and report.receipts == Decimal("198.00")
    assert report.activities_held >= 1
