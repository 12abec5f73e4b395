from django.contrib.auth import views as auth_views
from django.urls import path

from omkijken.accounts.twofactor_views import LoginView
from omkijken.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
]
