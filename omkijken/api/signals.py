"""Signals in the REST API, so a corporation's CRM can receive routed signals
(``GET /api/v1/signals/?routed_to=nuisance``) and a care partner its own.

Scoped like the pages (``omkijken.signals.selectors.signals_for``): corporation staff the signals
of their complexes, a care partner those routed to it; another organisation's signal answers 404.
Every signal returned with a care-partner routing is logged as a read, as on the pages.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from omkijken.api.base import ApiViewSet, StrictSerializer, validate_params
from omkijken.api.exceptions import Conflict
from omkijken.signals import selectors, services
from omkijken.signals.models import Route, Signal


class SignalFilterSerializer(StrictSerializer):
    routed_to = serializers.ChoiceField(choices=Route.Target.choices, required=False)
    status = serializers.ChoiceField(choices=Signal.Status.choices, required=False)
    complex = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


class RouteSerializer(serializers.Serializer[Any]):
    target = serializers.ChoiceField(choices=Route.Target.choices)
    organisation = serializers.CharField(source="organisation.name", allow_null=True, default=None)
    basis = serializers.ChoiceField(choices=Route.Basis.choices)
    basis_reference = serializers.CharField()
    routed_at = serializers.DateTimeField()


class SignalSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    kind = serializers.CharField(source="kind_id")
    kind_label = serializers.CharField(source="kind.label")
    vera_code = serializers.CharField(source="kind.vera_code")
    complex = serializers.IntegerField(source="complex_id")
    complex_name = serializers.CharField(source="complex.name")
    unit_code = serializers.CharField(source="unit.code", allow_null=True, default=None)
    household_reference = serializers.CharField(source="household.reference", allow_null=True, default=None)
    reported_as = serializers.ChoiceField(choices=Signal.ReportedAs.choices)
    description = serializers.CharField()
    status = serializers.ChoiceField(choices=Signal.Status.choices)
    urgency = serializers.ChoiceField(choices=Signal.Urgency.choices)
    created_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    escalated_at = serializers.DateTimeField(allow_null=True)
    handled_at = serializers.DateTimeField(allow_null=True)
    routes = RouteSerializer(many=True, source="routes.all")


@extend_schema_view(
    list=extend_schema(
        summary=_("Signals"),
        description=_(
            "Signals the token's user may see, newest first; `routed_to` gives those sent to one "
            "target (a CRM takes `nuisance` or `damage`). Signals routed to a care partner are "
            "logged as reads."
        ),
        parameters=[SignalFilterSerializer],
        tags=["signals"],
    ),
    retrieve=extend_schema(summary=_("One signal"), tags=["signals"]),
)
class SignalViewSet(ApiViewSet):
    serializer_class = SignalSerializer
    queryset = Signal.objects.none()
    capabilities = {"list": ("view_signals",), "retrieve": ("view_signals",), "handled": ("view_signals",)}

    def _signals(self) -> Any:
        return (
            selectors.signals_for(self.actor)
            .select_related("household")
            .prefetch_related("routes__organisation")
        )

    def _log(self, signals: list[Signal], view: str) -> None:
        routed = [s for s in signals if any(r.target == Route.Target.CARE_PARTNER for r in s.routes.all())]
        selectors.log_care_reads(self.actor, routed, view=view)

    def list(self, request: Request) -> Response:
        params = validate_params(SignalFilterSerializer, request)
        signals = self._signals()
        if "routed_to" in params:
            signals = signals.filter(routes__target=params["routed_to"]).distinct()
        if "status" in params:
            signals = signals.filter(status=params["status"])
        if "complex" in params:
            signals = signals.filter(complex_id=params["complex"])
        page = list(self.paginate_queryset(signals.order_by("-created_at", "-pk")) or [])
        self._log(page, "api_signal_list")
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        signal = self._signals().filter(pk=pk).first()
        if signal is None:
            raise Http404
        self._log([signal], "api_signal_detail")
        return Response(self.get_serializer(signal).data)

    @extend_schema(
        summary=_("Mark the signal as handled"), request=None, responses=SignalSerializer, tags=["signals"]
    )
    @action(detail=True, methods=["post"])
    def handled(self, request: Request, pk: int) -> Response:
        signal = self._signals().filter(pk=pk).first()
        if signal is None:
            raise Http404
        try:
            services.signal_handle(actor=self.actor, signal=signal)
        except DjangoValidationError as exc:
            raise Conflict.from_validation_error(exc) from exc
        return Response(self.get_serializer(self._signals().get(pk=pk)).data)
