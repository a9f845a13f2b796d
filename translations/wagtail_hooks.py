from django.contrib.auth.models import Permission
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import exchange_hooks, urls  # noqa: F401  (exchange_hooks registers the translators' exchange)
from .permissions import can_view_coverage


@hooks.register("register_admin_urls")
def register_translations_urls():
    return [path("translations/", include(urls, namespace="translations"))]


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_coverage(request.user)


@hooks.register("register_reports_menu_item")
def register_coverage_menu_item():
    return CoverageMenuItem(
        _("Translation coverage"), reverse("translations:coverage"), name="translation-coverage", icon_name="globe"
    )


@hooks.register("register_permissions")
def register_translations_permissions():
    """So the coverage permission can be given to a group in Settings > Groups."""
    return Permission.objects.filter(content_type__app_label="translations", codename="view_coverage")
