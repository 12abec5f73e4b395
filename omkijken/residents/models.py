"""Households, persons and leases; and, kept apart, the special-category fact that a household
belongs to a vulnerable target group or is a care partner's client.

Only the personal data a corporation may hold (brief §5, Wet goed verhuurderschap): names, birth
date (pension age, youth contracts), contact details, household composition. No health data, no
care content, ever.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Household(models.Model):
    """A household (VERA Relatiegroep of detailsoort HUI) known to one corporation."""

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="households",
        limit_choices_to={"kind": "corporation"},
    )
    reference = models.CharField(_("reference"), max_length=30)
    name = models.CharField(
        _("name"), max_length=120, help_text=_("How the household is addressed, e.g. 'Family Jansen'.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["corporation", "reference"], name="household_reference_unique_per_corporation"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """A member of a household (VERA NatuurlijkPersoon)."""

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    first_name = models.CharField(_("first name"), max_length=80)
    name_prefix = models.CharField(_("prefix (tussenvoegsel)"), max_length=20, blank=True)
    last_name = models.CharField(_("last name"), max_length=80)
    birth_date = models.DateField(_("date of birth"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_main_tenant = models.BooleanField(_("main tenant"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["household", "-is_main_tenant", "birth_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(is_main_tenant=True), name="one_main_tenant_per_household"
            ),
            models.CheckConstraint(
                name="person_birth_date_sane", condition=Q(birth_date__gte=dt.date(1900, 1, 1))
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.name_prefix, self.last_name) if part)


class LeaseType(models.TextChoices):
    REGULAR = "regular", _("Regular (indefinite)")
    TEMPORARY = "temporary", _("Temporary")
    OMKLAP = "omklap", _("Omklap (care partner first lessee)")
    DRIEHOEK = "driehoek", _("Driehoek (tenant, corporation and care partner)")


# Lease types whose very existence says a household is a care partner's client: special category.
CARE_LEASE_TYPES = frozenset({LeaseType.OMKLAP, LeaseType.DRIEHOEK})


class Lease(models.Model):
    """A lease (VERA Huurovereenkomst) of one unit to one household.

    An omklap lease names the care partner as first lessee until the flip date, when the lease
    turns over to the household. A driehoek lease is the household's own, linked to a support
    agreement with the care partner.
    """

    unit = models.ForeignKey(
        "portfolio.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="leases"
    )
    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.PROTECT, related_name="leases"
    )
    lease_type = models.CharField(
        _("lease type"), max_length=20, choices=LeaseType.choices, default=LeaseType.REGULAR
    )
    care_partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("care partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "care_partner"},
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    flip_date = models.DateField(_("flip date"), null=True, blank=True)
    net_rent = models.DecimalField(_("net rent at start (€/month)"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("lease")
        verbose_name_plural = _("leases")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                name="lease_type_valid", condition=Q(lease_type__in=[t.value for t in LeaseType])
            ),
            models.CheckConstraint(
                name="lease_end_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
            ),
            models.CheckConstraint(name="lease_rent_not_negative", condition=Q(net_rent__gte=0)),
            models.CheckConstraint(
                name="temporary_lease_has_end",
                condition=~Q(lease_type="temporary") | Q(end_date__isnull=False),
            ),
            models.CheckConstraint(
                name="omklap_lease_has_partner_and_flip_date",
                condition=~Q(lease_type="omklap")
                | (
                    Q(care_partner__isnull=False)
                    & Q(flip_date__isnull=False)
                    & Q(flip_date__gt=F("start_date"))
                ),
            ),
            models.CheckConstraint(
                name="driehoek_lease_has_partner",
                condition=~Q(lease_type="driehoek") | Q(care_partner__isnull=False),
            ),
            models.CheckConstraint(
                name="only_care_leases_name_a_partner",
                condition=Q(lease_type__in=["omklap", "driehoek"])
                | (Q(care_partner__isnull=True) & Q(flip_date__isnull=True)),
            ),
            # At most one open-ended lease per unit and per household. On PostgreSQL an exclusion
            # constraint (migration 0002) also forbids any two overlapping leases of one unit.
            models.UniqueConstraint(
                fields=["unit"], condition=Q(end_date__isnull=True), name="one_open_lease_per_unit"
            ),
            models.UniqueConstraint(
                fields=["household"], condition=Q(end_date__isnull=True), name="one_open_lease_per_household"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.household}"

    def is_current(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class TargetGroup(models.TextChoices):
    """VERA AANVULLENDEDOELGROEP codes of vulnerable target groups (plus UIT: our code for
    outflow from an institution, as used by the allocation round format)."""

    DAK = "DAK", _("Formerly homeless")
    GGZ = "GGZ", _("Mental-health care client")
    PSY = "PSY", _("(Former) psychiatric patient")
    STH = "STH", _("Refugee status holder")
    UIT = "UIT", _("Outflow from an institution")
    VER = "VER", _("(Former) addict")
    GED = "GED", _("Former detainee")
    VBE = "VBE", _("Intellectual disability")
    ZIN = "ZIN", _("Care indication")
    SKA = "SKA", _("Skaeve Huse")


class TargetGroupStatus(models.Model):
    """SPECIAL-CATEGORY DATA (GDPR art. 9): that a household belongs to a vulnerable target group
    and, if so, which care partner supports it.

    Kept apart from the household (no reverse accessor, so a template cannot reach it by
    accident); read only through ``omkijken.residents.selectors``, which checks the actor's role
    and writes one AccessEvent per record read. Never holds care content: no diagnosis, no
    support plan, no notes.
    """

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="+"
    )
    target_group = models.CharField(_("target group"), max_length=4, choices=TargetGroup.choices)
    care_partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("care partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "care_partner"},
    )
    start_date = models.DateField(_("since"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    consent_reference = models.CharField(
        _("consent reference"),
        max_length=60,
        blank=True,
        help_text=_("Reference to the consent the care partner holds; never the consent's content."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("target-group status")
        verbose_name_plural = _("target-group statuses")
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                name="target_group_valid", condition=Q(target_group__in=[t.value for t in TargetGroup])
            ),
            models.CheckConstraint(
                name="target_group_status_end_after_start",
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
            ),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(end_date__isnull=True),
                name="one_open_target_group_status_per_household",
            ),
        ]

    def __str__(self) -> str:
        return f"TargetGroupStatus #{self.pk}"


class CarePartnerContact(models.Model):
    """The contact person a resident names at their care partner, and the resident's consent to
    show that contact to the building manager of their complex.

    SPECIAL-CATEGORY DATA: naming a care partner reveals that the household is a care partner's
    client. Written only by the resident (``residents.services``); read by staff only through
    ``residents.selectors.care_partner_contact_for``, which shows it only while consent is given
    and writes one AccessEvent per read. No reverse accessor on the household. Never care content.
    """

    household = models.OneToOneField(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="+"
    )
    care_partner = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("care partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "care_partner"},
    )
    organisation_name = models.CharField(
        _("organisation"),
        max_length=120,
        blank=True,
        help_text=_("When the care partner is not in the list."),
    )
    contact_name = models.CharField(_("contact person"), max_length=120)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent_given_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("care-partner contact")
        verbose_name_plural = _("care-partner contacts")
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                name="care_contact_withdrawn_after_given",
                condition=Q(consent_withdrawn_at__isnull=True)
                | (Q(consent_given_at__isnull=False) & Q(consent_withdrawn_at__gte=F("consent_given_at"))),
            ),
            models.CheckConstraint(name="care_contact_reachable", condition=~Q(phone="") | ~Q(email="")),
        ]

    def __str__(self) -> str:
        return f"CarePartnerContact #{self.pk}"

    @property
    def consent_active(self) -> bool:
        return self.consent_given_at is not None and self.consent_withdrawn_at is None

    @property
    def organisation_label(self) -> str:
        return self.care_partner.name if self.care_partner else self.organisation_name


class BuddySharing(models.Model):
    """The resident's choice to show their buddy (a neighbour of the neighbour network) to the
    building manager in his resident overview. Having a buddy can reveal vulnerability, so it is
    shown only with this choice; withdrawing it hides the buddy again."""

    household = models.OneToOneField(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="+"
    )
    shared_at = models.DateTimeField(_("shared since"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("buddy sharing")
        verbose_name_plural = _("buddy sharing")
        default_permissions = ()

    def __str__(self) -> str:
        return f"BuddySharing #{self.pk}"
