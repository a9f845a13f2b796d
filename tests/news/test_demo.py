import io

import feedparser
import pytest

from portal.news import demo
from portal.news.models import NewsIndexPage, NewsPage
from tests.conftest import build_demo_site

SLUGS = {
    "en": "news",
    "fr": "actualites",
    "es": "noticias",
    "pt": "noticias",
    "ar": "akhbar",
    "zh-hans": "xinwen",
    "ru": "novosti",
    "ja": "nyusu",
    "sw": "habari",
}


@pytest.fixture
def demo_news(db):
    return build_demo_site(with_members=True, with_news=True)


def test_the_demo_news_reads_in_every_language_with_valid_feeds(client, demo_news):
    for code, slug in SLUGS.items():
        response = client.get(f"/{code}/{slug}/")
        assert response.status_code == 200, code
        assert len(response.context["articles"]) + len(response.context["featured"]) == 12 + 3, code
    for url in ("/fr/actualites/feed/rss/", "/ar/akhbar/feed/atom/"):
        parsed = feedparser.parse(client.get(url).content)
        assert not parsed.bozo and len(parsed.entries) == 20, url
    french = feedparser.parse(client.get("/fr/actualites/feed/rss/").content)
    assert (
        french.entries[0].title == "São Paulo accueille le Dialogue international sur la réhabilitation des bidonvilles"
    )

    articles = list(NewsPage.objects.live())
    by_members = [article for article in articles if article.member_id]

    assert len(articles) == 20 and len(by_members) == 8
    assert 2 <= sum(article.featured for article in articles) <= 3
    assert any(article.featured for article in by_members)
    assert sum(bool(article.title_fr) for article in articles) >= 18
    assert sum(bool(article.title_es) for article in articles) >= 16
    assert sum(bool(article.title_ar) for article in articles) >= 14
    assert sum(bool(article.image_id) for article in articles) >= 4
    assert all(article.themes.exists() for article in articles if article.slug_en != "brochure-in-nine-languages")


def test_running_the_demo_again_changes_nothing(demo_news):
    home = demo_news.root_page
    before = NewsPage.objects.count()

    demo.ensure_demo_news(home=home, stdout=io.StringIO())

    assert NewsPage.objects.count() == before
    assert NewsIndexPage.objects.count() == 1
