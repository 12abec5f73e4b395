"""Letting (woonruimteverdeling): from vacancy to key handover.

Registrations of applicants, adverts (VERA *publicaties*) and responses, the good-neighbour
motivation intake, care-partner nominations, allocation rounds, offers (VERA *aanbiedingen*) with
their lifecycle, key handovers and letters. Imports (ImportBatch) live in ``omkijken.exchange``.

Privacy: nothing here stores care content. A nomination carries only what letting needs (size,
income class, target-group code, dates, a consent *reference*); it is special-category data and is
read only through ``omkijken.letting.selectors``, which logs every person-level read. Motivation
questionnaires refuse questions about health (Wet goed verhuurderschap), checked by
``omkijken.letting.intake.health_terms_in``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from omkijken.residents.models import TargetGroup


class Channel(models.TextChoices):
    """Letting channels of the allocation round format (see ../shared/engine/ALLOCATION-ROUND.md)."""

    REGULAR = "REGULAR", _("Regular (waiting time)")
    GOOD_NEIGHBOUR = "GOOD_NEIGHBOUR", _("Good neighbour (motivation)")
    DIRECT = "DIRECT", _("Direct mediation (nomination)")


CHANNEL_VALUES = [c.value for c in Channel]


class Registration(models.Model):
    """A household's registration as a home seeker (VERA *inschrijving*): what ranking and
    passendheid need, nothing more."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    household = models.OneToOneField(
        "residents.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="registration",
    )
    registration_date = models.DateField(_("registration date"))
    household_size = models.PositiveSmallIntegerField(_("household size"))
    yearly_income = models.DecimalField(_("yearly household income (€)"), max_digits=10, decimal_places=2)
    pension_age = models.BooleanField(_("pension age (AOW) reached"), default=False)
    urgency_category = models.CharField(_("urgency (VERA VOORRANGDETAILSOORT)"), max_length=3, blank=True)
    urgency_valid_until = models.DateField(_("urgency valid until"), null=True, blank=True)
    needs = models.JSONField(_("needs (unit features)"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    external_id = models.CharField(_("external id (ERP)"), max_length=60, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.CheckConstraint(name="registration_size_positive", condition=Q(household_size__gte=1)),
            models.CheckConstraint(
                name="registration_income_not_negative", condition=Q(yearly_income__gte=0)
            ),
            models.CheckConstraint(
                name="registration_urgency_complete",
                condition=(Q(urgency_category="") & Q(urgency_valid_until__isnull=True))
                | (~Q(urgency_category="") & Q(urgency_valid_until__isnull=False)),
            ),
            models.CheckConstraint(
                name="registration_status_valid", condition=Q(status__in=["active", "ended"])
            ),
        ]

    def __str__(self) -> str:
        return f"Registration #{self.pk}"


class Advert(models.Model):
    """A vacancy published for letting (VERA *publicatie*), with its channels and the selection
    criteria in plain Dutch (Wet goed verhuurderschap: transparent, objective, published)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed for responses")
        ALLOCATED = "allocated", _("Allocated")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = ("draft", "published", "closed")

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="adverts",
        limit_choices_to={"kind": "corporation"},
    )
    unit = models.ForeignKey(
        "portfolio.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="adverts"
    )
    channels = models.JSONField(_("channels"), default=list)
    proposed_channels = models.JSONField(_("proposed channels"), default=list, blank=True)
    proposal_reason = models.CharField(_("why these channels were proposed"), max_length=300, blank=True)
    override_reason = models.CharField(_("reason for overriding the proposal"), max_length=300, blank=True)
    criteria = models.TextField(_("selection criteria (published)"))
    starts_on = models.DateField(_("open for responses from"))
    ends_on = models.DateField(_("open for responses until"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    external_id = models.CharField(_("external id (ERP)"), max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("advert")
        verbose_name_plural = _("adverts")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(name="advert_period_valid", condition=Q(ends_on__gte=F("starts_on"))),
            models.CheckConstraint(
                name="advert_status_valid",
                condition=Q(status__in=["draft", "published", "closed", "allocated", "withdrawn"]),
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(status__in=["draft", "published", "closed"]),
                name="one_open_advert_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"Advert #{self.pk}"

    @property
    def channels_display(self) -> str:
        labels = dict(Channel.choices)
        return ", ".join(str(labels.get(c, c)) for c in self.channels)


class Response(models.Model):
    """A household's response (VERA *reactie*) to an advert. ``preference`` orders a household's
    responses: 1 is most preferred."""

    advert = models.ForeignKey(
        Advert, verbose_name=_("advert"), on_delete=models.CASCADE, related_name="responses"
    )
    household = models.ForeignKey(
        "residents.Household", verbose_name=_("household"), on_delete=models.CASCADE, related_name="responses"
    )
    preference = models.PositiveSmallIntegerField(_("preference (1 = most wanted)"), default=1)
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    created_at = models.DateTimeField(_("responded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["household_id", "preference", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["advert", "household"], name="one_response_per_household_per_advert"
            ),
            models.CheckConstraint(name="response_preference_positive", condition=Q(preference__gte=1)),
        ]

    def __str__(self) -> str:
        return f"Response #{self.pk}"


# --- Motivation intake (good-neighbour units) -------------------------------------------------


class Questionnaire(models.Model):
    """A versioned motivation questionnaire with its published scoring rubric.

    ``rubric`` is a list of ``{"key", "label", "max"}`` criteria; both assessors score each.
    A questionnaire that has received applications is never edited: publish a new version.
    """

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="questionnaires",
        limit_choices_to={"kind": "corporation"},
    )
    title = models.CharField(_("title"), max_length=120)
    version = models.PositiveSmallIntegerField(_("version"))
    rubric = models.JSONField(_("scoring rubric (published)"), default=list)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (average total)"), default=0)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["corporation_id", "title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["corporation", "title", "version"], name="questionnaire_version_unique"
            ),
            models.CheckConstraint(name="questionnaire_version_positive", condition=Q(version__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("question"), max_length=400)
    help_text = models.CharField(_("explanation"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "order"], name="question_order_unique"),
        ]

    def __str__(self) -> str:
        return self.text


class MotivationApplication(models.Model):
    """A household's application to live in a complex as a good neighbour (VERA doelgroep ZDR,
    intake MOT). Answers are kept per question id of the questionnaire version answered."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("Being assessed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = ("submitted", "in_review")

    household = models.ForeignKey(
        "residents.Household",
        verbose_name=_("household"),
        on_delete=models.CASCADE,
        related_name="motivation_applications",
    )
    complex = models.ForeignKey(
        "portfolio.Complex",
        verbose_name=_("complex"),
        on_delete=models.PROTECT,
        related_name="motivation_applications",
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="applications"
    )
    answers = models.JSONField(_("answers"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("motivation application")
        verbose_name_plural = _("motivation applications")
        ordering = ["-submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["household", "complex"],
                condition=Q(status__in=["submitted", "in_review", "approved"]),
                name="one_live_motivation_per_household_per_complex",
            ),
            models.CheckConstraint(
                name="motivation_decision_has_reason",
                condition=~Q(status__in=["approved", "rejected"])
                | (~Q(decision_reason="") & Q(decided_at__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return f"MotivationApplication #{self.pk}"


class MotivationScore(models.Model):
    """One assessor's independent score of an application on the published rubric."""

    application = models.ForeignKey(
        MotivationApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="scores"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.PROTECT, related_name="+"
    )
    scores = models.JSONField(_("scores per criterion"), default=dict)
    total = models.PositiveSmallIntegerField(_("total"))
    comment = models.TextField(_("comment"), blank=True)
    scored_at = models.DateTimeField(_("scored at"), auto_now_add=True)

    class Meta:
        verbose_name = _("motivation score")
        verbose_name_plural = _("motivation scores")
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="one_score_per_assessor"),
        ]

    def __str__(self) -> str:
        return f"MotivationScore #{self.pk}"


class IntakeStep(models.Model):
    """An optional step of the intake: an interview, or co-optation by sitting residents."""

    class Kind(models.TextChoices):
        INTERVIEW = "interview", _("Interview")
        COOPTATION = "cooptation", _("Co-optation by sitting residents")

    class Outcome(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEGATIVE = "negative", _("Negative")
        NEUTRAL = "neutral", _("No objection")

    application = models.ForeignKey(
        MotivationApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    participants = models.CharField(_("who took part"), max_length=300, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("intake step")
        verbose_name_plural = _("intake steps")
        ordering = ["application_id", "held_on", "pk"]

    def __str__(self) -> str:
        return f"IntakeStep #{self.pk}"


# --- Nominations (direct mediation) ------------------------------------------------------------


class IncomeClass(models.TextChoices):
    """Income class for passendheid: all letting needs to know of a nominee's income."""

    PASSEND = "passend", _("At or below the passend-toewijzen limit")
    DAEB = "daeb", _("Above the passend limit, at or below the DAEB limit")
    ABOVE = "above", _("Above the DAEB limit")


class Nomination(models.Model):
    """SPECIAL-CATEGORY DATA: a care partner (or the municipality, for status holders) nominates
    a client it judges ready. Only what letting needs; never care content. Read only through
    ``omkijken.letting.selectors`` (logged); a care partner sees only its own nominations."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACTIVE = "active", _("Looking for a home")
        HOUSED = "housed", _("Housed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = ("submitted", "active")

    nominator = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("nominated by"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="received_nominations",
        limit_choices_to={"kind": "corporation"},
    )
    household = models.ForeignKey(
        "residents.Household", verbose_name=_("household"), on_delete=models.PROTECT, related_name="+"
    )
    target_group = models.CharField(_("target group"), max_length=4, choices=TargetGroup.choices)
    household_size = models.PositiveSmallIntegerField(_("household size"))
    income_class = models.CharField(_("income class"), max_length=10, choices=IncomeClass.choices)
    pension_age = models.BooleanField(_("pension age (AOW) reached"), default=False)
    needs = models.JSONField(_("needs (unit features)"), default=list, blank=True)
    complexes = models.JSONField(
        _("acceptable complexes, most preferred first (ids)"), default=list, blank=True
    )
    nominated_on = models.DateField(_("nomination date"))
    support_until = models.DateField(_("support period until"), null=True, blank=True)
    consent_reference = models.CharField(_("consent reference"), max_length=60)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        default_permissions = ()
        ordering = ["nominated_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="nomination_target_group_valid",
                condition=Q(target_group__in=[t.value for t in TargetGroup]),
            ),
            models.CheckConstraint(name="nomination_size_positive", condition=Q(household_size__gte=1)),
            models.CheckConstraint(
                name="nomination_support_after_nomination",
                condition=Q(support_until__isnull=True) | Q(support_until__gte=F("nominated_on")),
            ),
            models.CheckConstraint(name="nomination_consent_given", condition=~Q(consent_reference="")),
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status__in=["submitted", "active"]),
                name="one_open_nomination_per_household",
            ),
        ]

    def __str__(self) -> str:
        return f"Nomination #{self.pk}"


# --- Rounds, allocations, offers ----------------------------------------------------------------


class Round(models.Model):
    """An allocation round: vacancies allocated together by the engine. The snapshot sent to the
    engine and its result are kept, so every decision can be explained later."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposal")
        ACCEPTED = "accepted", _("Accepted")
        DISCARDED = "discarded", _("Discarded")

    corporation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("corporation"),
        on_delete=models.PROTECT,
        related_name="rounds",
        limit_choices_to={"kind": "corporation"},
    )
    name = models.CharField(_("name"), max_length=120)
    round_date = models.DateField(_("reference date"))
    method = models.CharField(
        _("method"),
        max_length=10,
        default="optimal",
        choices=[
            ("optimal", _("Optimal (priority, mix and quota)")),
            ("greedy", _("Greedy (advert by advert)")),
        ],
    )
    adverts = models.ManyToManyField(Advert, verbose_name=_("adverts"), related_name="rounds")
    snapshot = models.JSONField(_("round sent to the engine"), default=dict)
    result = models.JSONField(_("engine result"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    changed = models.BooleanField(_("changed by the officer"), default=False)
    change_reason = models.TextField(_("reason for the change"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="round_status_valid", condition=Q(status__in=["proposed", "accepted", "discarded"])
            ),
            models.CheckConstraint(
                name="round_change_has_reason", condition=Q(changed=False) | ~Q(change_reason="")
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Allocation(models.Model):
    """An accepted assignment of a vacancy to a household (VERA *toewijzing*)."""

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="allocations"
    )
    advert = models.ForeignKey(
        Advert, verbose_name=_("advert"), on_delete=models.PROTECT, related_name="allocations"
    )
    unit = models.ForeignKey(
        "portfolio.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    household = models.ForeignKey(
        "residents.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    passendheid = models.CharField(_("passendheid"), max_length=3)  # VERA PAS | NIE | NVT
    justification = models.CharField(_("justification (VERA)"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")
        ordering = ["round_id", "unit_id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="allocation_unit_once_per_round"),
            models.UniqueConstraint(
                fields=["round", "household"], name="allocation_household_once_per_round"
            ),
            models.CheckConstraint(name="allocation_channel_valid", condition=Q(channel__in=CHANNEL_VALUES)),
            models.CheckConstraint(
                name="allocation_passendheid_valid", condition=Q(passendheid__in=["PAS", "NIE", "NVT"])
            ),
        ]

    def __str__(self) -> str:
        return f"Allocation #{self.pk}"


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


class OfferEvent(models.Model):
    """Audit row for every status change of an offer: who, when, from, to, why."""

    offer = models.ForeignKey(Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    reason_code = models.CharField(_("reason (VERA)"), max_length=3, blank=True)
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

    class Meta:
        verbose_name = _("key handover")
        verbose_name_plural = _("key handovers")
        ordering = ["at"]

    def __str__(self) -> str:
        return f"KeyHandover #{self.pk}"


class Letter(models.Model):
    """An explanation of a decision sent to a household (HTML e-mail and PDF). Generated from the
    engine's explanation; holds no special-category data about anyone else."""

    class Kind(models.TextChoices):
        ALLOCATED = "allocated", _("Allocated")
        PASSED_OVER = "passed_over", _("Passed over")
        INELIGIBLE = "ineligible", _("Not eligible")
        MOTIVATION_DECISION = "motivation", _("Motivation decision")
        OFFER_WITHDRAWN = "withdrawn", _("Offer withdrawn")

    household = models.ForeignKey(
        "residents.Household", verbose_name=_("household"), on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    round = models.ForeignKey(
        Round,
        verbose_name=_("round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="letters",
    )
    unit = models.ForeignKey(
        "portfolio.Unit",
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, default="nl")
    subject = models.CharField(_("subject"), max_length=200)
    body_html = models.TextField(_("letter (HTML)"))
    body_text = models.TextField(_("letter (text)"))
    sent_to = models.EmailField(_("sent to"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Letter #{self.pk}"
