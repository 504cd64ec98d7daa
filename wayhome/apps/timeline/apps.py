from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "wayhome.apps.timeline"
    label = "timeline"
    verbose_name = _("Case timeline")

    def ready(self) -> None:
        from . import providers  # noqa: F401  (registers the built-in event sources)
