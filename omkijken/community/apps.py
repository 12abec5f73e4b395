from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "omkijken.community"
    verbose_name = _("Neighbour network")
