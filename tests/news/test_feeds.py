import re
from datetime import date

import feedparser
import pytest

from portal.models import Theme

FEEDS = ["rss", "atom"]


@pytest.fixture
def news(make_news, member_a, member_b):
    water = Theme.objects.get_or_create(slug="water", defaults={"name": "Water", "name_fr": "Eau"})[0]
    return {
        "lagos": make_news(
            "Lagos drains cleared",
            title_fr="Les canaux de Lagos dégagés",
            summary_fr="Les canaux sont propres.",
            slug_fr="canaux-de-lagos",
            member=member_a,
            themes=[water],
            date=date(2026, 3, 1),
        ),
        "forum": make_news("World Urban Forum opens", summary="Cities meet.", date=date(2026, 2, 1)),
        "about_a": make_news("Cotonou and Lagos", member=member_b, mentions=[member_a], date=date(2026, 1, 1)),
    }


def _parse(client, url: str):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


@pytest.mark.parametrize("kind", FEEDS)
def test_the_news_feed_lists_the_published_news_newest_first(client, news, kind):
    response, parsed = _parse(client, f"/en/news/feed/{kind}/")

    assert response["Content-Type"].startswith(f"application/{kind}+xml")
    assert parsed.feed.language == "en"
    assert parsed.feed.title == "News · Alliance Portal"
    assert parsed.feed.link == "http://localhost/en/news/"
    assert [entry.title for entry in parsed.entries] == [
        "Lagos drains cleared",
        "World Urban Forum opens",
        "Cotonou and Lagos",
    ]
    first = parsed.entries[0]
    assert first.link == "http://localhost/en/members/lagos-state/lagos-drains-cleared/"
    assert first.author == "Lagos State"
    assert [tag.term for tag in first.tags] == ["Water"]
    assert parsed.entries[1].author == "Alliance secretariat"
    assert parsed.entries[1].summary == "Cities meet."


@pytest.mark.parametrize("kind", FEEDS)
def test_the_french_feed_is_in_french_with_the_english_fallback(client, news, kind):
    _response, parsed = _parse(client, f"/fr/actualites/feed/{kind}/")

    assert parsed.feed.language == "fr"
    assert parsed.feed.link == "http://localhost/fr/actualites/"
    lagos = parsed.entries[0]
    assert lagos.title == "Les canaux de Lagos dégagés"
    assert lagos.summary == "Les canaux sont propres."
    assert lagos.link == "http://localhost/fr/members/lagos-state/canaux-de-lagos/"
    assert [tag.term for tag in lagos.tags] == ["Eau"]
    assert parsed.entries[1].title == "World Urban Forum opens"


@pytest.mark.parametrize("kind", FEEDS)
def test_a_members_feed_has_its_news_and_the_news_naming_it(client, news, member_a, kind):
    _response, parsed = _parse(client, f"/en/news/feed/{kind}/?member={member_a.pk}")

    assert parsed.feed.title == "News · Lagos State · Alliance Portal"
    assert parsed.feed.link == f"http://localhost/en/news/?member={member_a.pk}"
    assert [entry.title for entry in parsed.entries] == ["Lagos drains cleared", "Cotonou and Lagos"]


@pytest.mark.parametrize("kind", FEEDS)
def test_an_empty_or_badly_filtered_feed_is_still_a_valid_feed(client, news_index, kind):
    for url in (f"/en/news/feed/{kind}/", f"/en/news/feed/{kind}/?member=abc&country=XX&theme=%00"):
        _response, parsed = _parse(client, url)
        assert parsed.entries == []


def test_arabic_feeds_are_arabic(client, news, member_a):
    _response, parsed = _parse(client, "/ar/news/feed/atom/")

    assert parsed.feed.language == "ar"
    assert parsed.entries[0].link.startswith("http://localhost/ar/")


def test_pages_advertise_their_feeds(client, news, member_a):
    index = client.get("/fr/actualites/?theme=water").content.decode()
    article = client.get("/en/news/world-urban-forum-opens/").content.decode()
    member = client.get("/en/members/lagos-state/").content.decode()

    assert 'href="/fr/actualites/feed/rss/?theme=water"' in index
    assert 'href="/fr/actualites/feed/atom/?theme=water"' in index
    assert '<link rel="alternate" type="application/rss+xml" title="News (RSS)" href="/en/news/feed/rss/">' in article
    assert (
        f'<link rel="alternate" type="application/atom+xml" title="News · Lagos State (Atom)" '
        f'href="/en/news/feed/atom/?member={member_a.pk}">' in member
    )


def test_every_advertised_feed_parses(client, news):
    html = client.get("/en/members/lagos-state/").content.decode() + client.get("/fr/actualites/").content.decode()
    urls = re.findall(r'<link rel="alternate" type="application/(?:rss|atom)\+xml" title="[^"]*" href="([^"]+)"', html)

    assert len(urls) == 4
    for url in urls:
        _parse(client, url.replace("&amp;", "&"))
