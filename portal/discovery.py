"""How the site presents itself to search engines and link previews: robots.txt and the share
card (Open Graph and X/Twitter metadata) of every page."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.models import Page

from portal.news.models import NewsPage
from showcases.models import ShowcasePage

# Open Graph wants a locale where we have a language; Facebook knows Arabic as ar_AR.
OG_LOCALES = {
    "en": "en_US",
    "ar": "ar_AR",
    "zh-hans": "zh_CN",
    "fr": "fr_FR",
    "ja": "ja_JP",
    "pt": "pt_PT",
    "ru": "ru_RU",
    "es": "es_ES",
    "sw": "sw_KE",
}

# The fields that hold a page's own picture, in the order they are looked for, with how it is
# cut for previews and the card it deserves: photos fill the 1.91:1 frame that Facebook,
# LinkedIn and X show large; logos are never cropped and show as a small card.
SHARE_IMAGE_FIELDS = (
    ("image", "fill-1200x630|format-jpeg", "summary_large_image"),
    ("logo", "max-1200x630|format-png", "summary"),
)
DEFAULT_SHARE_IMAGE = ("img/share-default.png", 1200, 630)
ARTICLE_TYPES = (NewsPage, ShowcasePage)


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class ShareCard:
    site_name: str
    title: str
    description: str
    type: str
    image: ShareImage
    twitter_card: str
    locale: str
    alternate_locales: list[str]
    published_time: str = ""
    modified_time: str = ""


def share_card(*, request: HttpRequest, page: Page | None) -> ShareCard:
    """What a link to this page shows when it is shared, in the visitor's language. Costs at
    most the page's image and one rendition (cached after the first)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    site_name = translation.gettext("Alliance Portal")
    image, twitter_card = _page_image(request, page) if page else (None, "")
    if image is None:
        path, width, height = DEFAULT_SHARE_IMAGE
        image, twitter_card = ShareImage(request.build_absolute_uri(static(path)), width, height, site_name), "summary"
    is_article = isinstance(page, ARTICLE_TYPES)
    return ShareCard(
        site_name=site_name,
        title=(page.seo_title or page.title) if page else site_name,
        description=_description(page) if page else "",
        type="article" if is_article else "website",
        image=image,
        twitter_card=twitter_card,
        locale=OG_LOCALES.get(current, current),
        alternate_locales=[locale for code, locale in OG_LOCALES.items() if code != current],
        published_time=page.date.isoformat() if isinstance(page, NewsPage) else "",
        modified_time=page.last_published_at.isoformat() if is_article and page.last_published_at else "",
    )


def _description(page: Page) -> str:
    for field in ("search_description", "summary", "intro"):
        if text := getattr(page, field, ""):
            return text
    return ""


def _page_image(request: HttpRequest, page: Page) -> tuple[ShareImage | None, str]:
    for field, spec, twitter_card in SHARE_IMAGE_FIELDS:
        if getattr(page, f"{field}_id", None):  # no query for a page without one
            rendition = getattr(page, field).get_rendition(spec)
            url = request.build_absolute_uri(rendition.url)
            return ShareImage(url, rendition.width, rendition.height, rendition.alt), twitter_card
    return None, ""


def _disallowed_paths() -> list[str]:
    """The admin, and the accounts, the members' area and the search results (endless, thin
    pages) in each language, under their translated paths."""
    paths = ["/admin/"]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths += [f"/{code}/accounts/", reverse("members:dashboard"), reverse("search")]
    return paths


@require_GET
def robots_txt(request):
    context = {"disallowed": _disallowed_paths(), "sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
