"""A page not translated into the visitor's language: the English text, a notice in the visitor's
language, and hreflang links only for the languages the page is written in."""

import re

import pytest
from django.utils import translation


@pytest.fixture
def article(make_news):
    return make_news(
        "Lagos opens its slum upgrading fund",
        summary="Lagos State puts its first grant to work.",
        title_fr="Lagos ouvre son fonds de réhabilitation",
        summary_fr="L'État de Lagos engage sa première subvention.",
        slug_fr="lagos-ouvre-son-fonds",
    )


def _get(client, article, language: str) -> str:
    with translation.override(language):
        url = article.get_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _hreflangs(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_an_untranslated_page_shows_english_with_a_notice_in_the_visitors_language(client, article):
    html = _get(client, article, "ar")

    assert "Lagos opens its slum upgrading fund" in html
    assert "لم تُترجم هذه الصفحة إلى العربية بعد، لذلك تُعرض بالإنجليزية." in html
    assert 'class="notice notice--info untranslated-notice"' in html


def test_a_translated_page_has_no_notice(client, article):
    html = _get(client, article, "fr")

    assert "Lagos ouvre son fonds de réhabilitation" in html
    assert "untranslated-notice" not in html


def test_hreflang_lists_only_the_languages_the_page_is_written_in(client, article):
    english = f"http://testserver{_url(article, 'en')}"
    french = f"http://testserver{_url(article, 'fr')}"

    for language in ("en", "fr", "ar", "ja"):
        assert _hreflangs(_get(client, article, language)) == {"en": english, "fr": french, "x-default": english}


def test_the_english_page_is_canonical_for_a_language_it_lacks(client, article):
    english = f"http://testserver{_url(article, 'en')}"

    assert f'<link rel="canonical" href="{english}">' in _get(client, article, "sw")
    assert f'<link rel="canonical" href="http://testserver{_url(article, "fr")}">' in _get(client, article, "fr")


def test_the_language_switcher_still_offers_every_language(client, article):
    html = _get(client, article, "en")
    switcher = html[html.index('class="language-switcher"') :]

    assert len(re.findall(r'<li><a href="[^"]+" hreflang=', switcher)) == 9


def _url(article, language: str) -> str:
    with translation.override(language):
        return article.get_url()
