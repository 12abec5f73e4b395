from django.urls import path

from omkijken.monitoring import views

urlpatterns = [
    path("", views.indicators, name="monitoring_indicators"),
    path("leefbaarheid/", views.liveability_page, name="monitoring_liveability"),
    path("leefbaarometer/", views.leefbaarometer_import, name="monitoring_leefbaarometer"),
    path("nieuwe-buren/", views.nieuwe_buren_page, name="monitoring_nieuwe_buren"),
    path("enquetes/nieuw/", views.survey_round_new, name="monitoring_survey_round_new"),
    path("enquete/", views.surveys, name="monitoring_surveys"),
    path("enquete/<int:pk>/", views.survey_answer, name="monitoring_survey_answer"),
]
