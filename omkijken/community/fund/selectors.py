"""Reads of the initiatives fund, already filtered to what the actor may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from omkijken.accounts.models import User
from omkijken.accounts.policy import can
from omkijken.community.activities.selectors import activities_held
from omkijken.community.fund.models import FundApplication, FundBudget, Payout, Receipt
from omkijken.community.scope import resident_place, staff_complexes
from omkijken.portfolio.models import Complex


def fund_applications_for(actor: User) -> QuerySet[FundApplication]:
    """A resident their own complex's applications (only their own in detail); staff theirs."""
    place = resident_place(actor)
    if place is not None:
        return FundApplication.objects.filter(complex=place.complex, applicant=place.person).select_related(
            "complex", "applicant"
        )
    if can(actor, "view_fund_report") or can(actor, "decide_fund"):
        return FundApplication.objects.filter(complex__in=staff_complexes(actor)).select_related(
            "complex", "applicant"
        )
    return FundApplication.objects.none()


def fund_application_details(actor: User) -> QuerySet[FundApplication]:
    """The applications the actor may open, with what their detail page shows."""
    return fund_applications_for(actor).prefetch_related("lines", "payouts", "receipts")


def receipts_for(actor: User) -> QuerySet[Receipt]:
    """Receipts of the applications the actor may open."""
    return Receipt.objects.filter(application__in=fund_applications_for(actor))


def fund_report_complexes(actor: User) -> QuerySet[Complex]:
    """Complexes whose fund report the actor may read."""
    if not can(actor, "view_fund_report"):
        return Complex.objects.none()
    return staff_complexes(actor)


def fund_budget_complexes(actor: User) -> QuerySet[Complex]:
    """Complexes whose yearly budget the actor may set (the fund's deciders, in their scope)."""
    if not can(actor, "decide_fund"):
        return Complex.objects.none()
    return staff_complexes(actor)


def fund_budget(complex_: Complex, year: int) -> FundBudget | None:
    return FundBudget.objects.filter(complex=complex_, year=year).first()


def granted_total(complex_id: int, year: int) -> Decimal:
    return FundApplication.objects.filter(
        complex_id=complex_id, year=year, status=FundApplication.Status.APPROVED
    ).aggregate(total=Sum("granted_amount"))["total"] or Decimal("0")


@dataclass(frozen=True)
class FundReport:
    complex: Complex
    year: int
    budget: Decimal
    granted: Decimal
    paid: Decimal
    receipts: Decimal
    remaining: Decimal
    applications: int
    approved: int
    rejected: int
    activities_held: int


def fund_report(complex_: Complex, *, year: int, now: dt.datetime | None = None) -> FundReport:
    """The fund's figures of a complex in a year (find the complex in :func:`fund_report_complexes`)."""
    budget = fund_budget(complex_, year)
    applications = FundApplication.objects.filter(complex=complex_, year=year)
    granted = granted_total(complex_.pk, year)
    paid = Payout.objects.filter(application__in=applications).aggregate(t=Sum("amount"))["t"] or Decimal("0")
    receipts = Receipt.objects.filter(application__in=applications).aggregate(t=Sum("amount"))[
        "t"
    ] or Decimal("0")
    amount = budget.amount if budget else Decimal("0")
    return FundReport(
        complex=complex_,
        year=year,
        budget=amount,
        granted=granted,
        paid=paid,
        receipts=receipts,
        remaining=amount - granted,
        applications=applications.count(),
        approved=applications.filter(status=FundApplication.Status.APPROVED).count(),
        rejected=applications.filter(status=FundApplication.Status.REJECTED).count(),
        activities_held=activities_held(complex_.pk, year, now=now),
    )
