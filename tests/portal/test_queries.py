import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from portal.models import StandardPage


def _add_menu_pages(home, count):
    start = home.get_children().count()
    with translation.override("en"):
        for number in range(start, start + count):
            home.add_child(instance=StandardPage(title=f"Page {number}", slug=f"page-{number}", show_in_menus=True))


def _queries_for(client, path):
    client.get(path)  # warm caches that a running site keeps warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/en/", "/ar/about/"])
def test_page_queries_do_not_grow_with_the_menu(client, home_page, path):
    _add_menu_pages(home_page, 1)
    few = _queries_for(client, path)

    _add_menu_pages(home_page, 20)
    many = _queries_for(client, path)

    assert few == many
    assert many <= 12
