from django.urls import path

from omkijken.community.buddies import views

urlpatterns = [
    path("maatje/", views.buddy_page, name="community_buddy"),
    path("maatje/stoppen/", views.buddy_withdraw, name="community_buddy_withdraw"),
    path("maatje/koppeling/<int:pk>/beeindigen/", views.buddy_end, name="community_buddy_end"),
    path(
        "coordinatie/maatjesvraag/<int:pk>/bevestigen/", views.buddy_confirm, name="community_buddy_confirm"
    ),
    path("coordinatie/maatjesvraag/<int:pk>/afwijzen/", views.buddy_decline, name="community_buddy_decline"),
    path("coordinatie/voorstel/<int:person_pk>/", views.care_propose, name="community_care_propose"),
]
