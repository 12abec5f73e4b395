"""Page-number pagination that says what is wrong with a bad ``page`` or ``page_size``.

DRF answers 404 for ``?page=abc`` and silently ignores ``?page_size=-1``; here both are a 400 with
the parameter named, and a page beyond the last is a 404 with the reason.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import InvalidPage
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

MAX_PAGE = 1_000_000


def _positive(request: Request, name: str, maximum: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        raise ValidationError({name: [_("Give a whole number from 1 to %(max)d.") % {"max": maximum}]})
    value = int(raw)
    if not 1 <= value <= maximum:
        raise ValidationError({name: [_("Give a whole number from 1 to %(max)d.") % {"max": maximum}]})
    return value


class Pagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        return _positive(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        self.request = request
        page_size = self.get_page_size(request)
        number = _positive(request, self.page_query_param, MAX_PAGE) or 1
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(number)
        except InvalidPage as exc:
            raise NotFound(_("There is no page %(page)d.") % {"page": number}) from exc
        return list(self.page)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.page_query_param:
                param["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
            elif param["name"] == self.page_size_query_param:
                param["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        return params
