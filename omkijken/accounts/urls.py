from django.urls import path

from omkijken.accounts import views

urlpatterns = [
    path("toegangslog/", views.access_log, name="access_log"),
]
