from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettingConfig(AppConfig):
    name = "omkijken.letting"
    label = "letting"
    verbose_name = _("Letting")
    default_auto_field = "django.db.models.BigAutoField"
