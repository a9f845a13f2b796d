"""The news index and its articles, for every app whose tests need them (loaded by tests/conftest.py)."""

from datetime import date

import pytest
from django.utils import translation

from portal.news.models import NewsIndexPage, NewsPage


@pytest.fixture
def news_index(home_page):
    existing = NewsIndexPage.objects.first()
    if existing:
        return existing
    with translation.override("en"):
        index = home_page.add_child(instance=NewsIndexPage(title="News", slug="news", slug_fr="actualites"))
        index.save_revision().publish()
    return NewsIndexPage.objects.get(pk=index.pk)


@pytest.fixture
def make_news(news_index):
    """A published article under `member`'s page (members' news) or under the news index
    (the communications team's). `themes` a list of Theme, `mentions` a list of MemberPage."""

    def make(title: str, *, member=None, themes=(), mentions=(), showcases=(), publish: bool = True, **fields):
        fields.setdefault("summary", f"About {title}.")
        fields.setdefault("date", date(2026, 1, 1))
        parent = member or news_index
        with translation.override("en"):
            article = NewsPage(title=title, live=publish, **fields)
            article.themes = list(themes)
            article.related_members = list(mentions)
            article.related_showcases = list(showcases)
            parent.add_child(instance=article)
            revision = article.save_revision()
            if publish:
                revision.publish()
        return NewsPage.objects.get(pk=article.pk)

    return make
