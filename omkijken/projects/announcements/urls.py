from django.urls import path

from omkijken.projects.announcements import views

urlpatterns = [
    path("projecten/<int:pk>/mededelingen/", views.project_announcements, name="project_announcements"),
    path("mededelingen/<int:pk>/", views.announcement_page, name="announcement_detail"),
    path("mededelingen/<int:pk>/brieven.pdf", views.announcement_letters, name="announcement_letters"),
    path("mededelingen/<int:pk>/intrekken/", views.announcement_cancel, name="announcement_cancel"),
    path("mijn-mededelingen/", views.my_announcements, name="my_announcements"),
]
