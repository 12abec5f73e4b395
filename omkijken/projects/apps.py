from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "omkijken.projects"
    verbose_name = _("Mixed-living projects")

    def ready(self) -> None:
        # "Start like De Brug" carries De Brug's lessons: the lessons room hooks into the tasks room.
        from omkijken.projects.lessons.services import register_start_like_hook

        register_start_like_hook()
