from django.urls import path

from omkijken.projects.locationplan import views

urlpatterns = [
    path("locatieplannen/", views.plan_list, name="location_plan_list"),
    path("locatieplannen/nieuw/", views.plan_new, name="location_plan_new"),
    path("locatieplannen/<int:pk>/", views.plan_page, name="location_plan_detail"),
    path("locatieplannen/<int:pk>/acties/", views.action_add, name="location_plan_action_add"),
    path("locatieplannen/<int:pk>/partners/", views.partner_add, name="location_plan_partner_add"),
    path("locatieplannen/<int:pk>/overleg/", views.meeting_add, name="location_plan_meeting_add"),
    path("locatieplannen/<int:pk>/acties/<int:action_pk>/", views.action_page, name="location_plan_action"),
]
