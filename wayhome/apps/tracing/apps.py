from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TracingConfig(AppConfig):
    name = "wayhome.apps.tracing"
    label = "tracing"
    verbose_name = _("Family tracing")

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (registers the tracing events on the timeline)
