from django.urls import path

from omkijken.portfolio import views

urlpatterns = [
    path("complexen/", views.complexes, name="complex_list"),
    path("complexen/<int:pk>/", views.complex_page, name="complex_detail"),
]
