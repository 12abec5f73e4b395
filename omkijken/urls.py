from django.contrib import admin
from django.urls import include, path

from omkijken.web import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("taken/", include("omkijken.jobs.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("buurt/", include("omkijken.community.urls")),
    path("verhuur/", include("omkijken.letting.urls")),
    path("verhuur/", include("omkijken.exchange.urls")),
    path("meldingen/", include("omkijken.signals.urls")),
    path("vandaag/", include("omkijken.beheer.urls")),
    path("monitoring/", include("omkijken.monitoring.urls")),
    path("api/", include("omkijken.api.urls")),
    path("privacy/", include("omkijken.privacy.urls")),
    path("", include("omkijken.web.urls")),
    path("", include("omkijken.portfolio.urls")),
    path("", include("omkijken.projectwork.urls")),
    path("", include("omkijken.projects.urls")),
    path("", include("omkijken.residents.urls")),
    path("", include("omkijken.quotas.urls")),
    path("", include("omkijken.reports.urls")),
    path("", include("omkijken.accounts.urls")),
    path("", include("omkijken.accounts.twofactor_urls")),
]
