"""Letting pages under /verhuur/. Each sub-context keeps its own views and url patterns.
(The import and export pages under /verhuur/uitwisseling/ are the exchange app's.)"""

from omkijken.letting.adverts import urls as adverts
from omkijken.letting.intake import urls as intake
from omkijken.letting.letters import urls as letters
from omkijken.letting.nominations import urls as nominations
from omkijken.letting.objections import urls as objections
from omkijken.letting.offers import urls as offers
from omkijken.letting.rounds import urls as rounds

urlpatterns = (
    adverts.urlpatterns
    + intake.urlpatterns
    + nominations.urlpatterns
    + rounds.urlpatterns
    + offers.urlpatterns
    + letters.urlpatterns
    + objections.urlpatterns
)
