from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.models import Theme


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Drains", file=get_test_image_file(size=(1600, 900)))


@pytest.fixture
def article(make_news, make_showcase, member_a, member_b, image):
    water = Theme.objects.get_or_create(slug="water", defaults={"name": "Water"})[0]
    showcase = make_showcase("Makoko waterfront", lead=member_a, country="NG", city="Lagos")
    return make_news(
        "Lagos drains cleared",
        member=member_a,
        image=image,
        themes=[water],
        countries=["NG", "BJ"],
        mentions=[member_b],
        showcases=[showcase],
        date=date(2026, 3, 1),
        body=[
            {"type": "text", "value": "<p>The canals run again.</p>"},
            {"type": "quote", "value": {"text": "Water flows.", "attribution": "A resident"}},
        ],
    )


def test_an_article_shows_everything_it_is_about(client, article, make_news):
    make_news("Older news", date=date(2026, 1, 1))

    response = client.get("/en/members/lagos-state/lagos-drains-cleared/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Lagos drains cleared" in html and "About Lagos drains cleared." in html
    assert "The canals run again." in html and "Water flows." in html and "A resident" in html
    assert 'srcset="' in html and " 600w, " in html
    assert 'Published by <a href="/en/members/lagos-state/">Lagos State</a>' in html
    assert '<a href="/en/news/?theme=water">Water</a>' in html
    assert '<a href="/en/news/?country=NG">Nigeria</a>' in html and "Benin" in html
    assert '<a href="/en/members/cotonou/">Cotonou</a>' in html
    assert '<a href="/en/members/lagos-state/makoko-waterfront/">Makoko waterfront</a>' in html
    assert [news.title for news in response.context["recent_news"]] == ["Older news"]


def test_the_secretariats_article_says_who_published_it(client, make_news):
    make_news("Forum opens")

    html = client.get("/en/news/forum-opens/").content.decode()

    assert "Published by the Alliance's communications team" in html


def test_a_draft_showcase_or_member_is_not_linked(client, make_news, make_showcase, member_a):
    draft = make_showcase("Not yet public", publish=False)
    make_news("Forum opens", showcases=[draft])

    assert "Not yet public" not in client.get("/en/news/forum-opens/").content.decode()


def test_the_article_reads_in_french_and_marks_english_text(client, make_news):
    make_news("Water week", title_fr="Semaine de l'eau", slug_fr="semaine-de-l-eau")
    make_news("Only in English")

    french = client.get("/fr/actualites/semaine-de-l-eau/").content.decode()
    english = client.get("/fr/actualites/only-in-english/").content.decode()

    assert "Semaine de l&#x27;eau</h1>" in french
    assert '<h1 class="page-title" lang="en" dir="auto">Only in English</h1>' in english


def test_a_member_page_lists_its_news_and_the_news_naming_it(client, make_news, member_a, member_b):
    make_news("Lagos drains cleared", member=member_a, date=date(2026, 3, 1))
    make_news("Cotonou and Lagos", member=member_b, mentions=[member_a], date=date(2026, 2, 1))
    make_news("Forum names Lagos", mentions=[member_a], date=date(2026, 1, 1))
    make_news("Unrelated", member=member_b, date=date(2026, 4, 1))

    response = client.get("/en/members/lagos-state/")
    html = response.content.decode()
    section = html[html.index('id="news-heading"') :]

    assert section.index("Lagos drains cleared") < section.index("Cotonou and Lagos") < section.index("Forum names")
    assert "Unrelated" not in section
    assert f'href="/en/news/?member={member_a.pk}"' in section


def test_a_member_without_news_has_no_news_section(client, news_index, member_a):
    assert 'id="news-heading"' not in client.get("/en/members/lagos-state/").content.decode()


def _queries(client, path: str) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_article_and_member_pages_take_as_many_queries_with_more_news(client, article, make_news, member_a):
    paths = ["/en/members/lagos-state/lagos-drains-cleared/", "/en/members/lagos-state/", "/ar/news/"]
    make_news("Older", member=member_a, themes=article.themes.all(), date=date(2025, 1, 1))
    with translation.override("en"):
        few = [_queries(client, path) for path in paths]
    for number in range(8):
        make_news(f"More {number}", member=member_a, mentions=[member_a], date=date(2026, 1, 1 + number))
    many = [_queries(client, path) for path in paths]

    assert few == many
