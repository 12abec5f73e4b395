"""Signals about a home or a person, how they were triaged, and where they were routed.

One model for every signal: reported by the building manager, a good neighbour, a resident or a
care partner, raised by the neighbour network (a missed check-in call, help nobody took, a call
that reached nobody) or imported from the ERP (rent arrears). Kinds are data: each has a response
time the team lead can change, and a VERA signalering code where VERA has one.

Privacy: a signal never holds care content. That a signal was routed to a care partner reveals
that the person is that partner's client (special-category data): it is read only through
``omkijken.signals.selectors``, which logs an AccessEvent for every such read. The reporter sees
only the status (received, in progress, handled), never the outcome or the routing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class Process(models.TextChoices):
    """Who acts on a kind of signal by default."""

    NUISANCE = "nuisance", _("Corporation: nuisance")
    DAMAGE = "damage", _("Corporation: repairs and damage")
    SUPPORT = "support", _("Support (care partner or buurtteam)")
    DEBT = "debt", _("Debt help (municipality)")
    NETWORK = "network", _("Neighbour network")


class SignalKind(models.Model):
    """A kind of signal, with its response time. Rows are data (seeded by a migration); the
    names shown come from ``omkijken.signals.kinds`` so they are translated."""

    code = models.CharField(_("code"), max_length=30, primary_key=True)
    vera_list = models.CharField(_("VERA list"), max_length=30, blank=True)
    vera_code = models.CharField(_("VERA code"), max_length=3, blank=True)
    process = models.CharField(_("process"), max_length=10, choices=Process.choices)
    response_hours = models.PositiveIntegerField(_("response time (hours)"))
    reportable = models.BooleanField(_("people can report it"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal kind")
        verbose_name_plural = _("signal kinds")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(name="signal_kind_response_positive", condition=Q(response_hours__gt=0)),
            models.CheckConstraint(
                name="signal_kind_process_valid", condition=Q(process__in=[p.value for p in Process])
            ),
        ]

    def __str__(self) -> str:
        from omkijken.signals.kinds import kind_label

        return str(kind_label(self.code))

    @property
    def label(self) -> str:
        from omkijken.signals.kinds import kind_label

        return str(kind_label(self.code))


class Signal(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("In progress")
        HANDLED = "handled", _("Handled")

    class Urgency(models.TextChoices):
        HIGH = "high", _("High")
        NORMAL = "normal", _("Normal")
        LOW = "low", _("Low")

    class ReportedAs(models.TextChoices):
        BUILDING_MANAGER = "building_manager", _("Building manager")
        RESIDENT_SELF = "resident_self", _("Resident, about themselves")
        # A resident about a neighbour: a good neighbour reports from the neighbour network too.
        RESIDENT_NEIGHBOUR = "resident_neighbour", _("Resident, about a neighbour")
        CARE_PARTNER = "care_partner", _("Care partner")
        NETWORK = "network", _("Neighbour network")
        ERP = "erp", _("Rent administration (ERP)")

    complex = models.ForeignKey(
        "portfolio.Complex", verbose_name=_("complex"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "portfolio.Unit",
        verbose_name=_("home"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "residents.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Whose household the signal is about (from the home's current lease or the person): the
    # subject of access events and the household a care partner or the debt-help team serves.
    household = models.ForeignKey(
        "residents.Household", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.ForeignKey(SignalKind, verbose_name=_("kind"), on_delete=models.PROTECT, related_name="+")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_as = models.CharField(_("reported as"), max_length=20, choices=ReportedAs.choices)
    description = models.TextField(_("what was noticed"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    urgency = models.CharField(_("urgency"), max_length=6, choices=Urgency.choices, default=Urgency.NORMAL)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reported at"))
    due_at = models.DateTimeField(_("respond before"))
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("escalated to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What raised a system signal (a help request, a check-in call), so it is raised once.
    source_key = models.CharField(max_length=80, blank=True)
    # Set when the corporation, answering the resident's correction request, found the signal
    # incorrect: it is closed, kept as the record of the answer, and no longer counted.
    withdrawn_at = models.DateTimeField(_("withdrawn as incorrect at"), null=True, blank=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["complex", "status"])]
        constraints = [
            models.CheckConstraint(
                name="signal_about_home_or_person", condition=Q(unit__isnull=False) | Q(person__isnull=False)
            ),
            models.CheckConstraint(
                name="signal_status_valid", condition=Q(status__in=["received", "in_progress", "handled"])
            ),
            models.CheckConstraint(
                name="signal_urgency_valid", condition=Q(urgency__in=["high", "normal", "low"])
            ),
            models.CheckConstraint(
                name="signal_handled_has_time", condition=~Q(status="handled") | Q(handled_at__isnull=False)
            ),
            models.CheckConstraint(name="signal_due_after_created", condition=Q(due_at__gt=F("created_at"))),
            models.UniqueConstraint(
                fields=["source_key"], condition=~Q(source_key=""), name="one_signal_per_source"
            ),
            models.CheckConstraint(
                name="signal_withdrawn_is_handled",
                condition=Q(withdrawn_at__isnull=True) | Q(status="handled"),
            ),
        ]

    def __str__(self) -> str:
        return f"Signal #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.HANDLED

    @property
    def open_correction(self) -> CorrectionRequest | None:
        """The resident's correction request not answered yet (from the prefetched requests)."""
        return next((c for c in self.corrections.all() if c.is_open), None)


