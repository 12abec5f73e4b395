from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeheerConfig(AppConfig):
    name = "omkijken.beheer"
    verbose_name = _("Building management")
