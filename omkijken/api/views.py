"""The REST API, version 1: thin views over the letting selectors and services.

Scoping is the web pages' scoping: records come from the same selectors (another organisation's
record answers 404), roles from ``omkijken.accounts.policy.can`` (a role that may not use an
endpoint answers 403). Writes go through the same services, whose ``ValidationError`` answers 400
and a transition not allowed from the current status 409.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from omkijken.api import serializers as s
from omkijken.api.base import ApiView, api_language
from omkijken.api.exceptions import error_body
from omkijken.api.permissions import HasRole


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


def register(router: SimpleRouter) -> None:
    """The letting resources; each registered when its selectors and services exist."""
