"""URLs of rounds (under /verhuur/; composed in ``omkijken.letting.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from omkijken.letting.rounds import views

urlpatterns: list[URLPattern] = [
    path("rondes/", views.round_list, name="letting_round_list"),
    path("rondes/nieuw/", views.round_new, name="letting_round_new"),
    path("rondes/<int:pk>/", views.round_detail, name="letting_round_detail"),
    path("rondes/<int:pk>/wijzigen/", views.round_change, name="letting_round_change"),
    path("rondes/<int:pk>/accepteren/", views.round_accept, name="letting_round_accept"),
    path("rondes/<int:pk>/verwerpen/", views.round_discard, name="letting_round_discard"),
    path("publicaties/<int:pk>/rangorde/", views.rank_vacancy, name="letting_rank_vacancy"),
]
