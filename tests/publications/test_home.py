import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.utils import translation

from portal import demo
from portal.demo_content import HOME_SECTIONS
from portal.models import HomePage
from portal.publications import demo as publications_demo
from portal.publications.models import PublicationPage, Series


@pytest.fixture
def brochure(home_page) -> PublicationPage:
    index = publications_demo.ensure_demo_library(home=home_page, stdout=io.StringIO())
    return publications_demo.ensure_brochure_publication(index=index, stdout=io.StringIO())


@pytest.fixture
def home(home_page, brochure) -> HomePage:
    demo.ensure_home_sections(home=home_page, stdout=io.StringIO())
    return HomePage.objects.get(pk=home_page.pk)


def _brochure_section(response, code: str):
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for section in soup.select("section.home-section"):
        if section.find("h2").get_text(strip=True) == HOME_SECTIONS[code]["brochure"]:
            return section
    return None


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_the_home_brochure_links_the_publication_and_offers_the_visitors_file(client, home, brochure, code):
    section = _brochure_section(client.get(f"/{code}/"), code)

    assert section is not None
    with translation.override(code):
        publication_url = PublicationPage.objects.get(pk=brochure.pk).url
    assert section.select_one(".brochure__more a")["href"] == publication_url
    download = section.select_one(".downloads__primary a.button")
    assert download["href"].endswith(f"alliance-brochure-{code}.pdf")
    assert "PDF" in section.select_one(".downloads__primary .downloads__meta").get_text()
    others = {link["hreflang"]: link for link in section.select(".downloads__languages a")}
    assert len(others) == 8 and code not in others
    assert section.select_one(".downloads__notice") is None
    assert section.select_one("img.brochure__cover") is not None


def test_the_arabic_home_names_the_other_languages_in_their_own_script_and_direction(client, home):
    section = _brochure_section(client.get("/ar/"), "ar")

    others = {
        link["hreflang"]: (link.get_text(strip=True), link["lang"], link["dir"])
        for link in section.select(".downloads__languages a")
    }
    assert others["en"] == ("English", "en", "ltr")
    assert others["zh-hans"][0] == "简体中文"
    assert others["ja"] == ("日本語", "ja", "ltr")


def test_the_newest_brochure_is_chosen_unless_one_is_picked(client, home, brochure, make_publication):
    newer = make_publication("Brochure 2026", series=Series.BROCHURE, year=2026, languages=("en", "fr"))
    make_publication("A newer working paper", year=2027)

    section = _brochure_section(client.get("/en/"), "en")
    assert section.select_one(".brochure__more a")["href"] == newer.url
    assert section.select_one(".downloads__primary a.button")["href"].endswith("-en.pdf")

    body = list(home.body_en.raw_data)
    for block in body:
        if block["type"] == "brochure":
            block["value"]["publication"] = brochure.pk
    home.body_en = body
    home.save_revision().publish()

    section = _brochure_section(client.get("/en/"), "en")
    assert section.select_one(".brochure__more a")["href"] == brochure.url


def test_without_a_brochure_the_section_is_left_out(client, home_page):
    demo.ensure_home_sections(home=home_page, stdout=io.StringIO())

    assert _brochure_section(client.get("/en/"), "en") is None