class Route(models.Model):
    """Where a signal was sent, and on what basis. Rows are never updated."""

    class Target(models.TextChoices):
        NUISANCE = "nuisance", _("Corporation: nuisance process")
        DAMAGE = "damage", _("Corporation: repairs and damage")
        CARE_PARTNER = "care_partner", _("The resident's care-partner contact")
        BUURTTEAM = "buurtteam", _("The buurtteam")
        DEBT_HELP = "debt_help", _("The municipality's debt-help team")

    class Basis(models.TextChoices):
        OWN_PROCESS = "own_process", _("The corporation's own process")
        CONSENT = "consent", _("The resident's consent")
        COVENANT = "covenant", _("A recorded covenant")
        LEGAL_DUTY = "legal_duty", _("A legal duty")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="routes")
    target = models.CharField(_("routed to"), max_length=15, choices=Target.choices)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    basis = models.CharField(_("basis"), max_length=12, choices=Basis.choices)
    basis_reference = models.CharField(_("reference of the basis"), max_length=200, blank=True)
    agreement = models.ForeignKey(
        "projects.CarePartnerAgreement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    routed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    routed_at = models.DateTimeField(_("routed at"))

    class Meta:
        verbose_name = _("routing")
        verbose_name_plural = _("routings")
        ordering = ["routed_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="route_basis_fits_target",
                condition=(Q(target__in=["nuisance", "damage"]) & Q(basis="own_process"))
                | (
                    Q(target="care_partner")
                    & Q(basis__in=["consent", "covenant"])
                    & Q(organisation__isnull=False)
                )
                | (Q(target="buurtteam") & Q(basis="consent"))
                | (Q(target="debt_help") & Q(basis="legal_duty") & Q(organisation__isnull=False)),
            ),
            models.CheckConstraint(
                name="route_consent_has_reference", condition=~Q(basis="consent") | ~Q(basis_reference="")
            ),
            models.CheckConstraint(
                name="route_covenant_has_agreement",
                condition=~Q(basis="covenant") | Q(agreement__isnull=False),
            ),
            models.CheckConstraint(
                name="route_legal_duty_has_reference",
                condition=~Q(basis="legal_duty") | ~Q(basis_reference=""),
            ),
        ]

    def __str__(self) -> str:
        return f"Route #{self.pk}"


class CorrectionRequest(models.Model):
    """A resident says a signal about them is wrong (GDPR art. 16). The corporation answers it:
    it corrects the signal, withdraws it as incorrect, or refuses, always with a reason the
    resident reads. A request is answered once."""

    class Outcome(models.TextChoices):
        CORRECTED = "corrected", _("Corrected")
        WITHDRAWN = "withdrawn", _("Withdrawn as incorrect")
        REFUSED = "refused", _("Not changed")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="corrections")
    person = models.ForeignKey("residents.Person", on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("what is not right"), max_length=1000)
    created_at = models.DateTimeField(_("asked at"))
    outcome = models.CharField(_("answer"), max_length=10, choices=Outcome.choices, blank=True)
    answer_reason = models.TextField(_("reason of the answer"), max_length=1000, blank=True)
    # What a correction changed (the audit trail, for staff): the kind before, and whether the
    # description was rewritten. The wrong description itself is not kept.
    previous_kind = models.ForeignKey(
        SignalKind, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description_corrected = models.BooleanField(_("description corrected"), default=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("correction request")
        verbose_name_plural = _("correction requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                name="correction_outcome_valid",
                condition=Q(outcome__in=["", "corrected", "withdrawn", "refused"]),
            ),
            models.CheckConstraint(
                name="correction_answer_complete",
                condition=(Q(outcome="") & Q(answered_at__isnull=True) & Q(answer_reason=""))
                | (~Q(outcome="") & Q(answered_at__isnull=False) & ~Q(answer_reason="")),
            ),
        ]

    def __str__(self) -> str:
        return f"CorrectionRequest #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.outcome == ""


class ArrearsRule(models.Model):
    """When rent arrears must be signalled to the municipality's debt help (vroegsignalering), with
    its legal basis: versioned data, valid from a date."""

    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    min_months = models.DecimalField(
        _("arrears of at least (months of rent)"), max_digits=4, decimal_places=2
    )
    legal_reference = models.CharField(_("legal basis"), max_length=200)

    class Meta:
        verbose_name = _("arrears rule")
        verbose_name_plural = _("arrears rules")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(name="arrears_rule_min_positive", condition=Q(min_months__gt=0)),
            models.UniqueConstraint(fields=["valid_from"], name="one_arrears_rule_per_start"),
        ]

    def __str__(self) -> str:
        return f"ArrearsRule {self.valid_from}"
