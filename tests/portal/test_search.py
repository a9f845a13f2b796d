"""Site search: results grouped by kind in the visitor's language, highlighted, suggestions when
nothing matches, only what visitors may see, and no error whatever is asked.

Runs on SQLite (Wagtail's FTS5 index) and on PostgreSQL (its full-text search per language);
assertions that depend on one backend's word handling are marked for it."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import PageViewRestriction

from portal.models import StandardPage, Theme

on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite FTS5 folds accents, does not stem")
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL stems words per language")

# What Wagtail's migration builds and --nomigrations leaves a plain table: the FTS5 index.
# Each statement may run again (tests/publications builds it too): the triggers go first.
FTS_SQL = [
    *(f"DROP TRIGGER IF EXISTS {action}_wagtailsearch_indexentry_fts" for action in ("insert", "update", "delete")),
    "DROP TABLE IF EXISTS wagtailsearch_indexentry_fts",
    "CREATE VIRTUAL TABLE wagtailsearch_indexentry_fts USING fts5(autocomplete, body, title)",
    "CREATE TRIGGER insert_wagtailsearch_indexentry_fts AFTER INSERT ON wagtailsearch_indexentry BEGIN "
    "INSERT INTO wagtailsearch_indexentry_fts(title, body, autocomplete, rowid) "
    "VALUES (NEW.title, NEW.body, NEW.autocomplete, NEW.id); END",
    "CREATE TRIGGER update_wagtailsearch_indexentry_fts AFTER UPDATE ON wagtailsearch_indexentry BEGIN "
    "UPDATE wagtailsearch_indexentry_fts SET title=NEW.title, body=NEW.body, autocomplete=NEW.autocomplete "
    "WHERE rowid=NEW.id; END",
    "CREATE TRIGGER delete_wagtailsearch_indexentry_fts AFTER DELETE ON wagtailsearch_indexentry BEGIN "
    "DELETE FROM wagtailsearch_indexentry_fts WHERE rowid=OLD.id; END",
]


@pytest.fixture(scope="session", autouse=True)
def _full_text_index(django_db_setup, django_db_blocker):
    if connection.vendor != "sqlite":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for statement in FTS_SQL:
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def _index_on_commit(django_capture_on_commit_callbacks):
    """Pages are indexed by a task run when the saving transaction commits; tests never commit."""
    with django_capture_on_commit_callbacks(execute=True):
        yield


def _search(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _sections(html: str) -> dict[str, int]:
    """Each section's heading and count, as the page shows them."""
    return {
        title.strip(): int(count)
        for title, count in re.findall(r'search-section__title"[^>]*>([^<]+)<span class="search__count">(\d+)', html)
    }


def _titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'search-result__title"><a [^>]*>(.*?)</a>', html)]


@pytest.fixture
def sanitation(make_member, make_showcase, make_event, make_news, home_page):
    """One page of every kind about sanitation."""
    with translation.override("en"):
        home_page.add_child(
            instance=StandardPage(title="Our work on sanitation", slug="sanitation", intro="How we fund sanitation.")
        )
    return {
        "member": make_member("Water Utility Network", acronym="WUN", summary="Sanitation for every city."),
        "showcase": make_showcase("Lagos sanitation programme", summary="Toilets and drains in Lagos."),
        "event": make_event("Sanitation forum", summary="Two days on sanitation."),
        "news": make_news("New sanitation grants", summary="Grants for sanitation in three cities."),
    }


def test_results_are_grouped_by_kind_with_counts(client, sanitation, make_showcase):
    for number in range(6):
        make_showcase(f"Sanitation pilot {number}", summary="A pilot.")

    html = _search(client, "/en/search/?q=sanitation")

    assert _sections(html) == {"Members": 1, "Showcases": 7, "Events": 1, "News": 1, "Pages": 1}
    assert "11 results for “sanitation”" in html
    assert len(re.findall(r'class="search-result"', html)) == 5 + 4  # the top five showcases
    assert 'href="?q=sanitation&amp;kind=showcases">Show all 7 Showcases</a>' in html
    assert "Show all 1 " not in html


def test_show_all_lists_one_kind_page_by_page(client, make_showcase, showcase_index):
    for number in range(23):
        make_showcase(f"Drainage study {number:02}", summary="Drainage.")

    first = _search(client, "/en/search/?q=drainage&kind=showcases")
    second = _search(client, "/en/search/?q=drainage&kind=showcases&page=2")

    assert "23 results in Showcases for “drainage”" in first
    assert len(_titles(first)) == 20 and len(_titles(second)) == 3
    assert set(_titles(first)).isdisjoint(_titles(second))
    assert 'href="?q=drainage&amp;kind=showcases&amp;page=2"' in first


def test_matched_words_are_marked_and_text_escaped(client, make_showcase):
    make_showcase("Sanitation <b>now</b>", summary='Sanitation & "drains" <script>alert(1)</script> for all.')

    html = _search(client, "/en/search/?q=sanitation")

    assert "<mark>Sanitation</mark> &lt;b&gt;now&lt;/b&gt;" in html
    assert "<mark>Sanitation</mark> &amp; &quot;drains&quot; &lt;script&gt;alert(1)&lt;/script&gt; for all." in html
    assert "<script>alert" not in html


def test_arabic_showcase_found_by_an_arabic_word(client, make_showcase):
    make_showcase(
        "Cairo informal areas",
        title_ar="المناطق غير الرسمية في القاهرة",
        summary="Upgrading informal areas.",
        summary_ar="تحسين المناطق غير الرسمية في القاهرة الكبرى.",
    )

    html = _search(client, "/ar/search/?q=القاهرة")

    assert _titles(html) == ["المناطق غير الرسمية في القاهرة"]
    assert "<mark>القاهرة</mark>" in html
    assert 'href="/ar/' in html
    assert 'dir="rtl"' in html


