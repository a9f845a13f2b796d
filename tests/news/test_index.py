from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from portal.models import Theme

URL = "/en/news/"


def _titles(articles) -> list[str]:
    return [article.title for article in articles]


def _theme(slug: str) -> Theme:
    return Theme.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").capitalize()})[0]


@pytest.fixture
def news(make_news, member_a, member_b):
    """Secretariat and members' news that differ on every filter."""
    housing, water = _theme("slum-upgrading"), _theme("water-and-sanitation")
    return {
        "forum": make_news("World Urban Forum opens", featured=True, date=date(2026, 1, 10), countries=["PL"]),
        "lagos": make_news(
            "Lagos drains cleared", member=member_a, themes=[water], countries=["NG"], date=date(2026, 3, 1)
        ),
        "cotonou": make_news(
            "Cotonou upgrades a district",
            member=member_b,
            themes=[housing],
            countries=["BJ", "KE"],
            mentions=[member_a],
            date=date(2026, 2, 1),
        ),
        "dialogue": make_news("Dialogue on slum upgrading", themes=[housing], countries=["BR"], date=date(2026, 1, 5)),
    }


def test_the_index_shows_featured_news_first_then_the_rest_newest_first(client, news, make_news):
    make_news("Not yet published", publish=False)

    response = client.get(URL)

    assert response.status_code == 200
    assert _titles(response.context["featured"]) == ["World Urban Forum opens"]
    assert _titles(response.context["articles"]) == [
        "Lagos drains cleared",
        "Cotonou upgrades a district",
        "Dialogue on slum upgrading",
    ]
    html = response.content.decode()
    assert html.index("World Urban Forum opens") < html.index("Lagos drains cleared")
    assert "Not yet published" not in html


def test_the_index_has_a_from_our_members_section_and_tab(client, news):
    response = client.get(URL)

    assert _titles(response.context["from_members"]) == ["Lagos drains cleared", "Cotonou upgrades a district"]
    assert "From our members" in response.content.decode()

    tab = client.get(f"{URL}?source=members")

    assert _titles(tab.context["articles"]) == ["Lagos drains cleared", "Cotonou upgrades a district"]
    assert tab.context["featured"] == []
    assert [t["label"] for t in tab.context["tabs"] if t["is_current"]] == ["From our members"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=slum-upgrading", ["Cotonou upgrades a district", "Dialogue on slum upgrading"]),
        ("country=KE", ["Cotonou upgrades a district"]),
        ("country=NG", ["Lagos drains cleared"]),
        ("theme=slum-upgrading&country=BR", ["Dialogue on slum upgrading"]),
        ("source=members&theme=slum-upgrading", ["Cotonou upgrades a district"]),
    ],
)
def test_each_filter_narrows_the_news(client, news, query, expected):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert _titles(response.context["articles"]) == expected
    assert response.context["featured"] == []


def test_the_member_filter_finds_its_own_news_and_the_news_naming_it(client, news, member_a, member_b):
    assert _titles(client.get(f"{URL}?member={member_a.pk}").context["articles"]) == [
        "Lagos drains cleared",
        "Cotonou upgrades a district",
    ]
    assert _titles(client.get(f"{URL}?member={member_b.pk}").context["articles"]) == ["Cotonou upgrades a district"]


def test_the_filters_offer_the_countries_and_members_the_news_is_about(client, news, member_a, member_b):
    form = client.get(URL).context["filter_form"]

    countries = dict(form.fields["country"].widget.choices)
    members = dict(form.fields["member"].widget.choices)
    assert set(countries) == {"", "BJ", "BR", "KE", "NG", "PL"}
    assert countries["KE"] == "Kenya"
    assert set(members) == {"", member_a.pk, member_b.pk}


@pytest.mark.parametrize(
    "query",
    ["country=XX", "theme=nope", "member=abc", "member=999999", "source=everyone", "country=%00", "page=abc&theme=x"],
)
def test_bad_filters_give_a_normal_page_with_a_message(client, news, query):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert response.context["notices"]
    assert 'class="notice' in response.content.decode()


def test_bad_filters_are_dropped_and_good_ones_kept(client, news):
    response = client.get(f"{URL}?country=XX&theme=slum-upgrading")

    assert _titles(response.context["articles"]) == ["Cotonou upgrades a district", "Dialogue on slum upgrading"]
    assert response.context["querystring"] == "theme=slum-upgrading"
    assert "This value was not understood" in response.content.decode()


def test_pages_of_news_and_a_page_that_does_not_exist(client, make_news):
    for number in range(14):
        make_news(f"Article {number:02}", date=date(2026, 1, 1 + number))

    first, second = client.get(URL), client.get(f"{URL}?page=2")
    clamped = client.get(f"{URL}?page=99")

    assert len(first.context["articles"]) == 12
    assert _titles(second.context["articles"]) == ["Article 01", "Article 00"]
    assert clamped.status_code == 200
    assert clamped.context["articles"].number == 2
    assert "That page does not exist: showing page 2." in clamped.content.decode()


def test_an_empty_index_says_so(client, news_index):
    response = client.get(URL)

    assert response.status_code == 200
    assert "No news yet." in response.content.decode()


def test_an_empty_filter_result_offers_all_news(client, news):
    response = client.get(f"{URL}?country=FR")

    assert "No news matches these filters." in response.content.decode()
    assert "See all news" in response.content.decode()


def test_news_reads_in_the_visitors_language_with_the_english_fallback(client, news_index, make_news):
    make_news("Water week", title_fr="Semaine de l'eau", summary_fr="Une semaine pour l'eau.")
    make_news("Only in English")

    html = client.get("/fr/actualites/").content.decode()

    assert "Semaine de l&#x27;eau" in html and "Une semaine pour l&#x27;eau." in html
    assert 'lang="en" dir="auto"><a href="/fr/actualites/only-in-english/">Only in English' in html


def _queries(client, path: str) -> int:
    client.get(path)  # warm Wagtail's cache of site root paths
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _add_news(make_news, members, themes, count: int, start: int):
    for number in range(start, start + count):
        make_news(
            f"News {number}",
            member=members[number % 3],
            themes=themes,
            mentions=members[:2],
            countries=["KE", "NG"],
            featured=number % 5 == 0,
            date=date(2025, 1 + number % 12, 1 + number % 28),
        )


@pytest.mark.parametrize(
    "path", [URL, f"{URL}?theme=slum-upgrading&country=KE", f"{URL}?source=members", "/ar/news/?page=2"]
)
def test_queries_do_not_grow_with_the_news(client, make_news, member_a, member_b, path):
    members, themes = [member_a, member_b, None], [_theme("slum-upgrading"), _theme("water-and-sanitation")]
    _add_news(make_news, members, themes, 20, 0)
    with translation.override("en"):
        small = _queries(client, path)
    _add_news(make_news, members, themes, 16, 20)
    large = _queries(client, path)

    assert small == large
