"""The REST API's contact moments (issue 13): the building manager's contact log, scoped like the
pages (only the building managers of the household's complex; another complex's moment answers
404), written through ``omkijken.beheer.services``. Never care content: the notes are short and
practical, and deleted after the retention period."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from omkijken.api.base import ApiViewSet, StrictSerializer, validate_params
from omkijken.api.serializers import Date, HouseholdRefSerializer, Id, NamedSerializer
from omkijken.beheer import selectors as beheer_selectors
from omkijken.beheer import services as beheer_services
from omkijken.beheer.models import ContactKind, ContactMoment
from omkijken.beheer.services import NOTE_MAX


class ContactMomentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    household = HouseholdRefSerializer()
    complex = NamedSerializer()
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    date = serializers.DateField()
    involved = serializers.CharField()
    note = serializers.CharField()
    subject = serializers.CharField()
    recorded_at = serializers.DateTimeField()


class ContactMomentCreateSerializer(StrictSerializer):
    household = Id(help_text=gettext_lazy("A household living in one of your complexes (id)."))
    kind = serializers.ChoiceField(choices=ContactKind.choices)
    date = Date()
    involved = serializers.CharField(max_length=200, help_text=gettext_lazy("Who was involved."))
    note = serializers.CharField(
        max_length=NOTE_MAX,
        required=False,
        default="",
        allow_blank=True,
        help_text=gettext_lazy("A short, practical note. Care content does not belong here."),
    )
    subject = serializers.CharField(max_length=120, required=False, default="", allow_blank=True)


class ContactMomentFilterSerializer(StrictSerializer):
    household = Id(required=False)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Contact moments"),
        description=gettext_lazy(
            "Building manager: the visits, phone calls and conversations recorded in the complexes "
            "he manages, newest first."
        ),
        parameters=[ContactMomentFilterSerializer],
    ),
    retrieve=extend_schema(summary=gettext_lazy("One contact moment")),
)
class ContactMomentViewSet(ApiViewSet):
    serializer_class = ContactMomentSerializer
    queryset = ContactMoment.objects.none()
    capabilities = {
        "list": ("record_contact_moments",),
        "retrieve": ("record_contact_moments",),
        "create": ("record_contact_moments",),
    }

    def list(self, request: Request) -> Response:
        params = validate_params(ContactMomentFilterSerializer, request)
        moments = beheer_selectors.contact_moments_for(self.actor)
        if "household" in params:
            moments = moments.filter(household_id=params["household"])
        page = self.paginate_queryset(moments)
        return self.get_paginated_response(self.get_serializer(page or [], many=True).data)

    def retrieve(self, request: Request, pk: int) -> Response:
        moment = beheer_selectors.contact_moments_for(self.actor).filter(pk=pk).first()
        if moment is None:
            raise Http404
        return Response(self.get_serializer(moment).data)

    @extend_schema(
        summary=gettext_lazy("Record a contact moment"),
        request=ContactMomentCreateSerializer,
        responses={201: ContactMomentSerializer},
    )
    def create(self, request: Request) -> Response:
        data = self.body(ContactMomentCreateSerializer)
        household_id = data.pop("household")
        if not beheer_selectors.managed_households(self.actor).filter(pk=household_id).exists():
            raise serializers.ValidationError(
                {"household": [_("There is no such household in the complexes you manage.")]}
            )
        moment = beheer_services.contact_moment_record(actor=self.actor, household_id=household_id, **data)
        shown = beheer_selectors.contact_moments_for(self.actor).get(pk=moment.pk)
        return Response(self.get_serializer(shown).data, status=status.HTTP_201_CREATED)
