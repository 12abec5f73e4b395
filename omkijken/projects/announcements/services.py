"""Writing, scheduling and sending announcements, and a household's choice about news.

Sending makes one delivery row per current household of the complex: by e-mail in the household's
own language, or by post (a printable letter) when it has no e-mail address. Households that
opted out get only essential announcements. The e-mails go out after commit."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omkijken.accounts.mail import send_templated
from omkijken.accounts.models import User
from omkijken.accounts.policy import require
from omkijken.portfolio.models import Complex
from omkijken.projects.announcements.models import Announcement, Delivery, NewsPreference
from omkijken.projects.announcements.selectors import current_households
from omkijken.projects.models import Project
from omkijken.residents.models import Household
from omkijken.residents.selectors import household_recipient, own_household_id

MAIL_TEMPLATE = "projects/announcements/email/announcement"


@transaction.atomic
def announcement_create(
    *,
    actor: User,
    project: Project,
    complex: Complex,
    title: str,
    body: str,
    title_en: str = "",
    body_en: str = "",
    essential: bool = False,
    send_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Announcement:
    """An announcement to a complex of the project: sent right away without ``send_at``, else
    scheduled (``send_due_announcements`` sends it when due)."""
    require(actor, "send_announcements")
    if actor.organisation is None or project.corporation_id != actor.organisation.pk:
        raise PermissionDenied
    now = now or timezone.now()
    errors: dict[str, str] = {}
    if not project.complexes.filter(pk=complex.pk).exists():
        errors["complex"] = _("Choose a complex of this project.")
    if send_at is not None and send_at <= now:
        errors["send_at"] = _("A scheduled moment must lie in the future; leave it empty to send now.")
    if not title.strip():
        errors["title"] = _("Give the announcement a title.")
    if not body.strip():
        errors["body"] = _("Write the message.")
    if bool(title_en.strip()) != bool(body_en.strip()):
        errors["body_en"] = _("Give both the English title and message, or neither.")
    if errors:
        raise ValidationError(errors)
    announcement = Announcement.objects.create(
        project=project,
        complex=complex,
        title=title.strip(),
        body=body.strip(),
        title_en=title_en.strip(),
        body_en=body_en.strip(),
        essential=essential,
        send_at=send_at,
        created_by=actor,
    )
    if send_at is None:
        _send(announcement, now)
    return announcement


def deliveries_for(announcement: Announcement, now: dt.datetime) -> list[Delivery]:
    """Unsaved deliveries: every household living in the complex now, by e-mail in its language or
    by post; non-essential news skips the households that opted out."""
    deliveries: list[Delivery] = []
    opted_out = set(NewsPreference.objects.filter(non_essential=False).values_list("household_id", flat=True))
    households = current_households(announcement.complex_id, timezone.localdate(now)).order_by("pk")
    for household in households:
        if not announcement.essential and household.pk in opted_out:
            continue
        recipient = household_recipient(household)
        deliveries.append(
            Delivery(
                announcement=announcement,
                household=household,
                channel=Delivery.Channel.EMAIL if recipient.address else Delivery.Channel.POST,
                address=recipient.address,
                language=recipient.language,
            )
        )
    return deliveries


def _send(announcement: Announcement, now: dt.datetime) -> list[Delivery]:
    """Deliveries for every current household, marked sent; e-mails after commit."""
    deliveries = Delivery.objects.bulk_create(deliveries_for(announcement, now))
    announcement.sent_at = now
    announcement.save(update_fields=["sent_at"])
    announcement_id = announcement.pk
    transaction.on_commit(lambda: mail_announcement(announcement_id))
    return deliveries


def mail_announcement(announcement_id: int) -> int:
    """E-mail an announcement to its e-mail deliveries, each in the household's language."""
    announcement = Announcement.objects.select_related("project__corporation", "complex").get(
        pk=announcement_id
    )
    sent = 0
    for delivery in announcement.deliveries.filter(channel=Delivery.Channel.EMAIL).select_related(
        "household"
    ):
        context = {
            "announcement": announcement,
            "title": announcement.title_in(delivery.language),
            "body": announcement.body_in(delivery.language),
            "household": delivery.household,
            "corporation": announcement.project.corporation,
        }
        sent += send_templated(
            to=[delivery.address], template_base=MAIL_TEMPLATE, context=context, language=delivery.language
        )
    return sent


def send_due_announcements(now: dt.datetime) -> list[Announcement]:
    """Send every scheduled announcement whose moment has come (the management command and, later,
    the job queue call this). Each in its own transaction; a row another worker is sending is
    skipped."""
    sent: list[Announcement] = []
    due = list(
        Announcement.objects.filter(sent_at__isnull=True, send_at__isnull=False, send_at__lte=now)
        .order_by("send_at", "pk")
        .values_list("pk", flat=True)
    )
    for pk in due:
        with transaction.atomic():
            announcement = (
                Announcement.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if announcement is None:
                continue
            _send(announcement, now)
            sent.append(announcement)
    return sent


@transaction.atomic
def announcement_cancel(*, actor: User, announcement: Announcement) -> None:
    """Withdraw a scheduled announcement before it is sent."""
    require(actor, "send_announcements")
    if actor.organisation is None or announcement.project.corporation_id != actor.organisation.pk:
        raise PermissionDenied
    locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if locked.sent_at is not None:
        raise ValidationError(_("This announcement has already been sent."))
    locked.delete()


@transaction.atomic
def news_preference_set(*, actor: User, non_essential: bool) -> NewsPreference:
    """A resident's choice for their household: non-essential news or only essential news."""
    require(actor, "read_announcements")
    household_id = own_household_id(actor)
    if household_id is None:
        raise ValidationError(_("Your account is not linked to a household yet."))
    preference, _created = NewsPreference.objects.update_or_create(
        household=Household.objects.get(pk=household_id),
        defaults={"non_essential": non_essential, "changed_by": actor},
    )
    return preference
