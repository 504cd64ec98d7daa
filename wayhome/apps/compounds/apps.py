from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompoundsConfig(AppConfig):
    name = "wayhome.apps.compounds"
    label = "compounds"
    verbose_name = _("Compounds and hotspots")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (registers the case links on the timeline)
