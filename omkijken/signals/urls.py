from django.urls import path

from omkijken.signals import views

urlpatterns = [
    path("", views.signal_list, name="signal_list"),
    path("nieuw/", views.signal_new, name="signal_new"),
    path("mijn/", views.signal_mine, name="signal_mine"),
    path("mijn/<int:pk>/correctie/", views.signal_correction, name="signal_correction"),
    path("soorten/", views.signal_kinds, name="signal_kinds"),
    path("cijfers/", views.signal_counts, name="signal_counts"),
    path("huurachterstand/", views.arrears_import, name="signal_arrears_import"),
    path("<int:pk>/", views.signal_detail, name="signal_detail"),
    path("<int:pk>/triage/", views.signal_triage, name="signal_triage"),
    path("<int:pk>/doorsturen/", views.signal_route, name="signal_route"),
    path("<int:pk>/afgehandeld/", views.signal_handle, name="signal_handle"),
    path(
        "<int:pk>/correctie/<int:correction_pk>/",
        views.signal_correction_answer,
        name="signal_correction_answer",
    ),
]
