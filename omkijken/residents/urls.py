from django.urls import path

from omkijken.residents import views

urlpatterns = [
    path("huishoudens/", views.households, name="household_list"),
    path("huishoudens/<int:pk>/", views.household_page, name="household_detail"),
    path("huishoudens/<int:pk>/doelgroep/", views.household_status, name="household_status"),
    path("clienten/", views.clients, name="client_list"),
    path("mijn-gegevens/delen/", views.sharing, name="residents_sharing"),
]
