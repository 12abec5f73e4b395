"""The REST API, version 1: thin views over the letting selectors and services.

Scoping is the web pages' scoping: records come from the same selectors (another organisation's
record answers 404), roles from ``omkijken.accounts.policy.can`` (a role that may not use an
endpoint answers 403). Writes go through the same services, whose ``ValidationError`` answers 400
and a transition not allowed from the current status 409.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from omkijken.accounts.policy import can
from omkijken.api import serializers as s
from omkijken.api.base import ApiView, ApiViewSet, api_language, validate_params
from omkijken.api.exceptions import Conflict, error_body
from omkijken.api.permissions import HasRole
from omkijken.letting.models import Advert, Nomination
from omkijken.letting.selectors import adverts as advert_selectors
from omkijken.letting.selectors import nominations as nomination_selectors
from omkijken.letting.services import adverts as advert_services
from omkijken.letting.services import nominations as nomination_services
from omkijken.residents.selectors import households_for

T = TypeVar("T")

STAFF_ADVERTS = ("view_letting", "manage_adverts")


def transition(call: Callable[[], T]) -> T:
    """Run a status transition; a refusal by the service is a 409 (not possible from this status)."""
    try:
        return call()
    except DjangoValidationError as exc:
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
        return Response(s.MeSerializer(request.user).data)


me = MeView.as_view()


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
        return any(can(self.request.user, c) for c in STAFF_ADVERTS)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "staff": self._staff()}

    def _out(self, advert: Advert, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(advert).data, status=code)

    def _advert(self, pk: int) -> Advert:
        if self._staff():
            return advert_selectors.advert_detail(self.request.user, pk)
        return advert_selectors.applicant_advert(self.request.user, pk)

    def list(self, request: Request) -> Response:
        params = validate_params(s.AdvertFilterSerializer, request)
        if self._staff():
            statuses = (params["status"],) if "status" in params else tuple(Advert.Status.values)
            adverts = advert_selectors.advert_list(request.user, statuses=statuses)
        else:
            adverts = advert_selectors.open_adverts_for_applicant(request.user)
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
            unit = advert_selectors.unit_for_advert(request.user, data.pop("unit"))
        except Http404 as exc:  # another corporation's home, or none
            raise not_in_scope("unit", _("There is no such home in your corporation.")) from exc
        advert = advert_services.advert_create(actor=request.user, unit=unit, **data)
        return self._out(advert_selectors.advert_detail(request.user, advert.pk), status.HTTP_201_CREATED)

    def _transition(self, pk: int, service: Callable[..., Any]) -> Response:
        advert = advert_selectors.advert_detail(self.request.user, pk)
        transition(lambda: service(actor=self.request.user, advert=advert))
        return self._out(advert_selectors.advert_detail(self.request.user, pk))

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
        advert = advert_selectors.advert_detail(request.user, pk)
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
        page = self.paginate_queryset(advert_selectors.own_responses(request.user))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(advert_selectors.own_response(request.user, pk)).data)

    @extend_schema(
        summary=_("Respond to an advert"),
        request=s.ResponseCreateSerializer,
        responses={201: s.ResponseSerializer},
    )
    def create(self, request: Request) -> Response:
        data = self.body(s.ResponseCreateSerializer)
        household = advert_selectors.applicant_household(request.user)
        if household is None:
            raise PermissionDenied(_("Your account is not linked to a household."))
        try:
            advert = advert_selectors.applicant_advert(request.user, data["advert"])
        except Http404 as exc:
            raise not_in_scope("advert", _("There is no such advert open to you.")) from exc
        response = advert_services.response_create(
            actor=request.user, advert=advert, household=household, preference=data.get("preference")
        )
        return Response(
            self.get_serializer(advert_selectors.own_response(request.user, response.pk)).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(summary=_("Withdraw a response"), request=None, responses=s.ResponseSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: int) -> Response:
        response = advert_selectors.own_response(request.user, pk)
        transition(lambda: advert_services.response_withdraw(actor=request.user, response=response))
        return Response(self.get_serializer(advert_selectors.own_response(request.user, pk)).data)


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
        nominations = nomination_selectors.nomination_list(request.user, status=params.get("status", ""))
        page = self.paginate_queryset(nominations)
        shown = nomination_selectors.nomination_page(request.user, page or [], view="api_nomination_list")
        return self.get_paginated_response(self.get_serializer(shown, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        nomination = nomination_selectors.nomination_detail(request.user, pk, view="api_nomination_detail")
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
            households_for(request.user)
            .select_related("corporation")
            .filter(pk=data.pop("household"))
            .first()
        )
        if household is None:
            raise not_in_scope("household", _("There is no such client of your organisation."))
        nomination = nomination_services.nomination_create(
            actor=request.user, household=household, corporation=household.corporation, **data
        )
        shown = nomination_selectors.nomination_detail(
            request.user, nomination.pk, view="api_nomination_create"
        )
        return Response(self.get_serializer(shown).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary=_("Withdraw an open nomination"), request=None, responses=s.NominationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: int) -> Response:
        nomination = nomination_selectors.nominations_for(request.user).filter(pk=pk).first()
        if nomination is None:
            raise Http404
        transition(lambda: nomination_services.nomination_withdraw(actor=request.user, nomination=nomination))
        shown = nomination_selectors.nomination_detail(request.user, pk, view="api_nomination_withdraw")
        return Response(self.get_serializer(shown).data)


def register(router: SimpleRouter) -> None:
    router.register("adverts", AdvertViewSet, basename="api-advert")
    router.register("responses", ResponseViewSet, basename="api-response")
    router.register("nominations", NominationViewSet, basename="api-nomination")
