"""Monitoring data: indicator targets, monthly mix snapshots, lease endings, survey rounds with
anonymous responses, Leefbaarometer scores and the complexes that work the Nieuwe Buren way.

Survey anonymity: a :class:`SurveyResponse` has a random primary key and no timestamp, and nothing
links it to a person. :class:`SurveyParticipation` says only *that* a resident answered a round (to
refuse a second answer); it holds no answer and no time either, so the two tables cannot be joined
by id order or by clock.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Indicator(models.TextChoices):
    CARE_NEED_SHARE = "care_need_share", _("Share of allocations to households with a care need")


class IndicatorTarget(models.Model):
    """A corporation's target for an indicator, valid for a period (Mitros: 3 in 10 allocations to
    households with a care need). Data, never a constant in code."""

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": "corporation"},
    )
    indicator = models.CharField(_("indicator"), max_length=30, choices=Indicator.choices)
    share = models.DecimalField(_("target share"), max_digits=4, decimal_places=3)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("indicator target")
        verbose_name_plural = _("indicator targets")
        ordering = ["corporation", "indicator", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                name="indicator_target_share_0_1", condition=Q(share__gte=0) & Q(share__lte=1)
            ),
            models.CheckConstraint(
                name="indicator_target_period",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("valid_from")),
            ),
            models.CheckConstraint(
                name="indicator_target_indicator_valid",
                condition=Q(indicator__in=[i.value for i in Indicator]),
            ),
            models.UniqueConstraint(
                fields=["corporation", "indicator", "valid_from"], name="indicator_target_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.share} ({self.valid_from})"


class MixSnapshot(models.Model):
    """Occupied homes and vulnerable households of a complex (section empty) or of one section,
    on the last day of a month. Written by ``services.take_mix_snapshot``; an aggregate only."""

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    complex = models.ForeignKey(
        "portfolio.Complex", verbose_name=_("complex"), on_delete=models.CASCADE, related_name="+"
    )
    section = models.ForeignKey(
        "portfolio.Section",
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    units = models.PositiveIntegerField(_("homes"))
    occupied = models.PositiveIntegerField(_("occupied"))
    vulnerable = models.PositiveIntegerField(_("vulnerable households"))

    class Meta:
        verbose_name = _("mix snapshot")
        verbose_name_plural = _("mix snapshots")
        ordering = ["month", "complex", "section"]
        constraints = [
            models.CheckConstraint(name="mix_snapshot_first_of_month", condition=Q(month__day=1)),
            models.CheckConstraint(
                name="mix_snapshot_counts",
                condition=Q(occupied__lte=F("units")) & Q(vulnerable__lte=F("occupied")),
            ),
            models.UniqueConstraint(
                fields=["month", "complex"],
                condition=Q(section__isnull=True),
                name="mix_snapshot_complex_once",
            ),
            models.UniqueConstraint(
                fields=["month", "complex", "section"],
                condition=Q(section__isnull=False),
                name="mix_snapshot_section_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.complex_id}/{self.section_id}: {self.vulnerable}/{self.occupied}"


class LeaseEnding(models.Model):
    """Why a lease ended, as far as monitoring needs it: an eviction ends tenancy sustainment.
    Never care content (no details of the reason)."""

    class Reason(models.TextChoices):
        MOVED_WITHIN = "moved_within", _("Moved to another home of ours")
        MOVED_AWAY = "moved_away", _("Moved away")
        EVICTION = "eviction", _("Eviction (ontruiming)")
        DEATH = "death", _("Death")
        OTHER = "other", _("Other")

    lease = models.OneToOneField(
        "residents.Lease", verbose_name=_("lease"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lease ending")
        verbose_name_plural = _("lease endings")
        constraints = [
            models.CheckConstraint(
                name="lease_ending_reason_valid",
                condition=Q(reason__in=["moved_within", "moved_away", "eviction", "death", "other"]),
            )
        ]

    def __str__(self) -> str:
        return f"LeaseEnding #{self.pk}"


class SurveyRound(models.Model):
    """One round of the resident survey in one complex (De Jong Gierveld 6 + neighbour contact)."""

    complex = models.ForeignKey(
        "portfolio.Complex", verbose_name=_("complex"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("title"), max_length=120)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["complex", "opens_on"]
        constraints = [
            models.CheckConstraint(name="survey_round_period", condition=Q(closes_on__gte=F("opens_on"))),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, on: object) -> bool:
        return self.opens_on <= on <= self.closes_on  # type: ignore[operator]


class SurveyParticipation(models.Model):
    """That a resident answered a round: refuses a second answer. Holds no answer and no time."""

    round = models.ForeignKey(
        SurveyRound, verbose_name=_("survey round"), on_delete=models.CASCADE, related_name="+"
    )
    person = models.ForeignKey(
        "residents.Person", verbose_name=_("resident"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("survey participation")
        verbose_name_plural = _("survey participations")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["round", "person"], name="survey_participation_once"),
        ]

    def __str__(self) -> str:
        return f"SurveyParticipation #{self.pk}"


# Answers of the De Jong Gierveld items: 0 no (nee), 1 more or less (min of meer), 2 yes (ja).
DJG_RANGE = (0, 2)
# Neighbour contact: names known 0 none, 1 one or two, 2 three to five, 3 six or more;
# could ask for help 0 no, 1 perhaps, 2 yes; contact 0 never, 1 monthly, 2 weekly, 3 daily.
NAMES_RANGE = (0, 3)
HELP_RANGE = (0, 2)
CONTACT_RANGE = (0, 3)

DJG_FIELDS = ("emptiness", "miss_people", "rejected", "rely_on", "trust", "close_to")
EMOTIONAL_FIELDS = DJG_FIELDS[:3]
SOCIAL_FIELDS = DJG_FIELDS[3:]
CONTACT_FIELDS = ("neighbours_by_name", "could_ask_help", "contact_frequency")


def _in_range(field: str, low: int, high: int) -> Q:
    return Q(**{f"{field}__gte": low, f"{field}__lte": high})


class SurveyResponse(models.Model):
    """One anonymous set of answers to a round. Random key, no time, no person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        SurveyRound, verbose_name=_("survey round"), on_delete=models.CASCADE, related_name="responses"
    )
    emptiness = models.PositiveSmallIntegerField(_("I experience a general sense of emptiness"))
    miss_people = models.PositiveSmallIntegerField(_("I miss having people around me"))
    rejected = models.PositiveSmallIntegerField(_("I often feel rejected"))
    rely_on = models.PositiveSmallIntegerField(
        _("There are plenty of people I can rely on when I have problems")
    )
    trust = models.PositiveSmallIntegerField(_("There are many people I can trust completely"))
    close_to = models.PositiveSmallIntegerField(_("There are enough people I feel close to"))
    neighbours_by_name = models.PositiveSmallIntegerField(
        _("How many neighbours in your building do you know by name?")
    )
    could_ask_help = models.PositiveSmallIntegerField(
        _("Could you ask a neighbour for help if you needed it?")
    )
    contact_frequency = models.PositiveSmallIntegerField(_("How often do you talk with neighbours?"))

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        default_permissions = ()
        constraints = [
            *[
                models.CheckConstraint(name=f"survey_{f}_range", condition=_in_range(f, *DJG_RANGE))
                for f in DJG_FIELDS
            ],
            models.CheckConstraint(
                name="survey_names_range", condition=_in_range("neighbours_by_name", *NAMES_RANGE)
            ),
            models.CheckConstraint(
                name="survey_help_range", condition=_in_range("could_ask_help", *HELP_RANGE)
            ),
            models.CheckConstraint(
                name="survey_contact_range", condition=_in_range("contact_frequency", *CONTACT_RANGE)
            ),
        ]

    def __str__(self) -> str:
        return "SurveyResponse"


