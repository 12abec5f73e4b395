"""URLs of jobs (under /taken/)."""

from __future__ import annotations

from django.urls import URLPattern, path

from omkijken.jobs import views

urlpatterns: list[URLPattern] = [
    path("", views.job_list, name="job_list"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/bestand/", views.job_download, name="job_download"),
]
