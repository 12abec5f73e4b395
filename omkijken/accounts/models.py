"""Organisations, users, their roles, and the audit trail of reads of special-category data."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any, ClassVar, TypeVar

from django.contrib.auth.models import AbstractUser
from django.db import connections, models, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omkijken.accounts import chain


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
    "community_care_propose": _("Proposing a buddy for a client"),
}


_Event = TypeVar("_Event", bound="ChainedEvent")


class ChainedManager(models.Manager[_Event]):
    """Inserts events at the head of their table's hash chain (see ``omkijken.accounts.chain``).

    Lock order: on PostgreSQL a writer takes ``pg_advisory_xact_lock(<table key>)`` (one key per
    chained table, see ``ChainedEvent.chain_lock_key``) before it reads the chain head, and holds it
    until its transaction ends; nothing else takes that lock, so two writers never both extend the
    same head. SQLite serialises writers itself. The unique ``seq`` is the backstop.

    No savepoint of its own (``savepoint=False``): an event that cannot be written fails the
    transaction that read the data, so no read goes unlogged; and a page that logs its reads pays
    one query for the chain head, not a savepoint and its release as well.
    """

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:  # type: ignore[override]
        objs = list(objs)
        if not objs:
            return objs
        using = kwargs.get("using") or router.db_for_write(self.model)
        with transaction.atomic(using=using, savepoint=False):
            self.model.chain(objs, using=using)
            return super().bulk_create(objs, *args, **kwargs)


class ChainedEvent(models.Model):
    """An append-only, hash-chained audit row. Rows are only ever inserted; on PostgreSQL a trigger
    refuses UPDATE and DELETE (migration ``0007``; the sanctioned purge is in ``omkijken.accounts.audit``)."""

    CHAIN_FIELDS: ClassVar[tuple[str, ...]] = ()

    at = models.DateTimeField(_("at"), default=timezone.now, editable=False, db_index=True)
    seq = models.PositiveBigIntegerField(_("position in the chain"), unique=True, editable=False)
    prev_digest = models.CharField(_("previous digest"), max_length=64, editable=False)
    digest = models.CharField(_("digest"), max_length=64, editable=False)

    objects = ChainedManager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Audit events are append-only.")
        using = kwargs.get("using") or router.db_for_write(type(self))
        with transaction.atomic(using=using, savepoint=False):
            type(self).chain([self], using=using)
            super().save(*args, **kwargs)

    @classmethod
    def chain_lock_key(cls) -> int:
        return zlib.crc32(cls._meta.db_table.encode())

    @classmethod
    def chain(cls, objs: list[Any], *, using: str) -> None:
        """Give ``objs`` the next positions and digests. Call inside a transaction, then insert."""
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [cls.chain_lock_key()])
        head = cls._default_manager.using(using).order_by("-seq").values_list("seq", "digest").first()
        seq, prev = head if head else (0, chain.GENESIS)
        now = timezone.now()
        for obj in objs:
            seq += 1
            obj.seq = seq
            obj.at = obj.at or now
            obj.prev_digest = prev
            obj.digest = chain.digest(prev, chain.content_of(obj, cls.CHAIN_FIELDS))
            prev = obj.digest


class AccessEvent(ChainedEvent):
    """One read of special-category data: who, when, whose record, which view, and why.

    Written by the selectors that read such data, never by templates. Append-only and
    hash-chained (``ChainedEvent``).
    """

    CHAIN_FIELDS = chain.ACCESS_FIELDS

    class Purpose(models.TextChoices):
        LETTING = "letting", _("Letting and allocation")
        CARE_COORDINATION = "care_coordination", _("Coordinating support for own clients")
        PROJECT_MIX = "project_mix", _("Steering a project's mix")
        TENANCY_MANAGEMENT = "tenancy_management", _("Tenancy management")
        AUDIT = "audit", _("Privacy audit")
        EXPORT = "export", _("Export to a corporation system")

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
        ordering = ["-seq"]
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


class WriteEvent(ChainedEvent):
    """One write of special-category data (a target-group status, a nomination, a care-partner
    contact): who, when, whose record, and the fields before and after. Its own hash chain.

    Written by the services that make such writes (``omkijken.accounts.audit.record_write``), never
    by save() signals. ``before``/``after`` hold the record's own fields, never care content.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")

    CHAIN_FIELDS = chain.WRITE_FIELDS

    actor = models.ForeignKey(
        User, verbose_name=_("who"), on_delete=models.PROTECT, related_name="write_events"
    )
    actor_role = models.CharField(_("role"), max_length=32, blank=True)
    household = models.ForeignKey(
        "residents.Household",
        verbose_name=_("whose record"),
        on_delete=models.PROTECT,
        related_name="write_events",
    )
    corporation = models.ForeignKey(
        Organisation, verbose_name=_("corporation"), on_delete=models.PROTECT, related_name="write_events"
    )
    record = models.CharField(_("record"), max_length=60)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        verbose_name = _("write event")
        verbose_name_plural = _("write events")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["corporation", "-at"]), models.Index(fields=["household", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.record}"

    # Records whose values the access log does not show: a care-partner contact is read only by the
    # building managers of the household's complex while consent holds (residents.selectors
    # care_partner_contacts_for); the log names the fields that changed, and the values stay in
    # the chain for ``omkijken audit`` and an art. 15 export.
    VALUES_HIDDEN = ("carepartnercontact:",)

    @property
    def shows_values(self) -> bool:
        return not self.record.startswith(self.VALUES_HIDDEN)
