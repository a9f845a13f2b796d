from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import PublicationPage


class PublicationListingViewSet(PageListingViewSet):
    """Every publication in one list, with its series and year, to find one to update."""

    model = PublicationPage
    icon = "doc-full-inverse"
    menu_label = _("Publications")
    add_to_admin_menu = True
    menu_order = 260
    list_filter = ["series", "year"]
    columns = [
        *PageListingViewSet.columns,
        Column("series", label=_("Series"), accessor="get_series_display", sort_key="series"),
        Column("year", label=_("Year"), sort_key="year"),
    ]


@hooks.register("register_admin_viewset")
def register_publication_listing():
    return PublicationListingViewSet("publications")
