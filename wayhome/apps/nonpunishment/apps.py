from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NonPunishmentConfig(AppConfig):
    name = "wayhome.apps.nonpunishment"
    label = "nonpunishment"
    verbose_name = _("Non-punishment")
