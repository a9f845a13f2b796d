from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from portal.news import selectors


def test_published_news_is_live_and_newest_first(make_news, member_a):
    old = make_news("Old", date=date(2025, 1, 1))
    new = make_news("New", member=member_a, date=date(2026, 3, 1))
    make_news("Draft", publish=False)

    assert list(selectors.published_news()) == [new, old]


def test_published_news_in_a_language_keeps_the_articles_written_in_it(make_news):
    french = make_news("Water week", title_fr="Semaine de l'eau")
    make_news("English only")

    assert list(selectors.published_news(language="fr")) == [french]
    assert len(selectors.published_news(language="en")) == 2


def test_featured_members_and_one_members_news(make_news, member_a, member_b):
    featured = make_news("Featured", featured=True, date=date(2026, 2, 1))
    by_a = make_news("By A", member=member_a, date=date(2026, 1, 3))
    about_a = make_news("About A", member=member_b, mentions=[member_a], date=date(2026, 1, 2))
    make_news("Other", date=date(2026, 1, 1))

    assert selectors.featured_news(limit=3) == [featured]
    assert selectors.members_news(limit=5) == [by_a, about_a]
    assert selectors.news_of_member(member=member_a, limit=5) == [by_a, about_a]
    assert selectors.news_of_member(member=member_a, limit=1) == [by_a]
    assert by_a.member == member_a and featured.member is None


def _card_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        for article in selectors.published_news():
            (article.image, article.member and article.member.logo, list(article.themes.all()))
    return len(queries)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_cards_read_in_a_fixed_number_of_queries(make_news, member_a, language):
    make_news("One", member=member_a)
    with translation.override(language):
        few = _card_queries()
    for number in range(6):
        make_news(f"More {number}", member=member_a if number % 2 else None)
    with translation.override(language):
        many = _card_queries()

    assert few == many
