"""URLs of offers (under /verhuur/; composed in ``omkijken.letting.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from omkijken.letting.offers import views

urlpatterns: list[URLPattern] = [
    path("publicaties/<int:pk>/aanbieden/", views.offer_for_advert, name="letting_offer_for_advert"),
    path("toewijzingen/<int:pk>/aanbieden/", views.offer_for_allocation, name="letting_offer_for_allocation"),
    path("aanbiedingen/", views.offer_list, name="letting_offer_list"),
    path("aanbiedingen/<int:pk>/", views.offer_detail, name="letting_offer_detail"),
    path("aanbiedingen/<int:pk>/<slug:action>/", views.offer_action, name="letting_offer_action"),
    path("sleuteloverdrachten/", views.key_handovers, name="letting_key_handovers"),
]
