"""The good-neighbour motivation intake: questionnaires, applications, scores and steps.

Motivation questionnaires refuse questions about health (Wet goed verhuurderschap), checked by
``omkijken.letting.intake.health.health_terms_in``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
