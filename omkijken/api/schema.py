"""OpenAPI: every operation documents the error answers it can give, in the one error shape."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer[Any]):
    detail = serializers.CharField(help_text=_("What went wrong, in words."))
    code = serializers.CharField(help_text=_("A stable machine-readable code, e.g. invalid, not_found."))
    # A declared field: the serializer metaclass takes it off the class, so it does not shadow
    # Serializer.errors at run time; the stubs cannot know that.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Per field, what is wrong with it (empty when no field is to blame)."),
    )

    class Meta:
        ref_name = "Error"


ERRORS = {
    "400": _("The request is malformed or a value is invalid; ``errors`` names each field."),
    "401": _("No valid token was sent."),
    "403": _("Your role may not use this endpoint."),
    "404": _("No such record, or it lies outside what you may see."),
    "409": _("Not possible in the record's current state, or someone else changed it first."),
    "415": _("The body is not JSON (send Content-Type: application/json)."),
}


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404"]
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes += ["409", "415"]
        for code in codes:
            if code not in responses:
                responses[code] = {
                    **self._get_response_for_code(ErrorSerializer, code, direction=direction),
                    "description": str(ERRORS[code]),
                }
        return responses
