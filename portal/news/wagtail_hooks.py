from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import NewsPage


class NewsListingViewSet(PageListingViewSet):
    """Every article in one list, wherever it lives in the tree (members' news sits under each
    member's page): the communications team finds what to feature here. Editors see only the
    articles their page permissions let them see."""

    model = NewsPage
    icon = "doc-full"
    menu_label = _("News")
    add_to_admin_menu = True
    menu_order = 250
    list_filter = ["featured", "date"]
    columns = [
        *PageListingViewSet.columns,
        Column("date", label=_("Date"), sort_key="date"),
        Column("member", label=_("Member")),
        BooleanColumn("featured", label=_("Featured"), sort_key="featured"),
    ]


@hooks.register("register_admin_viewset")
def register_news_listing():
    return NewsListingViewSet("news_articles")
