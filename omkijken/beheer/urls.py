"""URLs of the building manager's day (under /vandaag/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from omkijken.beheer import views

urlpatterns: list[URLPattern] = [
    path("", views.today, name="beheer_today"),
    path("complexen/<int:pk>/bewoners/", views.residents, name="beheer_residents"),
    path("huishoudens/<int:pk>/contact/", views.contact_moments, name="beheer_contact_moments"),
    path("sleuteloverdrachten/<int:pk>/", views.key_handover, name="beheer_key_handover"),
]
