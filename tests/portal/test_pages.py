import re

import pytest
from django.conf import settings
from django.utils.html import escape

from portal.demo_content import ABOUT, HOME

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _html_tag(content: bytes) -> str:
    return re.search(r"<html[^>]*>", content.decode()).group(0)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_home_page_speaks_each_language(client, demo_site, code):
    response = client.get(f"/{code}/")

    assert response.status_code == 200
    html = response.content.decode()
    direction = "rtl" if code == "ar" else "ltr"
    assert _html_tag(response.content) == f'<html lang="{code}" dir="{direction}">'
    assert escape(HOME[code]["hero"]) in html
    assert f'<link rel="canonical" href="http://testserver/{code}/">' in html


def test_every_page_links_its_alternates_in_all_languages(client, demo_site):
    html = client.get("/fr/a-propos/").content.decode()

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert set(alternates) == {*LANGUAGE_CODES, "x-default"}
    assert alternates["fr"] == "http://testserver/fr/a-propos/"
    assert alternates["es"] == "http://testserver/es/acerca-de/"
    assert alternates["ar"] == "http://testserver/ar/about/"  # no Arabic slug: the English one
    assert alternates["x-default"] == "http://testserver/en/about/"
    assert '<link rel="canonical" href="http://testserver/fr/a-propos/">' in html


def test_language_switcher_keeps_the_visitor_on_the_same_page(client, demo_site):
    html = client.get("/en/about/").content.decode()

    switcher = html[html.index('class="language-switcher"') :]
    assert 'href="http://testserver/pt/sobre/" hreflang="pt"' in switcher
    assert 'href="http://testserver/en/about/" hreflang="en" lang="en" dir="ltr" aria-current="true"' in switcher
    assert 'hreflang="ar" lang="ar" dir="rtl"' in switcher
    assert escape(ABOUT["ru"][0]) in client.get("/ru/about/").content.decode()


def test_language_switcher_on_account_pages_points_at_the_same_form(client, demo_site):
    html = client.get("/en/accounts/login/").content.decode()

    assert 'href="http://testserver/ja/accounts/login/" hreflang="ja"' in html


def test_an_empty_translation_falls_back_to_english(client, home_page):
    home_page.intro_sw = ""
    home_page.title_sw = ""
    home_page.save_revision().publish()

    html = client.get("/sw/").content.decode()

    assert f'<meta name="description" content="{escape(HOME["en"]["intro"])}">' in html
    assert f"<title>{escape(HOME['en']['title'])} ·" in html
    assert escape(HOME["sw"]["hero"]) in html  # what is translated stays translated


def test_root_sends_visitors_to_their_language(client, demo_site):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").url == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").url == "/en/"


def test_menu_lists_pages_in_the_visitors_language(client, demo_site):
    html = client.get("/es/").content.decode()

    nav = html[html.index('class="site-nav"') :]
    assert f'<a href="/es/acerca-de/">{escape(ABOUT["es"][0])}</a>' in nav


def test_an_empty_stream_falls_back_to_the_english_blocks(client, home_page):
    home_page.body_sw = []
    home_page.save_revision().publish()

    html = client.get("/sw/").content.decode()

    assert escape(HOME["en"]["hero"]) in html
    assert '<html lang="sw" dir="ltr">' in html
