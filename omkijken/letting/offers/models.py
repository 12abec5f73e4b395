"""Offers (VERA *aanbiedingen*) with their lifecycle and audit events, and key handovers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omkijken.letting.adverts.models import Advert
from omkijken.letting.rounds.models import Allocation


class DeclineReason(models.TextChoices):
    """VERA AANBIEDINGDETAILSTATUS codes for a declined (GEW) offer."""

    AND = "AND", _("Accepted another home")
    BUI = "BUI", _("Outdoor space not suitable")
    GEE = "GEE", _("No longer interested")
    HUU = "HUU", _("Rent too high")
    PAO = "PAO", _("Parking or storage insufficient")
    PER = "PER", _("Personal circumstances")
    WBN = "WBN", _("Home not suitable")
    WKN = "WKN", _("Quality of the home not suitable")
    WOB = "WOB", _("Surroundings not suitable")


class WithdrawReason(models.TextChoices):
    """VERA AANBIEDINGDETAILSTATUS codes for a withdrawn (ING) offer."""

    COO = "COO", _("Co-optation unsuccessful")
    DOC = "DOC", _("Documents not supplied")
    DON = "DON", _("Documents not in order")
    GEG = "GEG", _("Details incorrect")
    INH = "INH", _("Income too high")
    INL = "INL", _("Income too low")
    NIE = "NIE", _("Did not attend the appointment")
    ONT = "ONT", _("Offered in error")
    REA = "REA", _("Response period expired")
    TOE = "TOE", _("Allocated to another candidate")


def reason_label(code: str) -> str:
    """The words for a VERA reason code of a declined or withdrawn offer."""
    labels = {**dict(DeclineReason.choices), **dict(WithdrawReason.choices)}
    return str(labels.get(code, code))


class Offer(models.Model):
    """An offer of a unit to a household (VERA *aanbieding*) and its lifecycle.

    At most one live offer per unit (database constraint): two officers offering the same unit at
    once cannot both succeed.
    """

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        VIEWING = "viewing", _("Viewing planned")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        NO_RESPONSE = "no_response", _("No response")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    LIVE_STATUSES = ("offered", "viewing", "accepted")

    # VERA AANBIEDINGSTATUS for each of our statuses.
    VERA_STATUS = {
        "offered": "AAN",
        "viewing": "AAN",
        "accepted": "TOE",
        "declined": "GEW",
        "no_response": "ING",
        "withdrawn": "ING",
    }

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="offers",
        limit_choices_to={"kind": "corporation"},
    )
    unit = models.ForeignKey(
        "portfolio.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="offers"
    )
    household = models.ForeignKey(
        "residents.Household", verbose_name=_("household"), on_delete=models.PROTECT, related_name="offers"
    )
    advert = models.ForeignKey(
        Advert,
        verbose_name=_("advert"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
    )
    allocation = models.ForeignKey(
        Allocation,
        verbose_name=_("allocation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offers",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OFFERED)
    reason_code = models.CharField(_("reason (VERA)"), max_length=3, blank=True)
    respond_by = models.DateField(_("respond by"))
    viewing_at = models.DateTimeField(_("viewing at"), null=True, blank=True)
    lease = models.OneToOneField(
        "residents.Lease",
        verbose_name=_("lease"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="offer",
    )
    external_id = models.CharField(_("external id (ERP)"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("offered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("offered at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(status__in=["offered", "viewing", "accepted"]) & Q(lease__isnull=True),
                name="one_live_offer_per_unit",
            ),
            models.CheckConstraint(
                name="offer_status_valid",
                condition=Q(
                    status__in=["offered", "viewing", "accepted", "declined", "no_response", "withdrawn"]
                ),
            ),
            models.CheckConstraint(
                name="offer_declined_has_reason",
                condition=~Q(status__in=["declined", "withdrawn"]) | ~Q(reason_code=""),
            ),
            models.CheckConstraint(
                name="offer_accepted_has_lease", condition=~Q(status="accepted") | Q(lease__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"Offer #{self.pk}"

    @property
    def reason_label(self) -> str:
        return reason_label(self.reason_code) if self.reason_code else ""


class OfferEvent(models.Model):
    """Audit row for every status change of an offer: who, when, from, to, why."""

    offer = models.ForeignKey(Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    reason_code = models.CharField(_("reason (VERA)"), max_length=3, blank=True)
    warning_reason = models.TextField(
        _("reason for going ahead despite a warning"),
        blank=True,
        help_text=_(
            "Given by the officer who confirmed a warning, e.g. a key handover before the lease starts."
        ),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("offer event")
        verbose_name_plural = _("offer events")
        ordering = ["offer_id", "at", "pk"]

    def __str__(self) -> str:
        return f"OfferEvent #{self.pk}"

    @property
    def from_label(self) -> str:
        return str(dict(Offer.Status.choices).get(self.from_status, self.from_status))

    @property
    def to_label(self) -> str:
        return str(dict(Offer.Status.choices).get(self.to_status, self.to_status))

    @property
    def reason_label(self) -> str:
        return reason_label(self.reason_code) if self.reason_code else ""


class KeyHandover(models.Model):
    """The appointment at which the new tenant gets the keys (usually with the building manager)."""

    offer = models.OneToOneField(
        Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="key_handover"
    )
    at = models.DateTimeField(_("key handover at"))
    with_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    done = models.BooleanField(_("keys handed over"), default=False)
    # Filled in when the building manager completes the handover (letting.offers.services).
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    keys_handed_over = models.PositiveSmallIntegerField(_("keys handed over"), null=True, blank=True)
    meter_electricity = models.DecimalField(
        _("electricity meter (kWh)"), max_digits=9, decimal_places=1, null=True, blank=True
    )
    meter_gas = models.DecimalField(
        _("gas meter (m³)"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    meter_water = models.DecimalField(
        _("water meter (m³)"), max_digits=9, decimal_places=3, null=True, blank=True
    )
    completion_note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("key handover")
        verbose_name_plural = _("key handovers")
        ordering = ["at"]
        constraints = [
            models.CheckConstraint(
                name="key_handover_done_is_complete",
                condition=Q(done=False)
                | (
                    Q(completed_at__isnull=False)
                    & Q(keys_handed_over__isnull=False)
                    & Q(keys_handed_over__gte=1)
                ),
            ),
            models.CheckConstraint(
                name="key_handover_meters_not_negative",
                condition=(Q(meter_electricity__isnull=True) | Q(meter_electricity__gte=0))
                & (Q(meter_gas__isnull=True) | Q(meter_gas__gte=0))
                & (Q(meter_water__isnull=True) | Q(meter_water__gte=0)),
            ),
        ]

    def __str__(self) -> str:
        return f"KeyHandover #{self.pk}"
