from django.contrib.auth import views as auth_views
from django.urls import path

from omkijken.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("complexen/", views.complexes, name="complex_list"),
    path("complexen/<int:pk>/", views.complex_page, name="complex_detail"),
    path("projecten/", views.projects, name="project_list"),
    path("projecten/<int:pk>/", views.project_page, name="project_detail"),
    path("projecten/<int:pk>/fase/", views.project_phase, name="project_phase"),
    path("projecten/<int:pk>/mix/", views.project_mix, name="project_mix"),
    path("huishoudens/", views.households, name="household_list"),
    path("huishoudens/<int:pk>/", views.household_page, name="household_detail"),
    path("huishoudens/<int:pk>/doelgroep/", views.household_status, name="household_status"),
    path("clienten/", views.clients, name="client_list"),
    path("rapportage/", views.report, name="municipal_report"),
    path("toegangslog/", views.access_log, name="access_log"),
]
