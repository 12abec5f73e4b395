"""The REST API, version 1: thin views over the letting selectors and services.

Scoping is the web pages' scoping: records come from the same selectors (another organisation's
record answers 404), roles from ``omkijken.accounts.policy.can`` (a role that may not use an
endpoint answers 403). Writes go through the same services, whose ``ValidationError`` answers 400
and a transition not allowed from the current status 409.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from omkijken.accounts.policy import can
from omkijken.accounts.selectors import care_partners, colleagues_of
from omkijken.api import serializers as s
from omkijken.api.base import ApiView, ApiViewSet, api_language, validate_params
from omkijken.api.contact_moments import ContactMomentViewSet
from omkijken.api.exceptions import Conflict, error_body
from omkijken.api.permissions import HasRole
from omkijken.api.signals import SignalViewSet
from omkijken.letting.adverts import selectors as advert_selectors
from omkijken.letting.adverts import services as advert_services
from omkijken.letting.models import Advert, Allocation, Nomination, Offer, Round
from omkijken.letting.nominations import selectors as nomination_selectors
from omkijken.letting.nominations import services as nomination_services
from omkijken.letting.offers import selectors as offer_selectors
from omkijken.letting.offers import services as offer_services
from omkijken.letting.rounds import selectors as round_selectors
from omkijken.residents.selectors import households_for

T = TypeVar("T")

STAFF_ADVERTS = ("view_letting", "manage_adverts")


def transition(call: Callable[[], T]) -> T:
    """Run a status transition. The service refusing a field's value is a 400; refusing the
    transition itself (not possible from the current status, or the home is taken) a 409."""
    try:
        return call()
    except DjangoValidationError as exc:
        fields = set(getattr(exc, "error_dict", {})) - {NON_FIELD_ERRORS}
        if fields:
            raise
        raise Conflict.from_validation_error(exc) from exc


def not_in_scope(field: str, message: str) -> ValidationError:
    """A body refers to a record the actor cannot see: the same answer as for one that does not
    exist, so nothing about other organisations leaks."""
    return ValidationError({field: [message]})


class MeView(ApiView):
    """Who the token belongs to: name, role and organisation."""

    permission_classes = [HasRole]

    @extend_schema(responses=s.MeSerializer, tags=["account"], summary=_("Who am I"))
    def get(self, request: Request) -> Response:
        return Response(s.MeSerializer(self.actor).data)


me = MeView.as_view()


@csrf_exempt  # answers every method with a JSON 404 and writes nothing, so no CSRF check is needed
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other address under /api/: a JSON 404, not the web's HTML page."""
    with translation.override(api_language(request)):
        body = error_body(_("There is no API endpoint at this address."), "not_found")
    return JsonResponse(body, status=404)


