from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_role_groups(**kwargs):
    from .roles import ensure_role_groups

    ensure_role_groups()


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        # After every app, since the permissions the roles need are created app by app.
        post_migrate.connect(_ensure_role_groups, dispatch_uid="portal.ensure_role_groups")
        from . import audit, page_cache

        audit.connect()
        page_cache.connect()
