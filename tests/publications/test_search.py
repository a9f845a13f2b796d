import re

import pytest
from django.db import connection
from django.utils import translation

from portal.publications.models import Series
from tests.portal.test_search import FTS_SQL


@pytest.fixture(scope="module", autouse=True)
def _full_text_index(django_db_setup, django_db_blocker):
    """What Wagtail's migration builds and --nomigrations leaves a plain table (as tests/portal/test_search.py)."""
    if connection.vendor != "sqlite":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for statement in FTS_SQL:
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def _index_on_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        yield


def _search(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_site_search_finds_publications_in_their_own_section(client, make_publication, make_news):
    make_publication(
        "Drainage in coastal cities",
        series=Series.CITIES_IN_ACTION,
        year=2025,
        summary="How three cities keep their drainage working.",
        title_fr="Le drainage des villes côtières",
        summary_fr="Comment trois villes entretiennent leur drainage.",
    )
    make_publication("Financing towns", summary="Own revenue first.", authors="A. Mensah")
    make_publication("Unpublished drainage study", publish=False)
    make_news("Drainage week", summary="A week on drainage.")

    html = _search(client, "/en/search/?q=drainage")

    sections = dict(re.findall(r'search-section__title"[^>]*>([^<]+)<span class="search__count">(\d+)', html))
    assert {title.strip(): int(count) for title, count in sections.items()} == {"News": 1, "Publications": 1}
    assert "<mark>Drainage</mark> in coastal cities" in html
    assert "Cities in Action" in html and "2025" in html  # the series and year under the title
    assert "Unpublished drainage study" not in html

    with translation.override("fr"):
        french = _search(client, "/fr/recherche/?q=drainage&kind=publications")
    assert "Le <mark>drainage</mark> des villes côtières" in french

    assert "Financing towns" in _search(client, "/en/search/?q=mensah")  # by its authors
