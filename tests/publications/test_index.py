import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from portal.models import Theme
from portal.publications.models import Series

URL = "/en/publications/"


def _titles(response) -> list[str]:
    return [publication.title for publication, _downloads in response.context["cards"]]


def _options(response, name: str) -> dict[str, str]:
    return {str(value): str(label) for value, label in response.context["filter_form"].fields[name].widget.choices}


@pytest.fixture
def shelf(make_publication):
    """Publications that differ on every filter, newest first."""
    housing, water = Theme.objects.get(slug="slum-upgrading"), Theme.objects.get(slug="urban-environment")
    return [
        make_publication(
            "Coastal cities",
            series=Series.CITIES_IN_ACTION,
            year=2025,
            themes=[water],
            countries=["VN", "BD"],
            languages=("en", "ja", "zh-hans"),
        ),
        make_publication(
            "Financing Kenyan towns", year=2024, themes=[housing], countries=["KE"], languages=("en", "fr")
        ),
        make_publication(
            "Upgrading São Paulo",
            series=Series.CITIES_IN_ACTION,
            year=2024,
            themes=[housing, water],
            countries=["BR"],
            languages=("pt", "en", "es"),
        ),
        make_publication("Ghana framework", series=Series.COUNTRY_FRAMEWORK, year=2021, countries=["GH", "KE"]),
    ]


def test_the_library_lists_live_publications_newest_first(client, shelf, make_publication):
    make_publication("Draft report", publish=False)

    response = client.get(URL)

    assert response.status_code == 200
    assert _titles(response) == ["Coastal cities", "Upgrading São Paulo", "Financing Kenyan towns", "Ghana framework"]
    html = response.content.decode()
    assert "4 publications" in html and "Draft report" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("series=cities-in-action", ["Coastal cities", "Upgrading São Paulo"]),
        ("theme=slum-upgrading", ["Upgrading São Paulo", "Financing Kenyan towns"]),
        ("country=KE", ["Financing Kenyan towns", "Ghana framework"]),
        ("language=es", ["Upgrading São Paulo"]),
        ("country=KE&language=fr", ["Financing Kenyan towns"]),
        ("year=2024", ["Upgrading São Paulo", "Financing Kenyan towns"]),
        ("series=cities-in-action&theme=urban-environment&year=2025", ["Coastal cities"]),
    ],
)
def test_each_filter_narrows_the_library(client, shelf, query, expected):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert _titles(response) == expected
    assert response.context["querystring"] == query


def test_the_filters_offer_what_exists_with_counts(client, shelf):
    response = client.get(URL)

    assert _options(response, "series") == {
        "": "All series",
        "cities-in-action": "Cities in Action (2)",
        "working-paper": "Working Paper (1)",
        "country-framework": "Country Framework Report (1)",
    }
    assert _options(response, "year") == {"": "Any year", "2025": "2025 (1)", "2024": "2024 (2)", "2021": "2021 (1)"}
    assert _options(response, "country")["KE"] == "Kenya (2)"
    languages = _options(response, "language")
    assert list(languages) == ["", "en", "zh-hans", "fr", "ja", "pt", "es"]
    assert (languages["en"], languages["ja"], languages["pt"]) == ("English (4)", "日本語 (1)", "Português (1)")
    assert _options(response, "theme")["slum-upgrading"] == "Slum upgrading (2)"


def test_counts_follow_the_other_filters_and_keep_the_chosen_option(client, shelf):
    response = client.get(f"{URL}?series=cities-in-action&language=fr")

    assert _titles(response) == []
    assert "No publication matches these filters." in response.content.decode()
    # Each filter counts under the others: cities in action in any language, French files in any series.
    assert _options(response, "language")["fr"] == "français (0)"
    assert _options(response, "language")["pt"] == "Português (1)"
    assert _options(response, "series")["working-paper"] == "Working Paper (1)"
    assert _options(response, "series")["cities-in-action"] == "Cities in Action (0)"


def test_filters_read_in_the_visitors_language(client, shelf):
    response = client.get("/ar/manshurat/")

    assert response.status_code == 200
    assert _options(response, "country")["KE"] == "كينيا (2)"
    assert _options(response, "language")["en"] == "English (4)"  # languages by their own names


@pytest.mark.parametrize("query", ["series=nope", "year=abc", "year=1800", "language=xx", "theme=nope", "country=XX"])
def test_bad_filters_give_the_library_with_a_message(client, shelf, query):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert response.context["notices"]
    assert len(_titles(response)) == 4
    assert "This value was not understood" in response.content.decode()


def test_pages_of_publications(client, make_publication):
    for number in range(14):
        make_publication(f"Paper {number:02}", year=2000 + number)

    first, second = client.get(URL), client.get(f"{URL}?page=2")

    assert len(first.context["cards"]) == 12
    assert _titles(second) == ["Paper 01", "Paper 00"]
    assert 'rel="next" href="?page=2"' in first.content.decode()


def test_an_empty_library_says_so(client, library):
    assert "No publications yet." in client.get(URL).content.decode()


def _queries(client, path: str) -> int:
    client.get(path)  # warm Wagtail's cache of site root paths, and make the renditions
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _add(make_publication, count: int, start: int, themes, members, cover) -> None:
    series = [Series.CITIES_IN_ACTION, Series.WORKING_PAPER, Series.GUIDE]
    for number in range(start, start + count):
        make_publication(
            f"Publication {number}",
            series=series[number // 10 % 3],  # the first ones share a series, so a page has more of it
            year=2010 + number % 12,
            themes=themes,
            members=members,
            countries=["KE", "NG"],
            languages=("en", "fr", "ar")[: 1 + number % 3],
            cover=cover,
            file_covers={"ar": cover},
        )


@pytest.mark.parametrize(
    "path",
    [
        URL,
        f"{URL}?series=cities-in-action&language=fr&country=KE",
        f"{URL}?theme=slum-upgrading&year=2011",
        "/ar/manshurat/?page=2",
        "/ja/publications/publication-0/",
    ],
)
def test_queries_do_not_grow_with_the_publications(client, make_publication, member_a, member_b, path):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    cover = get_image_model().objects.create(title="Cover", file=get_test_image_file())
    themes = [Theme.objects.get(slug="slum-upgrading"), Theme.objects.get(slug="urban-environment")]
    _add(make_publication, 3, 0, themes, [member_a, member_b], cover)
    with translation.override("en"):
        few = _queries(client, path)
    _add(make_publication, 27, 3, themes, [member_a, member_b], cover)
    many = _queries(client, path)

    assert few == many
