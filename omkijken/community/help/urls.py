from django.urls import path

from omkijken.community.help import views

urlpatterns = [
    path("hulp/", views.help_list, name="community_help"),
    path("hulp/vragen/", views.help_new, name="community_help_new"),
    path("hulp/aanbieden/", views.offer_new, name="community_offer_new"),
    path("hulp/<int:pk>/", views.help_detail, name="community_help_detail"),
    path("hulp/<int:pk>/oppakken/", views.help_claim, name="community_help_claim"),
    path("hulp/<int:pk>/afronden/", views.help_close, name="community_help_close"),
    path("hulp/<int:pk>/intrekken/", views.help_cancel, name="community_help_cancel"),
]
