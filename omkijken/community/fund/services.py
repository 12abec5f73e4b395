"""Writes of the initiatives fund: keyword-only, atomic, checked against the actor.

The services take the records the views found in the actor's scope and check that scope again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import IO

import filetype
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.models import User
from omkijken.community.fund import selectors
from omkijken.community.fund.models import BudgetLine, FundApplication, FundBudget, Payout, Receipt
from omkijken.community.scope import acting_resident, require_staff_complex, resident_place
from omkijken.portfolio.models import Complex
from omkijken.web import figures

MAX_RECEIPT_BYTES = 5 * 1024 * 1024
RECEIPT_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}


@transaction.atomic
def fund_budget_set(*, actor: User, complex_: Complex, year: int, amount: Decimal) -> FundBudget:
    require_staff_complex(actor, complex_, "decide_fund")
    if amount < 0:
        raise ValidationError({"amount": _("The budget cannot be negative.")})
    locked = FundBudget.objects.select_for_update().filter(complex=complex_, year=year).first()
    if locked is not None and amount < selectors.granted_total(complex_.pk, year):
        raise ValidationError({"amount": _("The budget cannot be lower than what has already been granted.")})
    budget, _created = FundBudget.objects.update_or_create(
        complex=complex_, year=year, defaults={"amount": amount}
    )
    return budget


@transaction.atomic
def fund_apply(
    *,
    actor: User,
    title: str,
    plan: str,
    lines: Sequence[tuple[str, Decimal]],
    group_name: str = "",
    activity_date: dt.date | None = None,
    year: int | None = None,
) -> FundApplication:
    """A resident (alone or for a group) applies with a plan and budget lines."""
    place = acting_resident(actor)
    if not title.strip() or not plan.strip():
        raise ValidationError(_("Give your plan a name and describe it."))
    if not lines:
        raise ValidationError(_("Add at least one cost, with an amount."))
    for description, amount in lines:
        if not description.strip():
            raise ValidationError(_("Write what each amount is for."))
        if amount <= 0:
            raise ValidationError(_("Every amount must be more than € 0."))
    application = FundApplication.objects.create(
        complex=place.complex,
        year=year or (activity_date.year if activity_date else timezone.localdate().year),
        applicant=place.person,
        group_name=group_name.strip(),
        title=title.strip(),
        plan=plan.strip(),
        activity_date=activity_date,
    )
    BudgetLine.objects.bulk_create(
        [BudgetLine(application=application, description=d.strip(), amount=a) for d, a in lines]
    )
    return application


@transaction.atomic
def fund_decide(
    *,
    actor: User,
    application: FundApplication,
    approve: bool,
    amount: Decimal | None = None,
    reason: str = "",
) -> FundApplication:
    """Corporation staff approve (an amount within the remaining budget) or reject (with a reason).
    The complex's budget row is locked first, so two approvals cannot overspend it."""
    require_staff_complex(actor, application.complex, "decide_fund")
    budget = (
        FundBudget.objects.select_for_update()
        .filter(complex=application.complex, year=application.year)
        .first()
    )
    application = FundApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != FundApplication.Status.SUBMITTED:
        raise ValidationError(_("A decision has already been made on this application."))
    reason = reason.strip()
    if approve:
        if amount is None or amount <= 0:
            raise ValidationError({"amount": _("Give the amount you grant, more than € 0.")})
        if budget is None:
            raise ValidationError(
                _("There is no budget for this building in %(year)s.") % {"year": application.year}
            )
        remaining = budget.amount - selectors.granted_total(application.complex_id, application.year)
        if amount > remaining:
            raise ValidationError(
                {
                    "amount": _("Only %(remaining)s is left in this year's budget.")
                    % {"remaining": figures.money(remaining)}
                }
            )
        application.status = FundApplication.Status.APPROVED
        application.granted_amount = amount
    else:
        if not reason:
            raise ValidationError({"reason": _("Explain why the application is rejected.")})
        application.status = FundApplication.Status.REJECTED
    application.decision_reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    return application


@transaction.atomic
def payout_record(*, actor: User, application: FundApplication, amount: Decimal, paid_on: dt.date) -> Payout:
    """The fund's deciders record money paid out on an approved application, up to what was granted."""
    require_staff_complex(actor, application.complex, "decide_fund")
    application = FundApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != FundApplication.Status.APPROVED or application.granted_amount is None:
        raise ValidationError(_("Only an approved application can be paid."))
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than € 0.")})
    paid = sum((p.amount for p in application.payouts.all()), Decimal("0"))
    if paid + amount > application.granted_amount:
        raise ValidationError(
            {
                "amount": _("You cannot pay out more than was granted (%(left)s left).")
                % {"left": figures.money(application.granted_amount - paid)}
            }
        )
    return Payout.objects.create(application=application, amount=amount, paid_on=paid_on, recorded_by=actor)


def check_receipt_file(upload: UploadedFile[bytes] | IO[bytes]) -> str:
    """The file's content type, if it is a JPEG, PNG, WebP or PDF of at most 5 MB (by its bytes,
    not its name); otherwise a ValidationError in the user's language."""
    size = getattr(upload, "size", None)
    if size is None or size > MAX_RECEIPT_BYTES:
        raise ValidationError(_("The file is too big. The maximum is 5 MB."))
    if size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in RECEIPT_TYPES:
        raise ValidationError(_("Upload a photo (JPEG, PNG or WebP) or a PDF."))
    return str(kind.mime)


@transaction.atomic
def receipt_upload(
    *, actor: User, application: FundApplication, upload: UploadedFile[bytes], amount: Decimal
) -> Receipt:
    """The applicant (or staff) adds a receipt to an approved application. Checked before anything
    is written; if saving the row fails the stored file is removed again."""
    if not selectors.fund_applications_for(actor).filter(pk=application.pk).exists():
        raise PermissionDenied
    if resident_place(actor) is None:
        require_staff_complex(actor, application.complex, "decide_fund")
    if application.status != FundApplication.Status.APPROVED:
        raise ValidationError(_("You can add receipts once the application is approved."))
    if amount is None or amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than € 0.")})
    content_type = check_receipt_file(upload)
    receipt = Receipt(application=application, content_type=content_type, amount=amount, uploaded_by=actor)
    receipt.file.save(upload.name or "receipt", upload, save=False)
    stored = receipt.file.name
    try:
        receipt.save()
    except Exception:
        if stored:
            receipt.file.storage.delete(stored)
        raise
    return receipt
