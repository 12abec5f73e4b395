"""URLs of letters (under /verhuur/; composed in ``omkijken.letting.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from omkijken.letting.letters import views

urlpatterns: list[URLPattern] = [
    path("rondes/<int:round_pk>/brieven/", views.round_letters, name="letting_round_letters"),
    path(
        "rondes/<int:round_pk>/brieven/opstellen/",
        views.round_letters_compose,
        name="letting_round_letters_compose",
    ),
    path(
        "rondes/<int:round_pk>/brieven/versturen/",
        views.round_letters_send,
        name="letting_round_letters_send",
    ),
    path("brieven/<int:pk>/", views.letter_detail, name="letting_letter_detail"),
    path("brieven/<int:pk>/pdf/", views.letter_pdf, name="letting_letter_pdf"),
    path("brieven/<int:pk>/versturen/", views.letter_send, name="letting_letter_send"),
    path("mijn-brieven/", views.my_letters, name="letting_my_letters"),
]
