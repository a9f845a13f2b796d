import re

import pytest
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error


def test_unknown_page_is_the_styled_404_in_the_visitors_language(client, demo_site):
    response = client.get("/fr/cette-page-n-existe-pas/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Page introuvable" in html
    assert 'class="site-header"' in html


def test_unknown_language_prefix_ends_on_the_styled_404(client, demo_site):
    response = client.get("/xx/", follow=True)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_arabic_404_is_right_to_left(client, demo_site):
    response = client.get("/ar/missing/")

    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_tampered_form_gets_the_styled_csrf_page(demo_site):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/es/accounts/login/", {"login": "comms@demo.test", "password": "x"})

    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="es" dir="ltr">' in html
    assert "El formulario ha caducado" in html


def test_server_error_page_needs_neither_request_context_nor_database():
    with translation.override("ar"):
        response = server_error(RequestFactory().get("/ar/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert re.search(r"<h1[^>]*>[^<A-Za-z]+</h1>", html), "the heading is translated into Arabic"


def test_healthz_reports_a_working_database(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_reports_a_failing_database(client, db, monkeypatch):
    # A database that stops answering can't be staged inside the test database itself.
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.parametrize("path", ["/en/accounts/login/?next=//evil.test", "/en/%ff/", "/ar/accounts/signup/?x=%00"])
def test_odd_input_never_raises_a_server_error(client, demo_site, path):
    assert client.get(path).status_code < 500
