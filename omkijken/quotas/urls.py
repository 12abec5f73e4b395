from django.urls import path

from omkijken.quotas import views

urlpatterns = [
    path("rapportage/", views.report, name="municipal_report"),
    path("taakstelling/", views.overview, name="quota_overview"),
    path("taakstelling/invoeren/", views.edit, name="quota_edit"),
    path("taakstelling/importeren/", views.import_csv, name="quota_import"),
    path("taakstelling/<int:pk>/gezien/", views.acknowledge, name="quota_acknowledge"),
    path("taakstelling/prognose/", views.forecast_page, name="quota_forecast"),
]
