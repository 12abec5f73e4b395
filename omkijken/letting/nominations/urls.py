"""URLs of nominations (under /verhuur/; composed in ``omkijken.letting.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from omkijken.letting.nominations import views

urlpatterns: list[URLPattern] = [
    path("voordrachten/", views.nomination_list, name="letting_nomination_list"),
    path("voordrachten/nieuw/", views.nomination_new, name="letting_nomination_new"),
    path("voordrachten/<int:pk>/", views.nomination_detail, name="letting_nomination_detail"),
    path("voordrachten/<int:pk>/intrekken/", views.nomination_withdraw, name="letting_nomination_withdraw"),
]
