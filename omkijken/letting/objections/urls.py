"""URLs of objections (under /verhuur/; composed in ``omkijken.letting.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from omkijken.letting.objections import views

urlpatterns: list[URLPattern] = [
    path("bezwaren/", views.objection_list, name="letting_objection_list"),
    path("bezwaren/<int:pk>/", views.objection_detail, name="letting_objection_detail"),
    path("bezwaren/<int:pk>/besluiten/", views.objection_decide, name="letting_objection_decide"),
    path(
        "rondes/<int:round_pk>/bezwaren/nieuw/", views.objection_register, name="letting_objection_register"
    ),
    path("brieven/<int:letter_pk>/bezwaar/", views.objection_lodge, name="letting_objection_lodge"),
]
