from django.urls import path

from omkijken.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
