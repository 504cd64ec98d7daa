from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    """Public prevention tools: the job-ad checker page and its API. No models: by design
    nothing a visitor pastes is ever written anywhere."""

    name = "wayhome.apps.prevention"
    label = "prevention"
    verbose_name = _("Prevention")
