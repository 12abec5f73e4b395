"""Letting pages under /verhuur/. Each area keeps its own views module and url patterns."""

from omkijken.letting.views import exchange, intake, letters, rounds

urlpatterns = intake.urlpatterns + rounds.urlpatterns + exchange.urlpatterns + letters.urlpatterns