# --- adverts ----------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_("Adverts"),
        description=_(
            "Staff: the corporation's adverts. Applicants and residents: published adverts of their "
            "corporation open for responses, and those they responded to."
        ),
        parameters=[s.AdvertFilterSerializer],
    ),
    retrieve=extend_schema(summary=_("One advert")),
)
class AdvertViewSet(ApiViewSet):
    serializer_class = s.AdvertSerializer
    queryset = Advert.objects.none()
    capabilities = {
        "list": (*STAFF_ADVERTS, "apply_for_homes"),
        "retrieve": (*STAFF_ADVERTS, "apply_for_homes"),
        "create": ("manage_adverts",),
        "publish": ("manage_adverts",),
        "close": ("manage_adverts",),
        "withdraw": ("manage_adverts",),
        "responses": STAFF_ADVERTS,
    }

    def _staff(self) -> bool:
        return any(can(self.actor, c) for c in STAFF_ADVERTS)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "staff": self._staff()}

    def _out(self, advert: Advert, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(advert).data, status=code)

    def _advert(self, pk: int) -> Advert:
        if self._staff():
            return advert_selectors.advert_detail(self.actor, pk)
        return advert_selectors.applicant_advert(self.actor, pk)

    def list(self, request: Request) -> Response:
        params = validate_params(s.AdvertFilterSerializer, request)
        if self._staff():
            statuses = (params["status"],) if "status" in params else tuple(Advert.Status.values)
            adverts = advert_selectors.advert_list(self.actor, statuses=statuses)
        else:
            adverts = advert_selectors.open_adverts_for_applicant(self.actor)
            if "status" in params:
                adverts = adverts.filter(status=params["status"])
        if "complex" in params:
            adverts = adverts.filter(unit__complex_id=params["complex"])
        page = self.paginate_queryset(adverts.order_by("ends_on", "pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        return self._out(self._advert(pk))

    @extend_schema(
        summary=_("Create an advert for a vacant home"),
        request=s.AdvertCreateSerializer,
        responses={201: s.AdvertSerializer},
    )
    def create(self, request: Request) -> Response:
        data = self.body(s.AdvertCreateSerializer)
        try:
            unit = advert_selectors.unit_for_advert(self.actor, data.pop("unit"))
        except Http404 as exc:  # another corporation's home, or none
            raise not_in_scope("unit", _("There is no such home in your corporation.")) from exc
        advert = advert_services.advert_create(actor=self.actor, unit=unit, **data)
        return self._out(advert_selectors.advert_detail(self.actor, advert.pk), status.HTTP_201_CREATED)

    def _transition(self, pk: int, service: Callable[..., Any]) -> Response:
        advert = advert_selectors.advert_detail(self.actor, pk)
        transition(lambda: service(actor=self.actor, advert=advert))
        return self._out(advert_selectors.advert_detail(self.actor, pk))

    @extend_schema(summary=_("Publish a draft advert"), request=None, responses=s.AdvertSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request: Request, pk: int) -> Response:
        return self._transition(pk, advert_services.advert_publish)

    @extend_schema(
        summary=_("Close a published advert for responses"), request=None, responses=s.AdvertSerializer
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: int) -> Response:
        return self._transition(pk, advert_services.advert_close)

    @extend_schema(summary=_("Withdraw an open advert"), request=None, responses=s.AdvertSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: int) -> Response:
        return self._transition(pk, advert_services.advert_withdraw)

    @extend_schema(
        summary=_("Who responded to an advert"),
        description=_("With what ranks them (registration date, urgency); never a target group."),
        responses=s.AdvertResponseSerializer(many=True),
    )
    @action(detail=True, methods=["get"])
    def responses(self, request: Request, pk: int) -> Response:
        advert = advert_selectors.advert_detail(self.actor, pk)
        page = self.paginate_queryset(advert_selectors.advert_responses(advert))
        return self.get_paginated_response(s.AdvertResponseSerializer(page, many=True).data)


# --- responses --------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary=_("Your household's responses, most wanted first")),
    retrieve=extend_schema(summary=_("One of your responses")),
)
class ResponseViewSet(ApiViewSet):
    serializer_class = s.ResponseSerializer
    queryset = Advert.objects.none()
    capabilities = {
        "list": ("apply_for_homes",),
        "retrieve": ("apply_for_homes",),
        "create": ("apply_for_homes",),
        "withdraw": ("apply_for_homes",),
    }

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(advert_selectors.own_responses(self.actor))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(advert_selectors.own_response(self.actor, pk)).data)

    @extend_schema(
        summary=_("Respond to an advert"),
        request=s.ResponseCreateSerializer,
        responses={201: s.ResponseSerializer},
    )
    def create(self, request: Request) -> Response:
        data = self.body(s.ResponseCreateSerializer)
        household = advert_selectors.applicant_household(self.actor)
        if household is None:
            raise PermissionDenied(_("Your account is not linked to a household."))
        try:
            advert = advert_selectors.applicant_advert(self.actor, data["advert"])
        except Http404 as exc:
            raise not_in_scope("advert", _("There is no such advert open to you.")) from exc
        response = advert_services.response_create(
            actor=self.actor, advert=advert, household=household, preference=data.get("preference")
        )
        return Response(
            self.get_serializer(advert_selectors.own_response(self.actor, response.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(summary=_("Withdraw a response"), request=None, responses=s.ResponseSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: int) -> Response:
        response = advert_selectors.own_response(self.actor, pk)
        transition(lambda: advert_services.response_withdraw(actor=self.actor, response=response))
        return Response(self.get_serializer(advert_selectors.own_response(self.actor, pk)).data)


# --- nominations ------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(
        summary=_("Nominations"),
        description=_(
            "Care coordinator: your organisation's nominations. Letting officer and project leader: "
            "those made to your corporation. Special-category data: every nomination returned is "
            "logged as a read."
        ),
        parameters=[s.NominationFilterSerializer],
    ),
    retrieve=extend_schema(summary=_("One nomination (logged as a read)")),
)
class NominationViewSet(ApiViewSet):
    serializer_class = s.NominationSerializer
    queryset = Nomination.objects.none()
    capabilities = {
        "list": ("view_nominations",),
        "retrieve": ("view_nominations",),
        "create": ("nominate",),
        "withdraw": ("nominate",),
    }

    def list(self, request: Request) -> Response:
        params = validate_params(s.NominationFilterSerializer, request)
        nominations = nomination_selectors.nomination_list(self.actor, status=params.get("status", ""))
        page = self.paginate_queryset(nominations)
        shown = nomination_selectors.nomination_page(self.actor, page or [], view="api_nomination_list")
        return self.get_paginated_response(self.get_serializer(shown, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        nomination = nomination_selectors.nomination_detail(self.actor, pk, view="api_nomination_detail")
        return Response(self.get_serializer(nomination).data)

    @extend_schema(
        summary=_("Nominate a client"),
        description=_(
            "Only what letting needs; never care content. The nomination goes to the corporation "
            "that knows the household."
        ),
        request=s.NominationCreateSerializer,
        responses={201: s.NominationSerializer},
    )
    def create(self, request: Request) -> Response:
        data = self.body(s.NominationCreateSerializer)
        household = (
            households_for(self.actor).select_related("corporation").filter(pk=data.pop("household")).first()
        )
        if household is None:
            raise not_in_scope("household", _("There is no such client of your organisation."))
        nomination = nomination_services.nomination_create(
            actor=self.actor, household=household, corporation=household.corporation, **data
        )
        shown = nomination_selectors.nomination_detail(
            self.actor, nomination.pk, view="api_nomination_create"
        )
        return Response(self.get_serializer(shown).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Withdraw an open nomination"), request=None, responses=s.NominationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: int) -> Response:
        nomination = nomination_selectors.nominations_for(self.actor).filter(pk=pk).first()
        if nomination is None:
            raise Http404
        transition(lambda: nomination_services.nomination_withdraw(actor=self.actor, nomination=nomination))
        shown = nomination_selectors.nomination_detail(self.actor, pk, view="api_nomination_withdraw")
        return Response(self.get_serializer(shown).data)


# --- offers -----------------------------------------------------------------------------------

OFFER_RELATED = ("unit", "unit__complex", "household", "lease", "key_handover")


@extend_schema_view(
    list=extend_schema(
        summary=_("Offers"),
        description=_(
            "Letting officer and project leader: the corporation's offers. Residents and applicants: "
            "the offers made to their own household."
        ),
        parameters=[s.OfferFilterSerializer],
    ),
    retrieve=extend_schema(summary=_("One offer, with its history")),
)
class OfferViewSet(ApiViewSet):
    serializer_class = s.OfferSerializer
    queryset = Offer.objects.none()
    capabilities = {
        "list": ("view_letting", "apply_for_homes"),
        "retrieve": ("view_letting", "apply_for_homes"),
        "create": ("manage_offers",),
        "viewing": ("manage_offers",),
        "accept": ("manage_offers",),
        "decline": ("manage_offers",),
        "no_response": ("manage_offers",),
        "withdraw": ("manage_offers",),
    }

    def _offers(self) -> QuerySet[Offer]:
        return offer_selectors.offers_visible_to(self.actor)

    def _offer(self, pk: int) -> Offer:
        found = self._offers().select_related(*OFFER_RELATED).prefetch_related("events").filter(pk=pk).first()
        if found is None:
            raise Http404
        return found

    def _out(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        return Response(s.OfferDetailSerializer(self._offer(pk)).data, status=code)

    def list(self, request: Request) -> Response:
        params = validate_params(s.OfferFilterSerializer, request)
        offers = self._offers().select_related(*OFFER_RELATED)
        if "status" in params:
            offers = offers.filter(status=params["status"])
        if "complex" in params:
            offers = offers.filter(unit__complex_id=params["complex"])
        page = self.paginate_queryset(offers.order_by("-created_at", "-pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses=s.OfferDetailSerializer)
    def retrieve(self, request: Request, pk: int) -> Response:
        return self._out(pk)

    @extend_schema(
        summary=_("Offer a home to a household"),
        description=_(
            "From an accepted round's allocation, or by hand to a household that responded to the "
            "home's advert. One live offer per home: a second officer offering the same home at the "
            "same moment gets a 400 or 409 with the reason."
        ),
        request=s.OfferCreateSerializer,
        responses={201: s.OfferDetailSerializer},
    )
    def create(self, request: Request) -> Response:
        data = self.body(s.OfferCreateSerializer)
        user = self.actor
        try:
            unit = advert_selectors.unit_for_advert(user, data["unit"])
        except Http404 as exc:
            raise not_in_scope("unit", _("There is no such home in your corporation.")) from exc
        household = households_for(user).filter(pk=data["household"]).first()
        if household is None:
            raise not_in_scope("household", _("There is no such household in your corporation."))
        allocation = None
        if data["allocation"] is not None:
            allocation = (
                round_selectors.allocations_for(user)
                .filter(pk=data["allocation"])
                .select_related("advert")
                .first()
            )
            if allocation is None:
                raise not_in_scope("allocation", _("There is no such allocation in your corporation."))
        advert = None
        if data["advert"] is not None:
            try:
                advert = advert_selectors.advert_detail(user, data["advert"])
            except Http404 as exc:
                raise not_in_scope("advert", _("There is no such advert in your corporation.")) from exc
        offer = offer_services.offer_make(
            actor=user,
            unit=unit,
            household=household,
            respond_by=data["respond_by"],
            allocation=allocation,
            advert=advert,
        )
        return self._out(offer.pk, status.HTTP_201_CREATED)

    def _transition(self, pk: int, service: Callable[..., Any], **kwargs: Any) -> Response:
        offer = self._offer(pk)
        transition(lambda: service(actor=self.actor, offer=offer, **kwargs))
        return self._out(pk)

    @extend_schema(
        summary=_("Plan (or move) the viewing"),
        request=s.OfferViewingSerializer,
        responses=s.OfferDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def viewing(self, request: Request, pk: int) -> Response:
        data = self.body(s.OfferViewingSerializer)
        return self._transition(pk, offer_services.offer_plan_viewing, at=data["at"])

    @extend_schema(
        summary=_("The household accepts: lease and key handover"),
        request=s.OfferAcceptSerializer,
        responses=s.OfferDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: int) -> Response:
        data = self.body(s.OfferAcceptSerializer)
        if data["care_partner"] is not None:
            partner = care_partners().filter(pk=data["care_partner"]).first()
            if partner is None:
                raise ValidationError({"care_partner": [_("There is no such care partner.")]})
            data["care_partner"] = partner
        if data["key_handover_with"] is not None:
            colleague = colleagues_of(self.actor).filter(pk=data["key_handover_with"]).first()
            if colleague is None:
                raise ValidationError(
                    {"key_handover_with": [_("There is no such colleague in your corporation.")]}
                )
            data["key_handover_with"] = colleague
        return self._transition(pk, offer_services.offer_accept, **data)

    @extend_schema(
        summary=_("The household declines (VERA reason)"),
        request=s.OfferDeclineSerializer,
        responses=s.OfferDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: int) -> Response:
        data = self.body(s.OfferDeclineSerializer)
        return self._transition(pk, offer_services.offer_decline, reason_code=data["reason_code"])

    @extend_schema(
        summary=_("No response before the deadline"), request=None, responses=s.OfferDetailSerializer
    )
    @action(detail=True, methods=["post"], url_path="no-response")
    def no_response(self, request: Request, pk: int) -> Response:
        return self._transition(pk, offer_services.offer_no_response)

    @extend_schema(
        summary=_("Withdraw the offer (VERA reason)"),
        request=s.OfferWithdrawSerializer,
        responses=s.OfferDetailSerializer,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: int) -> Response:
        data = self.body(s.OfferWithdrawSerializer)
        return self._transition(pk, offer_services.offer_withdraw, reason_code=data["reason_code"])


# --- allocations and rounds -----------------------------------------------------------------------


def _log_direct_reads(actor: Any, allocations: list[Allocation], *, view: str) -> None:
    """A DIRECT allocation says the household was nominated: special category, logged like the
    round page logs the nominees it shows."""
    round_selectors.log_nominee_reads(  # noqa: SLF001 - the web pages' own logging rule
        actor, [a.household for a in allocations if a.channel == "DIRECT"], view=view
    )


@extend_schema_view(
    list=extend_schema(
        summary=_("Allocations (accepted assignments)"),
        description=_(
            "Direct-mediation allocations reveal a nomination: each one returned is logged as a read."
        ),
        parameters=[s.AllocationFilterSerializer],
    ),
    retrieve=extend_schema(summary=_("One allocation")),
)
class AllocationViewSet(ApiViewSet):
    serializer_class = s.AllocationSerializer
    queryset = Allocation.objects.none()
    capabilities = {"list": ("view_letting",), "retrieve": ("view_letting",)}

    def _allocations(self) -> Any:
        return round_selectors.allocations_for(self.actor).select_related(
            "unit", "unit__complex", "household"
        )

    def list(self, request: Request) -> Response:
        params = validate_params(s.AllocationFilterSerializer, request)
        allocations = self._allocations()
        if "round" in params:
            allocations = allocations.filter(round_id=params["round"])
        if "complex" in params:
            allocations = allocations.filter(unit__complex_id=params["complex"])
        page = list(self.paginate_queryset(allocations.order_by("-round_id", "unit_id", "pk")) or [])
        _log_direct_reads(self.actor, page, view="api_allocation_list")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        allocation = self._allocations().filter(pk=pk).first()
        if allocation is None:
            raise Http404
        _log_direct_reads(self.actor, [allocation], view="api_allocation_detail")
        return Response(self.get_serializer(allocation).data)


@extend_schema_view(
    list=extend_schema(summary=_("Allocation rounds")),
    retrieve=extend_schema(summary=_("One round")),
)
class RoundViewSet(ApiViewSet):
    serializer_class = s.RoundSerializer
    queryset = Round.objects.none()
    capabilities = {"list": ("view_letting",), "retrieve": ("view_letting",), "proposal": ("view_letting",)}

    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(round_selectors.rounds_for(self.actor).order_by("-created_at", "-pk"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(round_selectors.round_detail(self.actor, pk)).data)

    @extend_schema(
        summary=_("The round's proposal with its explanations"),
        description=_(
            "Per home the proposed household (or why none), every household passed over and why, "
            "the effect on each mixed complex and on the quota. Nominees shown are logged as reads."
        ),
        responses=s.RoundProposalSerializer,
    )
    @action(detail=True, methods=["get"])
    def proposal(self, request: Request, pk: int) -> Response:
        rnd = round_selectors.round_detail(self.actor, pk)
        shown = round_selectors.round_view(self.actor, rnd, view="api_round_proposal")
        allocated = round_selectors.allocation_ids_by_unit(rnd)
        for row in shown.rows:
            row.allocation_id = allocated.get(row.unit.pk)
        return Response(s.RoundProposalSerializer(shown).data)


def register(router: SimpleRouter) -> None:
    router.register("adverts", AdvertViewSet, basename="api-advert")
    router.register("responses", ResponseViewSet, basename="api-response")
    router.register("nominations", NominationViewSet, basename="api-nomination")
    router.register("offers", OfferViewSet, basename="api-offer")
    router.register("allocations", AllocationViewSet, basename="api-allocation")
    router.register("rounds", RoundViewSet, basename="api-round")
    router.register("signals", SignalViewSet, basename="api-signal")
    router.register("contact-moments", ContactMomentViewSet, basename="api-contact-moment")
