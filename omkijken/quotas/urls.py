from django.urls import path

from omkijken.quotas import views

urlpatterns = [
    path("rapportage/", views.report, name="municipal_report"),
]
