from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettingConfig(AppConfig):
    name = "omkijken.letting"
    label = "letting"
    verbose_name = _("Letting")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The quota forecast learns of offers, rounds and nominations through this source.
        from omkijken.letting.quota_pipeline import letting_pipeline
        from omkijken.quotas.pipeline import register_pipeline_source

        register_pipeline_source(letting_pipeline)
