"""What every API view shares: token authentication, JSON only, capability checks, strict input.

Language: Dutch, unless the client asks for English first in ``Accept-Language`` (the web pages
ignore that header; an API client has no language switcher).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework import serializers
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from omkijken.accounts.models import User
from omkijken.api.exceptions import exception_handler
from omkijken.api.pagination import Pagination
from omkijken.api.parsers import StrictJSONParser
from omkijken.api.permissions import HasCapability
from omkijken.api.schema import ApiAutoSchema

MAX_ID = 2**63 - 1


def api_language(request: Any) -> str:
    """``en`` when the client lists English before Dutch in Accept-Language, else ``nl``."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    try:
        choices = parse_accept_lang_header(header[:255]) if header else ()
    except ValueError:
        choices = ()
    for code, _quality in choices:
        base = code.split("-")[0].lower()
        if base in ("nl", "en"):
            return base
    return "nl"


class StrictSerializer(serializers.Serializer[Any]):
    """Refuses fields it does not know, so a typo (``respond_bij``) is an error, not ignored."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise ValidationError({name: [_("Unknown field.")] for name in unknown[:20]})
        return super().to_internal_value(data)


def validate_params(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    """Query parameters through a serializer: a bad value is a 400 naming the parameter."""
    data = {
        key: request.query_params.get(key)
        for key in serializer_class().get_fields()
        if key in request.query_params
    }
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ApiMixin(APIView):
    authentication_classes = [TokenAuthentication]
    permission_classes = [HasCapability]
    parser_classes = [StrictJSONParser]
    renderer_classes = [JSONRenderer]
    pagination_class: type[BasePagination] | None = Pagination
    metadata_class = None  # OPTIONS answers 405: the OpenAPI document describes the API
    capabilities: ClassVar[dict[str, tuple[str, ...]]] = {}
    lookup_value_converter = "int"
    schema = ApiAutoSchema()

    @property
    def actor(self) -> User:
        """The token's user: every view sits behind TokenAuthentication and a permission class."""
        user = self.request.user
        if not isinstance(user, User) or not user.is_authenticated:
            raise NotAuthenticated
        return user

    def get_exception_handler(self) -> Any:
        return exception_handler

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        translation.activate(api_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        if any(
            "\x00" in key or any("\x00" in v for v in values) for key, values in request.query_params.lists()
        ):
            raise ValidationError({"query": [_("Null characters are not allowed.")]})
        super().initial(request, *args, **kwargs)

    def body(self, serializer_class: type[serializers.Serializer[Any]], **context: Any) -> dict[str, Any]:
        """The request body, validated; a 400 naming each wrong field otherwise."""
        request = self.request
        serializer = serializer_class(data=request.data, context={"request": request, **context})
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


class ApiViewSet(ApiMixin, GenericViewSet):
    # A resource: list/retrieve plus named actions.
    pass


class ApiView(ApiMixin, APIView):
    # A single endpoint.
    pass
