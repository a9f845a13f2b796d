from django.contrib.auth.models import Permission
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class PatternLibraryMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("frontend.view_pattern_library")


@hooks.register("register_help_menu_item")
def register_pattern_library_menu_item():
    # Lazy: the address carries the language of whoever opens the menu.
    return PatternLibraryMenuItem(
        _("Pattern library"), reverse_lazy("pattern_library"), name="pattern-library", icon_name="doc-full"
    )


@hooks.register("register_permissions")
def register_pattern_library_permission():
    """So the permission can be given to a group in Settings > Groups."""
    return Permission.objects.filter(content_type__app_label="frontend", codename="view_pattern_library")
