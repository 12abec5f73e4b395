"""The housing portfolio: neighbourhoods, complexes (VERA Cluster), sections and units (VERA Eenheid)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Neighbourhood(models.Model):
    """A CBS buurt within a wijk within a municipality (Kerncijfers wijken en buurten codes)."""

    municipality_code = models.CharField(_("CBS municipality code"), max_length=4)
    municipality_name = models.CharField(_("municipality"), max_length=100)
    district_code = models.CharField(_("CBS district (wijk) code"), max_length=8)
    district_name = models.CharField(_("district (wijk)"), max_length=100)
    code = models.CharField(_("CBS neighbourhood (buurt) code"), max_length=10, unique=True)
    name = models.CharField(_("neighbourhood (buurt)"), max_length=100)

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["municipality_name", "district_name", "name"]
        constraints = [
            models.CheckConstraint(
                name="neighbourhood_municipality_code", condition=Q(municipality_code__regex=r"^[0-9]{4}$")
            ),
            # WK + 4-digit municipality + 2 digits; BU + WK-part + 2 digits.
            models.CheckConstraint(
                name="neighbourhood_district_code", condition=Q(district_code__regex=r"^WK[0-9]{6}$")
            ),
            models.CheckConstraint(name="neighbourhood_buurt_code", condition=Q(code__regex=r"^BU[0-9]{8}$")),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district_name})"


class Complex(models.Model):
    """A building or group of buildings let as one (VERA Cluster)."""

    class BuildingType(models.TextChoices):
        GALLERY_FLAT = "gallery_flat", _("Gallery-access flat (galerijflat)")
        STAIRWELL = "stairwell", _("Stairwell-access block (portiek)")
        TERRACED = "terraced", _("Terraced houses")
        APARTMENT = "apartment", _("Apartment building")

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="complexes",
        limit_choices_to={"kind": "corporation"},
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, verbose_name=_("neighbourhood"), on_delete=models.PROTECT, related_name="complexes"
    )
    code = models.CharField(_("complex code"), max_length=20)
    name = models.CharField(_("name"), max_length=120)
    street = models.CharField(_("street"), max_length=120)
    building_type = models.CharField(_("building type"), max_length=20, choices=BuildingType.choices)
    storeys = models.PositiveSmallIntegerField(_("storeys"))
    year_built = models.PositiveSmallIntegerField(_("year built"))
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("building managers"),
        blank=True,
        related_name="managed_complexes",
    )

    class Meta:
        verbose_name = _("complex")
        verbose_name_plural = _("complexes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["corporation", "code"], name="complex_code_unique_per_corporation"
            ),
            models.CheckConstraint(
                name="complex_storeys_positive", condition=Q(storeys__gte=1) & Q(storeys__lte=60)
            ),
            models.CheckConstraint(
                name="complex_year_built_sane", condition=Q(year_built__gte=1800) & Q(year_built__lte=2100)
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Section(models.Model):
    """A portiek, galerij or floor group: where vulnerable residents must not be clustered."""

    class Kind(models.TextChoices):
        STAIRWELL = "stairwell", _("Stairwell (portiek)")
        GALLERY = "gallery", _("Gallery (galerij)")
        FLOOR_GROUP = "floor_group", _("Floor group")

    complex = models.ForeignKey(
        Complex, verbose_name=_("complex"), on_delete=models.CASCADE, related_name="sections"
    )
    name = models.CharField(_("name"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    max_vulnerable = models.PositiveSmallIntegerField(
        _("maximum vulnerable households"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for no cap. Keeps vulnerable residents from being clustered in one section."
        ),
    )

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["complex", "name"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "name"], name="section_name_unique_per_complex")
        ]

    def __str__(self) -> str:
        return f"{self.complex} – {self.name}"


class Unit(models.Model):
    """A rentable home (VERA Eenheid)."""

    class DaebLabel(models.TextChoices):
        DAEB = "DAEB", _("DAEB (social rent)")
        NON_DAEB = "NDAEB", _("Non-DAEB")

    complex = models.ForeignKey(
        Complex, verbose_name=_("complex"), on_delete=models.PROTECT, related_name="units"
    )
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
    )
    code = models.CharField(_("unit code (VHE)"), max_length=30)
    street = models.CharField(_("street"), max_length=120)
    house_number = models.PositiveIntegerField(_("house number"))
    house_number_suffix = models.CharField(_("suffix"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7)
    city = models.CharField(_("city"), max_length=80)
    floor = models.SmallIntegerField(_("floor"))
    rooms = models.PositiveSmallIntegerField(_("rooms"))
    floor_area = models.PositiveSmallIntegerField(_("floor area (m²)"), null=True, blank=True)
    net_rent = models.DecimalField(_("net rent (kale huur, €/month)"), max_digits=8, decimal_places=2)
    daeb_label = models.CharField(
        _("DAEB label"), max_length=5, choices=DaebLabel.choices, default=DaebLabel.DAEB
    )
    has_lift = models.BooleanField(_("lift access"), default=False)
    wheelchair_accessible = models.BooleanField(_("wheelchair accessible"), default=False)
    min_household_size = models.PositiveSmallIntegerField(_("minimum household size"), default=1)
    max_household_size = models.PositiveSmallIntegerField(_("maximum household size"), default=6)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["complex", "street", "house_number", "house_number_suffix"]
        constraints = [
            models.UniqueConstraint(fields=["complex", "code"], name="unit_code_unique_per_complex"),
            models.UniqueConstraint(
                fields=["postcode", "house_number", "house_number_suffix"], name="unit_address_unique"
            ),
            models.CheckConstraint(name="unit_rooms_positive", condition=Q(rooms__gte=1)),
            models.CheckConstraint(name="unit_rent_not_negative", condition=Q(net_rent__gte=Decimal("0"))),
            models.CheckConstraint(
                name="unit_postcode_format", condition=Q(postcode__regex=r"^[1-9][0-9]{3}[A-Z]{2}$")
            ),
            models.CheckConstraint(
                name="unit_household_size_range",
                condition=Q(min_household_size__gte=1)
                & Q(max_household_size__gte=models.F("min_household_size")),
            ),
            models.CheckConstraint(
                name="unit_daeb_label_valid", condition=Q(daeb_label__in=["DAEB", "NDAEB"])
            ),
        ]

    def __str__(self) -> str:
        return self.address

    @property
    def address(self) -> str:
        suffix = f"-{self.house_number_suffix}" if self.house_number_suffix else ""
        return f"{self.street} {self.house_number}{suffix}"

    @property
    def ground_floor(self) -> bool:
        return self.floor == 0

    @property
    def features(self) -> list[str]:
        """Engine feature codes (LIFT, GROUND_FLOOR, WHEELCHAIR) derived from the unit's facts."""
        found = []
        if self.has_lift:
            found.append("LIFT")
        if self.ground_floor:
            found.append("GROUND_FLOOR")
        if self.wheelchair_accessible:
            found.append("WHEELCHAIR")
        return found