class LeefbaarometerScore(models.Model):
    """A buurt's Leefbaarometer 3.0 score for a year (total and the five dimensions, as deviations
    from the national mean), imported from the open-data CSV a user uploads."""

    neighbourhood = models.ForeignKey(
        "portfolio.Neighbourhood", verbose_name=_("neighbourhood"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.DecimalField(_("Leefbaarometer score"), max_digits=7, decimal_places=4)
    physical = models.DecimalField(_("physical environment"), max_digits=7, decimal_places=4, null=True)
    nuisance = models.DecimalField(_("nuisance and insecurity"), max_digits=7, decimal_places=4, null=True)
    social = models.DecimalField(_("social cohesion"), max_digits=7, decimal_places=4, null=True)
    amenities = models.DecimalField(_("amenities"), max_digits=7, decimal_places=4, null=True)
    housing = models.DecimalField(_("housing stock"), max_digits=7, decimal_places=4, null=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("Leefbaarometer score")
        verbose_name_plural = _("Leefbaarometer scores")
        ordering = ["neighbourhood", "year"]
        constraints = [
            models.UniqueConstraint(fields=["neighbourhood", "year"], name="leefbaarometer_once_per_year"),
            models.CheckConstraint(
                name="leefbaarometer_year_sane", condition=Q(year__gte=1990) & Q(year__lte=2100)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood_id} {self.year}: {self.total}"


class NieuweBurenComplex(models.Model):
    """A complex that works the Nieuwe Buren way from a date: every departing tenant is to be
    replaced by a new tenant who contributes (a good neighbour)."""

    complex = models.OneToOneField(
        "portfolio.Complex", verbose_name=_("complex"), on_delete=models.CASCADE, related_name="+"
    )
    since = models.DateField(_("since"))

    class Meta:
        verbose_name = _("Nieuwe Buren complex")
        verbose_name_plural = _("Nieuwe Buren complexes")

    def __str__(self) -> str:
        return f"NieuweBurenComplex #{self.pk}"
