"""RSS 2.0 and Atom feeds of the news, served by the news index (NewsIndexPage's routes) in the
language of the URL, with the index's filters: every filtered view of the news has a feed."""

from dataclasses import dataclass
from datetime import datetime, time
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django_countries import countries

from . import selectors
from .forms import NewsFilterForm

FEED_SIZE = 30


@dataclass(frozen=True)
class FeedLink:
    type: str
    title: str
    url: str


def feed_links(index, *, request, query: str = "", title: str = "") -> list[FeedLink]:
    """The index's RSS and Atom feeds (with `query`'s filters) in the active language."""
    base = index.get_url(request=request)
    if not base:
        return []
    suffix = f"?{query}" if query else ""
    name = title or index.title
    return [
        FeedLink("application/rss+xml", f"{name} (RSS)", f"{base}{index.reverse_subpage('feed_rss')}{suffix}"),
        FeedLink("application/atom+xml", f"{name} (Atom)", f"{base}{index.reverse_subpage('feed_atom')}{suffix}"),
    ]


@dataclass(frozen=True)
class _Source:
    index: object
    filters: selectors.NewsFilters
    query: str


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *, index):
        self.request = request
        form = NewsFilterForm(request.GET or None)
        filters = form.filters()
        return _Source(index=index, filters=filters, query=urlencode(filters.query_pairs()))

    def title(self, source: _Source) -> str:
        filters = source.filters
        parts = [source.index.title]
        if filters.member:
            parts.append(filters.member.title)
        if filters.theme:
            parts.append(filters.theme.name)
        if filters.country:
            parts.append(str(countries.name(filters.country)))
        return " · ".join([*parts, _("Alliance Portal")])

    def link(self, source: _Source) -> str:
        url = source.index.get_full_url(request=self.request)
        return f"{url}?{source.query}" if source.query else url

    def description(self, source: _Source) -> str:
        return source.index.intro or _("News from the Alliance and its members.")

    subtitle = description

    def feed_url(self, source: _Source) -> str:
        route = self.request.routable_resolver_match.url_name
        url = source.index.get_full_url(request=self.request) + source.index.reverse_subpage(route)
        return f"{url}?{source.query}" if source.query else url

    def items(self, source: _Source):
        return selectors.filtered_news(selectors.published_news(), source.filters)[:FEED_SIZE]

    def item_title(self, article) -> str:
        return article.title

    def item_description(self, article) -> str:
        return article.summary

    def item_link(self, article) -> str:
        return article.get_full_url(request=self.request)

    def item_pubdate(self, article) -> datetime:
        return datetime.combine(article.date, time(0), tzinfo=timezone.get_current_timezone())

    def item_updateddate(self, article) -> datetime | None:
        return article.last_published_at

    def item_author_name(self, article) -> str:
        return article.member.title if article.member else _("Alliance secretariat")

    def item_author_link(self, article) -> str | None:
        return article.member.get_full_url(request=self.request) if article.member else None

    def item_categories(self, article) -> list[str]:
        return [theme.name for theme in article.themes.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