def test_french_article_found_by_a_french_word(client, make_news):
    make_news(
        "Housing in informal settlements",
        title_fr="Le logement dans les quartiers précaires",
        summary="Housing for all.",
        summary_fr="Des logements décents pour les habitants des quartiers précaires.",
    )

    html = _search(client, "/fr/recherche/?q=quartiers")

    assert _titles(html) == ["Le logement dans les quartiers précaires"]
    assert "<mark>quartiers</mark> précaires" in html


@on_sqlite
def test_sqlite_folds_accents(client, make_news):
    make_news("Informal settlements", title_fr="Les quartiers précaires", summary_fr="Quartiers précaires.")

    html = _search(client, "/fr/recherche/?q=precaires")

    assert _titles(html) == ["Les quartiers précaires"]
    assert "<mark>précaires</mark>" in html


@on_postgres
def test_postgres_stems_french_words(client, make_news):
    make_news("Housing", title_fr="Le logement pour tous", summary_fr="Un logement décent.")

    html = _search(client, "/fr/recherche/?q=logements")

    assert _titles(html) == ["Le logement pour tous"]
    assert "<mark>logement</mark>" in html


def test_english_page_found_on_the_french_site(client, make_member):
    make_member("Coastal Cities Network", summary="Resilience against flooding.")

    html = _search(client, "/fr/recherche/?q=flooding")

    assert _titles(html) == ["Coastal Cities Network"]
    assert "<mark>flooding</mark>" in html
    assert 'href="/fr/' in html


def test_japanese_word_found_inside_a_sentence(client, make_showcase):
    make_showcase("Sustainable cities", title_ja="持続可能な都市開発", summary_ja="アジアの都市開発を支援します。")

    html = _search(client, "/ja/search/?q=都市開発")

    assert _titles(html) == ["持続可能な都市開発"]
    assert "<mark>都市開発</mark>" in html


def test_drafts_and_private_pages_are_left_out(client, make_showcase, make_news, home_page):
    make_showcase("Sanitation draft", publish=False)
    with translation.override("en"):
        private = home_page.add_child(instance=StandardPage(title="Sanitation board notes", slug="board"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    make_news("Sanitation news")

    html = _search(client, "/en/search/?q=sanitation")

    assert _titles(html) == ["Sanitation news"]


def test_empty_language_fields_are_not_indexed_as_none(client, make_member):
    make_member("Delta City", summary="A delta city.")  # no French, Arabic… summaries: NULL

    html = _search(client, "/en/search/?q=none")

    assert _titles(html) == []


def test_suggestions_when_nothing_matches(client, make_member, members_index):
    make_member("Johannesburg Metropolitan", acronym="JHB")
    Theme.objects.create(slug="housing", name="Housing", name_fr="Logement")

    html = _search(client, "/en/search/?q=Johanesburg")
    french = _search(client, "/fr/recherche/?q=logemnt")

    assert "Nothing matches “Johanesburg”" in html
    assert 'Did you mean: <a href="?q=Johannesburg">Johannesburg</a>' in html
    assert 'href="/en/members/">Members</a>' in html  # a link to the directory
    assert '<a href="?q=Logement">Logement</a>' in french


def test_empty_search_shows_help_and_runs_no_search(client, demo_site):
    client.get("/en/search/")
    with CaptureQueriesContext(connection) as queries:
        html = _search(client, "/en/search/")

    assert "Try a city, a theme, a member" in html
    assert not any("wagtailsearch" in query["sql"] for query in queries)


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("q=" + "sanitation " * 1000, "Your search was shortened to its first 200 characters."),
        ("q=sani%00tation%07%1b%22%27%3C", ""),
        ("q=sanitation&kind=unknown", "There is no such kind of page: showing results of every kind."),
        ("q=sanitation&kind=news&page=1000000000", "That page does not exist: showing page 1."),
        ("q=sanitation&kind=news&page=-1", "That page does not exist: showing page 1."),
        ("q=%22%2A%28%29+OR+AND+NEAR%28", ""),
        ("q=!!!", "Type a word to search for: punctuation alone finds nothing."),
    ],
)
def test_bad_input_never_fails(client, make_news, query, notice):
    make_news("Sanitation news")

    html = _search(client, f"/en/search/?{query}")

    assert notice in html


def _queries_for(client, path: str) -> int:
    client.get(path)  # warm the site root paths a running site keeps cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/en/search/?q=drains", "/fr/recherche/?q=drains&kind=showcases&page=2"])
def test_queries_do_not_grow_with_the_results(client, make_showcase, make_member, make_news, path):
    def add(count: int, start: int):
        for number in range(start, start + count):
            make_showcase(f"Drains {number}", summary="Drains and sewers.")
            make_member(f"Drains utility {number}", acronym=f"D{number}", summary="Drains.", links=0)
            make_news(f"Drains news {number}", date=date(2026, 1, 1) + timedelta(days=number))

    add(21, 0)
    few = _queries_for(client, path)
    add(12, 21)
    many = _queries_for(client, path)

    assert few == many
    assert many <= 14


def test_header_has_a_search_form(client, demo_site):
    html = _search(client, "/ar/")

    form = re.search(r'<form class="site-search" role="search" action="(/ar/search/)"[^>]*>(.*?)</form>', html, re.S)
    assert form
    assert '<label class="visually-hidden" for="site-search-q">' in form.group(2)
