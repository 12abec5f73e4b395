from django.urls import path

from omkijken.community.checkins import views

urlpatterns = [
    path("coordinatie/<int:pk>/belrooster/", views.checkin_create, name="community_checkin_create"),
    path("belrooster/<int:pk>/gebeld/", views.checkin_log, name="community_checkin_log"),
]
