from django.urls import path

from omkijken.projectwork import views

urlpatterns = [
    path("projecten/<int:pk>/agenda/", views.calendar_page, name="project_calendar_page"),
    path("projecten/<int:pk>/agenda/nieuw-adres/", views.calendar_renew, name="project_calendar_renew"),
    path("projecten/agenda/<str:token>.ics", views.calendar_feed, name="project_calendar_feed"),
]
