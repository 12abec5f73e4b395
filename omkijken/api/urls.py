"""/api/: the versioned REST API (v1), its OpenAPI document and documentation page, and the
personal-token page."""

from __future__ import annotations

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from omkijken.api import pages, views

router = SimpleRouter(use_regex_path=False)
views.register(router)

v1 = [
    path("me/", views.me, name="api_me"),
    *router.urls,
]

urlpatterns = [
    path("v1/", include(v1)),
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny]),
        name="api_schema",
    ),
    path("docs/", pages.docs_page, name="api_docs"),
    path("token/", pages.token_page, name="api_token"),
    re_path(r"^.*$", views.not_found, name="api_not_found"),
]
