"""sitemap.xml: every live, public page once per language, each with its alternates in the
other languages, in sections split into files of a few thousand URLs however large the diary
grows.

Django's sitemaps do the languages (`i18n`, `alternates`) and the paging (`limit`); Wagtail's
give the request and its site. Ours only fetch a section's pages alone, and compute each
page's URL once per language: slugs and URL paths are translated, so `/fr/agenda/...` is not
`/en/events/...` with another prefix."""

from collections.abc import Sequence
from math import ceil

from django.conf import settings
from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.db.models import Max
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page

from events.models import EventPage
from portal.news.models import NewsPage
from translations.languages import is_translated, page_languages


class PagesInLanguages(Sequence):
    """(page, language) pairs over a page queryset, read lazily: a paginator slicing it fetches
    only the pages of the slice, in one query. Its length counts every language, so a file holds
    at most `limit` URLs: fewer where pages lack translations."""

    def __init__(self, pages, languages: list[str]):
        self.pages = pages
        self.languages = languages
        self._length = None

    def __len__(self) -> int:
        if self._length is None:
            self._length = self.pages.count() * len(self.languages)
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            index += len(self) if index < 0 else 0
            return self[index : index + 1][0]
        start, stop, _step = index.indices(len(self))
        per_page = len(self.languages)
        first = start // per_page
        pages = self.pages[first : ceil(stop / per_page)]
        pairs = [(page, code) for page in pages for code in self.languages]
        # A language the page is not written in is its English page again: no URL of its own.
        return [
            (page, code)
            for page, code in pairs[start - first * per_page : stop - first * per_page]
            if is_translated(page, code)
        ]


class PageSitemap(WagtailSitemap):
    i18n = True
    alternates = True
    # Django's x-default drops the English prefix, and an unprefixed path is redirected to the
    # visitor's language with the English slugs, which miss translated ones: the English URL
    # serves as x-default instead, as in the pages' own <head>.
    x_default = False
    # 500 pages in nine languages: 4,500 URLs, about 4 MB and 2-3 s to build here. The
    # protocol's 50,000 would take 25 s and 43 MB, more than a crawler waits for.
    limit = 4_500
    page_types: tuple[type[Page], ...] = ()
    other_page_types: tuple[type[Page], ...] = ()

    # Django's, which knows languages and alternates; Wagtail's writes one URL per page.
    _urls = DjangoSitemap._urls

    def __init__(self, request=None):
        super().__init__(request)
        self._paths = {}

    @cached_property
    def _pages(self):
        pages = (
            Page.objects.descendant_of(self.get_wagtail_site().root_page, inclusive=True)
            .live()
            .public()  # reads the view restrictions: once per section
            .order_by("path")
        )
        if self.page_types:
            pages = pages.type(*self.page_types)
        if self.other_page_types:
            pages = pages.not_type(*self.other_page_types)
        return pages

    def items(self):
        return self._pages.all()

    def _items(self):
        return PagesInLanguages(self.items(), self._languages())

    def location(self, page) -> str:
        """The page's path in the active language, computed once per page and language (each
        URL also appears as an alternate of the page's other eight)."""
        key = (page.pk, translation.get_language())
        if key not in self._paths:
            self._paths[key] = page.get_url_parts(self.request)[2]
        return self._paths[key]

    def get_languages_for_item(self, page) -> list[str]:
        return page_languages(page)

    def lastmod(self, page):
        return page.last_published_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            default = next(alt for alt in url["alternates"] if alt["lang_code"] == settings.LANGUAGE_CODE)
            url["alternates"].append({"location": default["location"], "lang_code": "x-default"})
        return urls


class EventSitemap(PageSitemap):
    page_types = (EventPage,)


class NewsSitemap(PageSitemap):
    page_types = (NewsPage,)


class OtherPageSitemap(PageSitemap):
    other_page_types = (EventPage, NewsPage)


SITEMAPS = {"pages": OtherPageSitemap, "events": EventSitemap, "news": NewsSitemap}
