from django.urls import path

from omkijken.community.activities import views

urlpatterns = [
    path("activiteiten/", views.activity_list, name="community_activities"),
    path("activiteiten/nieuw/", views.activity_new, name="community_activity_new"),
    path("activiteiten/<int:pk>/", views.activity_detail, name="community_activity_detail"),
    path("activiteiten/<int:pk>/aanmelden/", views.activity_signup, name="community_activity_signup"),
    path(
        "activiteiten/<int:pk>/afmelden/<int:signup_pk>/",
        views.activity_signup_cancel,
        name="community_activity_signup_cancel",
    ),
    path("activiteiten/<int:pk>/aanwezig/<int:signup_pk>/", views.attendance, name="community_attendance"),
    path("agenda/<str:token>.ics", views.calendar_feed, name="community_calendar"),
]
