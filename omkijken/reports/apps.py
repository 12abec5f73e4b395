from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "omkijken.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # Sections built from other contexts register themselves on import, after the report's own.
        from omkijken.reports import monitoring_sections  # noqa: F401
