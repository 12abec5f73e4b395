"""Organisations, users, their roles, and the audit trail of reads of special-category data."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CORPORATION = "corporation", _("Housing corporation")
        CARE_PARTNER = "care_partner", _("Care partner")
        MUNICIPALITY = "municipality", _("Municipality")
        RESIDENTS_ASSOCIATION = "residents_association", _("Residents' association")
        # Wijkbureau, handhaving, buurtteam, GGZ partner: partners in a location plan.
        NETWORK_PARTNER = "network_partner", _("Network partner")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    # CBS municipality code (gemeentecode, 4 digits) for municipalities; the area they oversee.
    municipality_code = models.CharField(_("CBS municipality code"), max_length=4, blank=True)
    # For a residents' association: the corporation whose tenants it represents.
    corporation = models.ForeignKey(
        "self",
        verbose_name=_("corporation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="associations",
        limit_choices_to={"kind": Kind.CORPORATION},
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="organisation_kind_valid",
                condition=Q(
                    kind__in=[
                        "corporation",
                        "care_partner",
                        "municipality",
                        "residents_association",
                        "network_partner",
                    ]
                ),
            ),
            models.CheckConstraint(
                name="municipality_has_cbs_code",
                condition=~Q(kind="municipality") | Q(municipality_code__regex=r"^[0-9]{4}$"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    PROJECT_LEADER = "project_leader", _("Project leader")
    LETTING_OFFICER = "letting_officer", _("Letting officer")
    BUILDING_MANAGER = "building_manager", _("Building manager")
    CARE_COORDINATOR = "care_coordinator", _("Care-partner coordinator")
    MUNICIPAL_OFFICER = "municipal_officer", _("Municipal officer")
    RESIDENT = "resident", _("Resident")
    APPLICANT = "applicant", _("Applicant (home seeker)")
    # Staff of a wijkbureau, handhaving, buurtteam or GGZ partner: sees only the location plans
    # their organisation belongs to, never residents' personal data.
    NETWORK_PARTNER = "network_partner", _("Network partner")
    ADMIN = "admin", _("Administrator")
    # The corporation's privacy officer (functionaris gegevensbescherming): handles the rights of
    # the people in it (AVG art. 15-17), legal holds and the retention receipts.
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer")


# Which organisation kinds a role belongs to. Checked by the membership service and form;
# the database checks that the role is a known one.
ROLE_ORGANISATION_KINDS: dict[str, set[str]] = {
    Role.PROJECT_LEADER: {Organisation.Kind.CORPORATION},
    Role.LETTING_OFFICER: {Organisation.Kind.CORPORATION},
    Role.BUILDING_MANAGER: {Organisation.Kind.CORPORATION},
    Role.ADMIN: {Organisation.Kind.CORPORATION},
    Role.PRIVACY_OFFICER: {Organisation.Kind.CORPORATION},
    Role.CARE_COORDINATOR: {Organisation.Kind.CARE_PARTNER},
    Role.MUNICIPAL_OFFICER: {Organisation.Kind.MUNICIPALITY},
    Role.RESIDENT: {Organisation.Kind.CORPORATION},
    Role.APPLICANT: {Organisation.Kind.CORPORATION},
    Role.NETWORK_PARTNER: {Organisation.Kind.NETWORK_PARTNER},
}


class User(AbstractUser):
    """A person who logs in. Staff of an organisation, or a resident of a household."""

    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def membership(self) -> Membership | None:
        cached = getattr(self, "_membership_cache", False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        found = Membership.objects.select_related("organisation").filter(user=self).first()
        self._membership_cache = found
        return found

    @property
    def role(self) -> str | None:
        membership = self.membership
        return membership.role if membership else None

    @property
    def organisation(self) -> Organisation | None:
        membership = self.membership
        return membership.organisation if membership else None


class Membership(models.Model):
    """A user's one role in one organisation. One membership per user keeps scoping unambiguous."""

    user = models.OneToOneField(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    # The coordinator of a care partner, municipality or network partner: invites and deactivates
    # their own organisation's colleagues. A corporation's accounts are managed by its admins.
    manages_accounts = models.BooleanField(_("manages the organisation's accounts"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                name="membership_role_valid", condition=Q(role__in=[r.value for r in Role])
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.organisation})"


# The page or API call that read special-category data, in words for the access log. Every
# ``view=`` a selector logs must be here (tests/accounts/test_access_log_labels.py checks the code).
ACCESS_VIEW_LABELS: dict[str, Any] = {
    "household_detail": _("Household page"),
    "client_list": _("Care partner's client list"),
    "beheer_residents": _("Residents of a complex (building manager)"),
    "community_coordination": _("Buddy coordination"),
    "nomination_list": _("List of nominations"),
    "nomination_detail": _("Nomination page"),
    "round_detail": _("Allocation round"),
    "round_change": _("Changing an allocation round"),
    "rank_vacancy": _("Ranking for a single vacancy"),
    "letting:exchange_export": _("Export to a corporation system"),
    "signals.list": _("List of signals"),
    "signals.detail": _("Signal page"),
    "signals.route": _("Routing a signal"),
    "api_allocation_list": _("API: allocations"),
    "api_allocation_detail": _("API: one allocation"),
    "api_nomination_list": _("API: nominations"),
    "api_nomination_detail": _("API: one nomination"),
    "api_nomination_create": _("API: new nomination"),
    "api_nomination_withdraw": _("API: withdrawing a nomination"),
    "api_round_proposal": _("API: proposal of a round"),
    "api_signal_list": _("API: signals"),
    "api_signal_detail": _("API: one signal"),
}


class AccessEvent(models.Model):
    """One read of special-category data: who, when, whose record, which view, and why.

    Written by the selectors that read such data, never by templates. Rows are never updated.
    """

    class Purpose(models.TextChoices):
        LETTING = "letting", _("Letting and allocation")
        CARE_COORDINATION = "care_coordination", _("Coordinating support for own clients")
        PROJECT_MIX = "project_mix", _("Steering a project's mix")
        TENANCY_MANAGEMENT = "tenancy_management", _("Tenancy management")
        AUDIT = "audit", _("Privacy audit")
        EXPORT = "export", _("Export to a corporation system")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("who"), on_delete=models.PROTECT, related_name="access_events"
    )
    actor_role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    household = models.ForeignKey(
        "residents.Household",
        verbose_name=_("whose record"),
        on_delete=models.PROTECT,
        related_name="access_events",
    )
    # The data subject's corporation: that corporation may audit reads of its tenants' data.
    corporation = models.ForeignKey(
        Organisation, verbose_name=_("corporation"), on_delete=models.PROTECT, related_name="access_events"
    )
    record = models.CharField(_("record"), max_length=60)
    view = models.CharField(_("view"), max_length=100)
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)

    class Meta:
        verbose_name = _("access event")
        verbose_name_plural = _("access events")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["corporation", "-at"]), models.Index(fields=["household", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} → {self.household_id} ({self.view})"

    @property
    def view_label(self) -> str:
        """The page in words; empty for a page logged before it had a label (shown as its code)."""
        label = ACCESS_VIEW_LABELS.get(self.view)
        return str(label) if label is not None else ""


class Invitation(models.Model):
    """An invitation to join an organisation: a one-time link by e-mail, valid until ``expires_at``.

    Only the SHA-256 of the link's secret is stored; the secret itself is only in the mail. Used
    once (``accepted_at``), or withdrawn (``revoked_at``); at most one open invitation per address.
    """

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))  # stored lower-case
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    manages_accounts = models.BooleanField(_("manages the organisation's accounts"), default=False)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User, verbose_name=_("invited by"), on_delete=models.PROTECT, related_name="invitations_sent"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_user = models.OneToOneField(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invitation",
    )
    revoked_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="invitation_role_valid", condition=Q(role__in=[r.value for r in Role])
            ),
            models.CheckConstraint(
                name="invitation_accepted_has_user",
                condition=Q(accepted_at__isnull=True) | Q(accepted_user__isnull=False),
            ),
            models.CheckConstraint(
                name="invitation_accepted_or_revoked",
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["email"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"


class AccountChange(models.Model):
    """One change to an account, for the organisation's audit: who, when, whose account, what,
    and the value before and after. Rows are never updated.

    Written by ``omkijken.accounts.services`` only. Passwords are never stored, only that one was
    set, changed or reset.
    """

    class Change(models.TextChoices):
        INVITED = "invited", _("Invited")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation withdrawn")
        INVITATION_ACCEPTED = "invitation_accepted", _("Invitation accepted, account created")
        ROLE = "role", _("Role changed")
        JOB_TITLE = "job_title", _("Job title changed")
        MANAGES_ACCOUNTS = "manages_accounts", _("Account management changed")
        DEACTIVATED = "deactivated", _("Deactivated")
        REACTIVATED = "reactivated", _("Reactivated")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        PASSWORD_RESET = "password_reset", _("Password reset by e-mail")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        User, verbose_name=_("who"), on_delete=models.PROTECT, related_name="account_changes_made"
    )
    # The organisation whose accounts these are: its account managers read the trail.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="account_changes"
    )
    target_user = models.ForeignKey(
        User,
        verbose_name=_("whose account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="account_changes",
    )
    # An invitation not yet accepted has an address but no account.
    target_email = models.EmailField(_("e-mail"), blank=True)
    change = models.CharField(_("change"), max_length=32, choices=Change.choices)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)

    class Meta:
        verbose_name = _("account change")
        verbose_name_plural = _("account changes")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]
        constraints = [
            models.CheckConstraint(
                name="account_change_has_target",
                condition=Q(target_user__isnull=False) | ~Q(target_email=""),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.change} {self.target_user or self.target_email}"

    @property
    def before_text(self) -> str:
        return _describe(self.before)

    @property
    def after_text(self) -> str:
        return _describe(self.after)


def _describe(values: dict[str, object]) -> str:
    """An audit value in words: a role by its name, a flag as yes or no, never a password."""
    roles = dict(Role.choices)
    words: dict[str, dict[object, object]] = {
        "is_active": {True: _("active"), False: _("deactivated")},
        "state": {"open": _("open"), "withdrawn": _("withdrawn")},
    }
    parts: list[str] = []
    for key, value in values.items():
        if key == "role":
            parts.append(str(roles.get(str(value), value)))
        elif key == "password":
            parts.append(str(_("new password")))
        elif key in words and value in words[key]:
            parts.append(str(words[key][value]))
        elif isinstance(value, bool):
            parts.append(str(_("manages accounts") if value else _("does not manage accounts")))
        else:
            parts.append(str(value) if value not in ("", None) else "–")
    return ", ".join(parts) or "–"
