"""URLs of adverts (under /verhuur/; composed in ``omkijken.letting.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from omkijken.letting.adverts import views

urlpatterns: list[URLPattern] = [
    path("", views.letting_home, name="letting_home"),
    path("advertenties/nieuw/", views.advert_new, name="letting_advert_new"),
    path("advertenties/<int:pk>/", views.advert_detail, name="letting_advert_detail"),
    path("advertenties/<int:pk>/wijzigen/", views.advert_edit, name="letting_advert_edit"),
    path("advertenties/<int:pk>/<slug:action>/", views.advert_action, name="letting_advert_action"),
    path("huurcontracten/<int:lease_pk>/beeindigen/", views.lease_end_and_propose, name="letting_lease_end"),
    path("aanbod/", views.homes, name="letting_homes"),
    path("aanbod/<int:pk>/", views.home_detail, name="letting_homes_detail"),
    path("reacties/<int:pk>/<slug:action>/", views.response_action, name="letting_response_action"),
]
