from django.urls import path

from omkijken.reports import views

urlpatterns = [
    path("rapportages/", views.reports, name="reports"),
]
