"""The neighbour network's pages: the shared ones here, each sub-context's from its own urls."""

from django.urls import include, path

from omkijken.community import views

urlpatterns = [
    path("", views.network_home, name="community_home"),
    path("profiel/", views.profile_edit, name="community_profile"),
    path("coordinatie/<int:pk>/", views.coordination, name="community_coordination"),
    path("", include("omkijken.community.buddies.urls")),
    path("", include("omkijken.community.checkins.urls")),
    path("", include("omkijken.community.help.urls")),
    path("", include("omkijken.community.activities.urls")),
    path("", include("omkijken.community.fund.urls")),
]
