from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "portal.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from . import cors  # noqa: F401  (connects the CORS check)
