"""Letting pages under /verhuur/. Each area keeps its own views module and url patterns.
(The import and export pages under /verhuur/uitwisseling/ are the exchange app's.)"""

from omkijken.letting.views import intake, letters, rounds

urlpatterns = intake.urlpatterns + rounds.urlpatterns + letters.urlpatterns
