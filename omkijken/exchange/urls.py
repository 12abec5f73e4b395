"""Import and export pages under /verhuur/uitwisseling/ (included from omkijken/urls.py under the
letting prefix, so the paths and names are the ones letting had)."""

from django.urls import URLPattern, path

from omkijken.exchange import views

urlpatterns: list[URLPattern] = [
    path("uitwisseling/", views.exchange_home, name="letting_exchange"),
    path("uitwisseling/export/<str:kind>/", views.exchange_export, name="letting_exchange_export"),
    path(
        "uitwisseling/export/<str:kind>/achtergrond/",
        views.exchange_export_job,
        name="letting_exchange_export_job",
    ),
    path("uitwisseling/import/<int:pk>/", views.exchange_batch, name="letting_exchange_batch"),
]
