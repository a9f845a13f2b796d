"""Where the translators' exchange appears in the Wagtail admin: its URLs, the page listing's
"more" menu and the page header, a bulk action for pages chosen in the listing, and a menu item
for the import. Imported by wagtail_hooks.py."""

from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.admin.widgets import Button

from . import exchange_views
from .fields import translatable_fields
from .permissions import can_edit_translations

app_name = "translations_exchange"
urlpatterns = [
    path("export/", exchange_views.ExportView.as_view(), name="export_pages"),
    path("export/<int:page_id>/", exchange_views.ExportView.as_view(), name="export"),
    path("import/", exchange_views.ImportView.as_view(), name="import"),
    path("import/confirm/", exchange_views.ImportConfirmView.as_view(), name="import_confirm"),
]


@hooks.register("register_admin_urls")
def register_exchange_urls():
    return [path("translations/exchange/", include((urlpatterns, app_name), namespace=app_name))]


def _offers_export(page, user) -> bool:
    model = page.specific_class
    return (
        page.depth > 1 and model is not None and bool(translatable_fields(model)) and can_edit_translations(user, page)
    )


@hooks.register("register_page_listing_more_buttons")
def exchange_listing_buttons(page, user, next_url=None):
    if _offers_export(page, user):
        yield Button(
            _("Export for translation"),
            reverse("translations_exchange:export", args=(page.pk,)),
            icon_name="download",
            priority=70,
        )


@hooks.register("register_page_header_buttons")
def exchange_header_buttons(page, user, view_name, next_url=None):
    if _offers_export(page, user):
        yield Button(
            _("Export for translation"),
            reverse("translations_exchange:export", args=(page.pk,)),
            icon_name="download",
            priority=75,
        )
        yield Button(_("Import translations"), reverse("translations_exchange:import"), icon_name="upload", priority=76)


class ExportForTranslationBulkAction(PageBulkAction):
    """Hands the chosen pages the user may edit to the export form."""

    display_name = _("Export for translation")
    action_type = "export_for_translation"
    aria_label = _("Export the selected pages for translation")
    action_priority = 70

    def check_perm(self, page):
        return can_edit_translations(self.request.user, page)

    def get(self, request, *args, **kwargs):
        pages, _no_access = self.get_actionable_objects()
        query = urlencode([("id", page.pk) for page in pages])
        return redirect(f"{reverse('translations_exchange:export_pages')}?{query}")

    post = get


hooks.register("register_bulk_action", ExportForTranslationBulkAction)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import translations"),
        reverse("translations_exchange:import"),
        name="import-translations",
        icon_name="upload",
        order=850,
    )
