"""What search engines and link previews see: each page's share card (Open Graph, X), the
sitemap with every page in every language, and robots.txt."""

import io
from datetime import date
from html.parser import HTMLParser

import pytest
from defusedxml import ElementTree
from django.core.files.images import ImageFile
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from portal.discovery import share_card
from portal.models import StandardPage
from portal.sitemaps import PageSitemap

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
LANGUAGE_CODES = ["en", "ar", "zh-hans", "fr", "ja", "pt", "ru", "es", "sw"]


class MetaTags(HTMLParser):
    """The <meta property|name=... content=...> tags of a page, each name with its values."""

    def __init__(self):
        super().__init__()
        self.tags: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key and "content" in attrs:
            self.tags.setdefault(key, []).append(attrs["content"])


def meta_of(client, url: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    parser = MetaTags()
    parser.feed(response.content.decode())
    return parser.tags


def _image(title: str, size=(1600, 900), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, "#0b5c8c").save(buffer, "PNG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="picture.png"))


@pytest.fixture
def article(make_news):
    return make_news(
        "Lagos opens its slum upgrading fund",
        date=date(2026, 3, 2),
        summary="Lagos State puts its first grant to work.",
        summary_fr="L'État de Lagos engage sa première subvention.",
        title_fr="Lagos ouvre son fonds de réhabilitation",
        slug_fr="lagos-ouvre-son-fonds",
        image=_image("Residents at the opening"),
    )


# ---- Share cards ----


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_news_article_shares_as_an_article_with_its_picture(client, article, language):
    with translation.override(language):
        url = article.get_url()
    meta = meta_of(client, url)

    title, summary, locale = {
        "en": ("Lagos opens its slum upgrading fund", "Lagos State puts its first grant to work.", "en_US"),
        "fr": ("Lagos ouvre son fonds de réhabilitation", "L'État de Lagos engage sa première subvention.", "fr_FR"),
    }[language]
    assert meta["og:type"] == ["article"]
    assert meta["og:title"] == [title]
    assert meta["og:description"] == [summary]
    assert meta["og:url"] == [f"http://testserver{url}"]
    assert meta["og:site_name"] and meta["og:site_name"][0]
    assert meta["og:locale"] == [locale]
    assert len(meta["og:locale:alternate"]) == 8 and locale not in meta["og:locale:alternate"]
    assert {"ar_AR", "zh_CN", "ja_JP", "sw_KE", "pt_PT"} <= set(meta["og:locale:alternate"])
    assert meta["article:published_time"] == ["2026-03-02"]
    [image] = meta["og:image"]
    assert image.startswith("http://testserver/media/") and image.endswith(".jpg")
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
    assert meta["og:image:alt"] == ["Residents at the opening"]
    assert meta["twitter:card"] == ["summary_large_image"]
    if language == "fr":
        assert url.startswith("/fr/actualites/lagos-ouvre-son-fonds/")


def test_the_search_description_is_the_shared_description(client, make_news):
    article = make_news("Cairo update", search_description="What Cairo did this spring.")
    assert meta_of(client, article.get_url())["og:description"] == ["What Cairo did this spring."]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_showcase_shares_as_an_article(client, make_showcase, language):
    showcase = make_showcase(
        "Mapping every lane in Mumbai",
        summary="Residents mapped the settlement.",
        summary_fr="Les habitants ont cartographié le quartier.",
        image=_image("A mapped lane"),
    )
    with translation.override(language):
        meta = meta_of(client, showcase.get_url())

    assert meta["og:type"] == ["article"]
    assert meta["og:description"] == [
        {"en": "Residents mapped the settlement.", "fr": "Les habitants ont cartographié le quartier."}[language]
    ]
    assert "article:published_time" not in meta
    assert meta["og:image"][0].endswith(".jpg")
    assert meta["twitter:card"] == ["summary_large_image"]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_member_shares_its_logo_uncropped_as_a_small_card(client, make_member, language):
    member = make_member("Nairobi", summary="The capital of Kenya.", logo=_image("Nairobi logo", (400, 400), "RGBA"))
    with translation.override(language):
        meta = meta_of(client, member.get_url())

    assert meta["og:type"] == ["website"]
    assert meta["og:title"] == ["Nairobi"]
    assert meta["og:description"] == ["The capital of Kenya."]  # no French summary: the English one
    assert meta["og:image"][0].endswith(".png")
    assert (meta["og:image:width"], meta["og:image:height"]) == (["400"], ["400"])  # never cropped nor blown up
    assert meta["og:image:alt"] == ["Nairobi logo"]
    assert meta["twitter:card"] == ["summary"]
    assert meta["og:locale"] == [{"en": "en_US", "fr": "fr_FR"}[language]]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_home_page_shares_the_site_picture(client, home_page, language):
    home_page.intro_fr = "Des villes sans bidonvilles."
    home_page.save()
    meta = meta_of(client, f"/{language}/")

    assert meta["og:type"] == ["website"]
    assert meta["og:url"] == [f"http://testserver/{language}/"]
    assert meta["og:description"] == [{"en": home_page.intro_en, "fr": "Des villes sans bidonvilles."}[language]]
    assert meta["og:image"] == ["http://testserver/static/img/share-default.png"]
    assert (meta["og:image:width"], meta["og:image:height"]) == (["1200"], ["630"])
    assert meta["og:image:alt"] == meta["og:site_name"]
    assert meta["twitter:card"] == ["summary"]
    assert "article:published_time" not in meta


def test_a_share_card_costs_the_image_and_one_rendition_at_most(article, rf: RequestFactory):
    def queries_for(page):
        with CaptureQueriesContext(connection) as queries:
            share_card(request=rf.get("/"), page=page)
        return len(queries)

    share_card(request=rf.get("/"), page=article)  # the first share makes the rendition
    assert queries_for(type(article).objects.get(pk=article.pk)) == 1  # then: the image; the rendition is cached
    with translation.override("en"):
        plain = article.get_parent().add_child(instance=type(article)(title="No picture", summary="Text only."))
    assert queries_for(plain) == 0


# ---- The sitemap ----


def _urlset(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    return ElementTree.fromstring(response.content)


def _entries(client, url: str) -> dict[str, dict[str, str]]:
    """Each <loc> of a sitemap section with its alternates, hreflang to URL."""
    return {
        entry.find("sm:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in entry.findall("xhtml:link", NS)
        }
        | {"lastmod": entry.findtext("sm:lastmod", namespaces=NS)}
        for entry in _urlset(client, url).findall("sm:url", NS)
    }


def test_the_sitemap_index_lists_its_sections(client, demo_site):
    index = _urlset(client, "/sitemap.xml")
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert locations == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-events.xml",
        "http://testserver/sitemap-news.xml",
    ]


def test_every_page_is_in_the_sitemap_in_each_of_its_languages_with_its_alternates(client, article):
    news = _entries(client, "/sitemap-news.xml")
    with translation.override("en"):
        english = f"http://testserver{article.get_url()}"
    french = "http://testserver/fr/actualites/lagos-ouvre-son-fonds/"

    assert set(news) == {english, french}  # written in English and French only
    alternates = news[french]
    assert alternates["fr"] == french
    assert alternates["en"] == alternates["x-default"] == english
    assert set(alternates) == {"en", "fr", "x-default", "lastmod"}
    assert alternates["lastmod"] == article.last_published_at.date().isoformat()
    assert news[english] == alternates


def test_a_page_translated_into_every_language_has_nine_urls(client, make_news):
    make_news("Forum", **_translated_titles("Forum"))

    news = _entries(client, "/sitemap-news.xml")

    assert len(news) == 9
    assert all(set(alternates) == {*LANGUAGE_CODES, "x-default", "lastmod"} for alternates in news.values())


def test_drafts_and_private_pages_stay_out_of_the_sitemap(client, home_page):
    with translation.override("en"):
        public = StandardPage(title="Public", slug="public", title_fr="Publique", slug_fr="publique")
        home_page.add_child(instance=public)
        draft = home_page.add_child(instance=StandardPage(title="Draft", slug="draft", live=False))
        private = home_page.add_child(instance=StandardPage(title="Private", slug="private"))
        inside = private.add_child(instance=StandardPage(title="Inside", slug="inside"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    locations = set(_entries(client, "/sitemap-pages.xml"))

    assert {"http://testserver/en/public/", "http://testserver/fr/publique/", "http://testserver/en/"} <= locations
    for hidden in (draft, private, inside):
        assert not any(f"/{hidden.slug}/" in location for location in locations), hidden.title


@pytest.fixture
def small_sections(monkeypatch):
    monkeypatch.setattr(PageSitemap, "limit", 9 * 4)  # four pages in nine languages per section


def _translated_titles(title: str) -> dict[str, str]:
    return {f"title_{code.replace('-', '_')}": f"{title} ({code})" for code in LANGUAGE_CODES}


def _add_events(make_event, count: int, start: int = 0):
    for number in range(start, start + count):
        make_event(f"Forum {number}", **_translated_titles(f"Forum {number}"))


def test_a_large_section_is_split_and_each_part_holds_its_own_pages(client, make_event, small_sections):
    _add_events(make_event, 6)

    index = [loc.text for loc in _urlset(client, "/sitemap.xml").findall("sm:sitemap/sm:loc", NS)]
    assert "http://testserver/sitemap-events.xml?p=2" in index
    assert "http://testserver/sitemap-events.xml?p=3" not in index
    first, second = _entries(client, "/sitemap-events.xml"), _entries(client, "/sitemap-events.xml?p=2")
    assert (len(first), len(second)) == (36, 18)
    assert not set(first) & set(second)
    assert client.get("/sitemap-events.xml?p=3").status_code == 404
    assert client.get("/sitemap-events.xml?p=nonsense").status_code == 404
    assert client.get("/sitemap-nonsense.xml").status_code == 404


def _sitemap_queries(client, url: str) -> int:
    client.get(url)  # warm the caches a running site keeps warm (Wagtail's site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


SITEMAP_QUERIES = {
    "/sitemap.xml": 10,  # the site, then per section: view restrictions, last change, count
    "/sitemap-events.xml": 4,  # the site, view restrictions, count, the section's pages
    "/sitemap-events.xml?p=2": 4,
}


def test_sitemap_queries_do_not_grow_with_the_diary(client, make_event, small_sections):
    _add_events(make_event, 6)
    few = {url: _sitemap_queries(client, url) for url in SITEMAP_QUERIES}

    _add_events(make_event, 14, start=6)
    many = {url: _sitemap_queries(client, url) for url in SITEMAP_QUERIES}

    assert few == many == SITEMAP_QUERIES


# ---- robots.txt ----


def test_robots_txt_keeps_crawlers_out_of_the_private_areas_in_every_language(client, demo_site):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    disallowed = {line.removeprefix("Disallow: ") for line in lines if line.startswith("Disallow: ")}
    assert {"/admin/", "/en/accounts/", "/fr/accounts/", "/en/members-area/", "/fr/espace-membres/"} <= disallowed
    assert "/sw/eneo-la-wanachama/" in disallowed
    assert all(f"/{code}/accounts/" in disallowed for code in LANGUAGE_CODES)
    assert {"/en/search/", "/fr/recherche/"} <= disallowed  # results pages are endless and thin
    assert len(disallowed) == 1 + 3 * len(LANGUAGE_CODES)
    assert "Allow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert not any("feed" in path or ".ics" in path for path in disallowed)  # calendar feeds stay open
