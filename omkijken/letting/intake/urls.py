"""URLs of intake (under /verhuur/; composed in ``omkijken.letting.urls``)."""

from __future__ import annotations

from django.urls import URLPattern, path

from omkijken.letting.intake import views

urlpatterns: list[URLPattern] = [
    path("intake/", views.intake_list, name="letting_intake"),
    path("intake/vragenlijsten/", views.questionnaire_list, name="letting_questionnaires"),
    path("intake/vragenlijsten/nieuw/", views.questionnaire_new, name="letting_questionnaire_new"),
    path("intake/aanmelden/<int:complex_pk>/", views.application_new, name="letting_application_new"),
    path("intake/<int:pk>/", views.application_detail, name="letting_application_detail"),
    path("intake/<int:pk>/score/", views.application_score, name="letting_application_score"),
    path("intake/<int:pk>/stap/", views.application_step, name="letting_application_step"),
    path("intake/<int:pk>/besluit/", views.application_decide, name="letting_application_decide"),
    path("intake/<int:pk>/intrekken/", views.application_withdraw, name="letting_application_withdraw"),
]
