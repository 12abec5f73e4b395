from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "omkijken.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Each app's tasks.py registers its job kinds (and, on PostgreSQL, procrastinate's tasks).
        autodiscover_modules("tasks")
