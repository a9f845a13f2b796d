from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackgroundConfig(AppConfig):
    name = "portal.background"
    label = "background"
    verbose_name = _("Background tasks")

    def ready(self):
        from . import retries

        retries.connect()
