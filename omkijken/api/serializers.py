"""What the API reads and writes.

Output serializers show what the web pages show a role (staff-only fields are null for an
applicant). Input serializers are strict: unknown fields, NUL characters, out-of-range numbers and
dates outside 2000–2100 answer 400 before any service runs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from omkijken.api.base import MAX_ID, StrictSerializer
from omkijken.letting.channels import Channel
from omkijken.letting.models import Advert, KeyHandover, Nomination, Offer, Round
from omkijken.letting.nominations.models import ExistingHomeReason, IncomeClass
from omkijken.letting.offers.models import DeclineReason, WithdrawReason
from omkijken.residents.models import TargetGroup

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
NEEDS = ("LIFT", "GROUND_FLOOR", "WHEELCHAIR")


def Id(**kwargs: Any) -> serializers.IntegerField:  # noqa: N802 - reads like a field class
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def Date(**kwargs: Any) -> serializers.DateField:  # noqa: N802
    return serializers.DateField(
        validators=[MinValueValidator(EARLIEST), MaxValueValidator(LATEST)],
        help_text=_("A date between 2000-01-01 and 2100-12-31 (YYYY-MM-DD)."),
        **kwargs,
    )


# --- shared output pieces ---------------------------------------------------------------------


class MeSerializer(serializers.Serializer[Any]):
    username = serializers.CharField()
    name = serializers.SerializerMethodField()
    role = serializers.CharField()
    organisation = serializers.SerializerMethodField()

    def get_name(self, user: Any) -> str:
        return str(user.get_full_name() or user.username)

    @extend_schema_field(OpenApiTypes.STR)
    def get_organisation(self, user: Any) -> str | None:
        org = user.organisation
        return org.name if org else None


class NamedSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()


class HouseholdRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    name = serializers.CharField()


class UnitSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    code = serializers.CharField()
    address = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    complex = NamedSerializer()
    rooms = serializers.IntegerField()
    floor_area = serializers.IntegerField(allow_null=True)
    net_rent = serializers.DecimalField(max_digits=8, decimal_places=2)


# --- adverts ----------------------------------------------------------------------------------


class AdvertSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Advert.Status.choices)
    unit = UnitSerializer()
    channels = serializers.ListField(child=serializers.ChoiceField(choices=Channel.choices))
    criteria = serializers.CharField(help_text=_("The published selection criteria, in plain Dutch."))
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    proposed_channels = serializers.SerializerMethodField(help_text=_("Staff only; null for applicants."))
    proposal_reason = serializers.SerializerMethodField(help_text=_("Staff only; null for applicants."))
    override_reason = serializers.SerializerMethodField(help_text=_("Staff only; null for applicants."))
    response_count = serializers.SerializerMethodField(help_text=_("Staff only; null for applicants."))
    responded = serializers.SerializerMethodField(
        help_text=_("Applicants: whether your household responded; null for staff.")
    )

    def _staff(self) -> bool:
        return bool(self.context.get("staff"))

    @extend_schema_field(serializers.ListField(child=serializers.CharField(), allow_null=True))
    def get_proposed_channels(self, advert: Advert) -> list[str] | None:
        return list(advert.proposed_channels) if self._staff() else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_proposal_reason(self, advert: Advert) -> str | None:
        return advert.proposal_reason if self._staff() else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_override_reason(self, advert: Advert) -> str | None:
        return advert.override_reason if self._staff() else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_response_count(self, advert: Advert) -> int | None:
        if not self._staff():
            return None
        count = getattr(advert, "response_count", None)
        return count if count is not None else advert.responses.filter(withdrawn=False).count()

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_responded(self, advert: Advert) -> bool | None:
        if self._staff():
            return None
        return bool(getattr(advert, "responded", False))


class AdvertCreateSerializer(StrictSerializer):
    unit = Id(help_text=_("The vacant home (id) of your corporation."))
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=Channel.choices), min_length=1, max_length=len(Channel.choices)
    )
    criteria = serializers.CharField(max_length=5000, help_text=_("The selection criteria to publish."))
    starts_on = Date()
    ends_on = Date()
    override_reason = serializers.CharField(
        max_length=300,
        allow_blank=True,
        default="",
        help_text=_("Required when the channels differ from the proposed ones."),
    )
    publish = serializers.BooleanField(default=False)


class AdvertFilterSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=Advert.Status.choices, required=False)
    complex = Id(required=False, help_text=_("Only adverts of homes in this complex (id)."))


# --- responses --------------------------------------------------------------------------------


class ResponseSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    advert = serializers.IntegerField(source="advert_id")
    unit = UnitSerializer(source="advert.unit")
    preference = serializers.IntegerField(help_text=_("1 is your most wanted home."))
    withdrawn = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class AdvertResponseSerializer(serializers.Serializer[Any]):
    """A responder as the letting officer sees them: what ranks them, never a target group."""

    id = serializers.IntegerField()
    household = HouseholdRefSerializer()
    preference = serializers.IntegerField()
    registration_date = serializers.DateField(allow_null=True)
    urgency = serializers.CharField(allow_null=True)
    urgency_until = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()


class ResponseCreateSerializer(StrictSerializer):
    advert = Id(help_text=_("The advert (id) you respond to."))
    preference = serializers.IntegerField(
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Where in your order of preference (1 = first)."),
    )


# --- nominations ------------------------------------------------------------------------------


class NominationSerializer(serializers.Serializer[Any]):
    """SPECIAL-CATEGORY DATA: every read is logged (AccessEvent)."""

    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Nomination.Status.choices)
    nominator = NamedSerializer()
    corporation = NamedSerializer()
    household = HouseholdRefSerializer()
    target_group = serializers.ChoiceField(choices=TargetGroup.choices)
    household_size = serializers.IntegerField()
    income_class = serializers.ChoiceField(choices=IncomeClass.choices)
    pension_age = serializers.BooleanField()
    needs = serializers.ListField(child=serializers.CharField())
    complexes = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Acceptable complexes (ids), most preferred first.")
    )
    nominated_on = serializers.DateField()
    support_until = serializers.DateField(allow_null=True)
    consent_reference = serializers.CharField()
    created_at = serializers.DateTimeField()


class NominationCreateSerializer(StrictSerializer):
    household = Id(help_text=_("Your client's household (id)."))
    target_group = serializers.ChoiceField(choices=TargetGroup.choices)
    household_size = serializers.IntegerField(min_value=1, max_value=12)
    income_class = serializers.ChoiceField(choices=IncomeClass.choices)
    pension_age = serializers.BooleanField(default=False)
    needs = serializers.ListField(
        child=serializers.ChoiceField(choices=[(n, n) for n in NEEDS]), max_length=len(NEEDS), default=list
    )
    complexes = serializers.ListField(child=Id(), min_length=1, max_length=50)
    nominated_on = Date()
    support_until = Date(required=False, allow_null=True, default=None)
    consent_reference = serializers.CharField(
        max_length=60,
        help_text=_("The reference of the consent you hold (3 to 60 letters, digits, . / _ -)."),
    )
    existing_home_reason = serializers.ChoiceField(
        choices=[("", ""), *ExistingHomeReason.choices],
        required=False,
        default="",
        help_text=_("Needed for a client who already has a home (a current lease): why you nominate anyway."),
    )


class NominationFilterSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=Nomination.Status.choices, required=False)


def DateTime(**kwargs: Any) -> serializers.DateTimeField:  # noqa: N802
    return serializers.DateTimeField(
        validators=[
            MinValueValidator(dt.datetime(2000, 1, 1, tzinfo=dt.UTC)),
            MaxValueValidator(dt.datetime(2100, 12, 31, tzinfo=dt.UTC)),
        ],
        help_text=_("An ISO 8601 date and time between 2000 and 2100; without a zone: Dutch time."),
        **kwargs,
    )


# --- offers -----------------------------------------------------------------------------------


class OfferEventSerializer(serializers.Serializer[Any]):
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    reason_code = serializers.CharField()
    at = serializers.DateTimeField()


class LeaseRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    start_date = serializers.DateField()


class KeyHandoverSerializer(serializers.Serializer[Any]):
    at = serializers.DateTimeField()
    place = serializers.CharField()
    done = serializers.BooleanField()


class OfferSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Offer.Status.choices)
    vera_status = serializers.SerializerMethodField(
        help_text=_("VERA AANBIEDINGSTATUS (AAN, TOE, GEW, ING).")
    )
    unit = UnitSerializer()
    household = HouseholdRefSerializer()
    advert = serializers.IntegerField(source="advert_id", allow_null=True)
    allocation = serializers.IntegerField(source="allocation_id", allow_null=True)
    reason_code = serializers.CharField(
        help_text=_("VERA AANBIEDINGDETAILSTATUS when declined or withdrawn.")
    )
    respond_by = serializers.DateField()
    viewing_at = serializers.DateTimeField(allow_null=True)
    lease = serializers.SerializerMethodField()
    key_handover = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    decided_at = serializers.DateTimeField(allow_null=True)

    def get_vera_status(self, offer: Offer) -> str:
        return Offer.VERA_STATUS[offer.status]

    @extend_schema_field(LeaseRefSerializer(allow_null=True))
    def get_lease(self, offer: Offer) -> dict[str, Any] | None:
        lease = offer.lease
        if lease is None:
            return None
        return {"id": lease.pk, "start_date": lease.start_date}

    @extend_schema_field(KeyHandoverSerializer(allow_null=True))
    def get_key_handover(self, offer: Offer) -> dict[str, Any] | None:
        try:
            handover = offer.key_handover  # select_related by the views
        except KeyHandover.DoesNotExist:
            return None
        return dict(KeyHandoverSerializer(handover).data)


class OfferDetailSerializer(OfferSerializer):
    events = OfferEventSerializer(many=True)


class OfferFilterSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=Offer.Status.choices, required=False)
    complex = Id(required=False, help_text=_("Only offers of homes in this complex (id)."))


class OfferCreateSerializer(StrictSerializer):
    unit = Id()
    household = Id()
    respond_by = Date()
    allocation = Id(required=False, allow_null=True, default=None, help_text=_("From an accepted round."))
    advert = Id(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("By hand: the advert the household responded to."),
    )


class OfferViewingSerializer(StrictSerializer):
    at = DateTime()


class OfferAcceptSerializer(StrictSerializer):
    start_date = Date()
    key_handover_at = DateTime()
    lease_type = serializers.ChoiceField(
        choices=[(c, c) for c in ("regular", "omklap", "driehoek")],
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Default: omklap for a care partner's nominee, otherwise regular."),
    )
    care_partner = Id(
        required=False, allow_null=True, default=None, help_text=_("Care partner (organisation id).")
    )
    flip_date = Date(required=False, allow_null=True, default=None)
    key_handover_with = Id(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Colleague (user id); default the building manager."),
    )
    warning_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Needed for a key handover before the lease starts: why the officer goes ahead."),
    )


class OfferDeclineSerializer(StrictSerializer):
    reason_code = serializers.ChoiceField(choices=DeclineReason.choices)


class OfferWithdrawSerializer(StrictSerializer):
    reason_code = serializers.ChoiceField(choices=WithdrawReason.choices)


# --- allocations and rounds -----------------------------------------------------------------------


class AllocationSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    round = serializers.IntegerField(source="round_id")
    advert = serializers.IntegerField(source="advert_id")
    unit = UnitSerializer()
    household = HouseholdRefSerializer()
    channel = serializers.ChoiceField(choices=Channel.choices)
    passendheid = serializers.CharField(help_text=_("VERA PASSENDHEIDSSOORT: PAS, NIE or NVT."))
    justification = serializers.CharField()
    created_at = serializers.DateTimeField()


class AllocationFilterSerializer(StrictSerializer):
    round = Id(required=False)
    complex = Id(required=False)


class RoundSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    round_date = serializers.DateField()
    method = serializers.CharField()
    status = serializers.ChoiceField(choices=Round.Status.choices)
    changed = serializers.BooleanField()
    change_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    accepted_at = serializers.DateTimeField(allow_null=True)


class PassedOverSerializer(serializers.Serializer[Any]):
    household = HouseholdRefSerializer(allow_null=True)
    reason = serializers.CharField()
    code = serializers.CharField()


class RoundRowSerializer(serializers.Serializer[Any]):
    unit = UnitSerializer()
    advert = serializers.IntegerField(source="advert_id", allow_null=True)
    household = HouseholdRefSerializer(allow_null=True)
    channel = serializers.CharField(help_text=_("Empty when the home stays unassigned."))
    passendheid = serializers.CharField()
    justification = serializers.CharField(allow_null=True)
    unassigned_reason = serializers.CharField()
    passed_over = PassedOverSerializer(many=True)
    allocation = serializers.IntegerField(source="allocation_id", allow_null=True)


class MixEffectSerializer(serializers.Serializer[Any]):
    complex_name = serializers.CharField()
    target = serializers.FloatField()
    tolerance = serializers.FloatField()
    homes = serializers.IntegerField()
    occupied = serializers.IntegerField()
    vacancies = serializers.IntegerField()
    vulnerable_before = serializers.IntegerField()
    placed = serializers.IntegerField()
    vulnerable_after = serializers.IntegerField()
    households_after = serializers.IntegerField()
    in_band = serializers.BooleanField()


class QuotaRowSerializer(serializers.Serializer[Any]):
    target_group = serializers.CharField()
    required_year = serializers.IntegerField()
    realised_year = serializers.IntegerField()
    round_min = serializers.IntegerField()
    placed = serializers.IntegerField()
    remaining_after = serializers.IntegerField()


class RoundProposalSerializer(serializers.Serializer[Any]):
    """The round page: per home the proposed household (or why none) and who was passed over and
    why; the effect on each mixed complex and on the quota."""

    round = RoundSerializer()
    rows = RoundRowSerializer(many=True)
    mix = MixEffectSerializer(many=True)
    quotas = QuotaRowSerializer(many=True)
    filled = serializers.IntegerField()
