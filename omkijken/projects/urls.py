from django.urls import include, path

from omkijken.projects import views

urlpatterns = [
    path("projecten/", views.projects, name="project_list"),
    path("projecten/<int:pk>/", views.project_page, name="project_detail"),
    path("projecten/<int:pk>/fase/", views.project_phase, name="project_phase"),
    path("projecten/<int:pk>/mix/", views.project_mix, name="project_mix"),
    path("", include("omkijken.projects.locationplan.urls")),
    path("", include("omkijken.projects.lessons.urls")),
    path("", include("omkijken.projects.announcements.urls")),
]
