"""What the API reads and writes. Output serializers show only what the web pages show a role;
input serializers are strict (unknown fields, NUL characters, out-of-range numbers: 400)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class MeSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.SerializerMethodField()
    role = serializers.CharField()
    organisation = serializers.SerializerMethodField()

    def get_name(self, user: Any) -> str:
        return str(user.get_full_name() or user.username)

    def get_organisation(self, user: Any) -> str | None:
        org = user.organisation
        return org.name if org else None
