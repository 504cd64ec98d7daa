from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReturnsConfig(AppConfig):
    name = "wayhome.apps.returns"
    label = "returns"
    verbose_name = _("Return or stay, and reintegration")

    def ready(self) -> None:
        from . import timeline  # noqa: F401  (registers the return events on the case timeline)
