"""Printable letters of an announcement for the households without an e-mail address: one page
each, in the household's language."""

from __future__ import annotations

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from omkijken.projects.announcements.models import Announcement, Delivery
from omkijken.projects.pdf import Page, render
from omkijken.residents.models import Lease
from omkijken.residents.selectors import current_lease_filter


def letters_pdf(announcement: Announcement, deliveries: list[Delivery]) -> bytes:
    corporation = announcement.project.corporation
    sent_on = timezone.localdate(announcement.sent_at or timezone.now())
    leases = {
        lease.household_id: lease
        for lease in Lease.objects.filter(
            current_lease_filter(sent_on),
            household_id__in=[d.household_id for d in deliveries],
            unit__complex_id=announcement.complex_id,
        ).select_related("unit")
    }
    pages: list[Page] = []
    for delivery in deliveries:
        lease = leases.get(delivery.household_id)
        address = [delivery.household.name]
        if lease is not None:
            address += [lease.unit.address, f"{lease.unit.postcode} {lease.unit.city}"]
        with translation.override(delivery.language):
            pages.append(
                Page(
                    header=" · ".join(
                        p for p in (corporation.name, corporation.phone, corporation.email) if p
                    ),
                    address=address,
                    title=announcement.title_in(delivery.language),
                    sections=[
                        ("", _("Date: %(date)s") % {"date": date_format(sent_on, "DATE_FORMAT")}),
                        ("", announcement.body_in(delivery.language)),
                    ],
                    footer=_(
                        "You receive this letter because you live in %(complex)s. Log in to Omkijken to read "
                        "announcements online or to receive only essential news."
                    )
                    % {"complex": announcement.complex.name},
                )
            )
    return render(pages, title=announcement.title)
