from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "omkijken.privacy"
    verbose_name = _("Privacy: retention and the rights of the people in it")
    default_auto_field = "django.db.models.BigAutoField"
