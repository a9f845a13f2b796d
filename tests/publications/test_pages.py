import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.models import Theme
from portal.publications.models import PublicationPage, Series


def _soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def _main_download(soup):
    return soup.select_one(".publication__downloads .downloads__primary a.button")


def _other_languages(soup) -> dict[str, dict]:
    return {
        link["hreflang"]: {
            "name": link.get_text(strip=True),
            "lang": link["lang"],
            "dir": link["dir"],
            "href": link["href"],
        }
        for link in soup.select(".publication__downloads .downloads__languages a")
    }


@pytest.fixture
def guide(make_publication):
    return make_publication(
        "A guide to city strategies",
        title_ar="دليل استراتيجيات المدن",
        languages=("en", "fr", "ar", "es"),
        series=Series.GUIDE,
    )


def test_an_arabic_visitor_gets_the_arabic_file_first_and_the_others_by_their_own_names(client, guide):
    soup = _soup(client.get(f"/ar/manshurat/{guide.slug}/"))

    assert _main_download(soup)["href"].endswith("-ar.pdf")
    assert _main_download(soup)["hreflang"] == "ar"
    assert "PDF" in soup.select_one(".publication__downloads .downloads__meta").get_text()
    assert soup.select_one(".downloads__notice") is None
    others = _other_languages(soup)
    assert list(others) == ["en", "fr", "es"]  # in the site's order of languages
    assert others["fr"] == {"name": "français", "lang": "fr", "dir": "ltr", "href": others["fr"]["href"]}
    assert others["fr"]["href"].endswith("-fr.pdf")
    assert others["en"]["name"] == "English"


def test_a_file_with_its_own_cover_shows_it_to_the_visitors_who_get_that_file(client, make_publication):
    english_cover, arabic_cover = (
        get_image_model().objects.create(title=title, file=get_test_image_file(filename=f"{title}.png"))
        for title in ("english-cover", "arabic-cover")
    )
    make_publication("Cities in Action", languages=("en", "ar"), cover=english_cover, file_covers={"ar": arabic_cover})

    def cover(url: str) -> str:
        return _soup(client.get(url)).select_one(".publication__cover-image")["src"]

    assert "arabic-cover" in cover("/ar/manshurat/cities-in-action/")
    assert "english-cover" in cover("/en/publications/cities-in-action/")
    assert "english-cover" in cover("/fr/publications/cities-in-action/")  # no French file: the English one
    library_covers = [image["src"] for image in _soup(client.get("/ar/manshurat/")).select(".publication-card__cover")]
    assert len(library_covers) == 1 and "arabic-cover" in library_covers[0]


def test_a_swahili_visitor_without_a_swahili_file_gets_english_and_a_notice(client, guide):
    soup = _soup(client.get(f"/sw/publications/{guide.slug}/"))

    assert _main_download(soup)["href"].endswith("-en.pdf")
    notice = soup.select_one(".publication__downloads .downloads__notice")
    assert notice is not None and "Kiswahili" in notice.get_text()
    others = _other_languages(soup)
    assert list(others) == ["ar", "fr", "es"]
    assert (others["ar"]["name"], others["ar"]["dir"]) == ("العربيّة", "rtl")


def test_without_english_or_the_visitors_language_the_first_file_is_offered(client, make_publication):
    report = make_publication("Rapport sur Cotonou", languages=("fr", "pt"))

    soup = _soup(client.get(f"/ja/publications/{report.slug}/"))

    assert _main_download(soup)["href"].endswith("-fr.pdf")
    assert soup.select_one(".downloads__notice") is not None
    assert list(_other_languages(soup)) == ["pt"]


def test_the_page_says_what_it_is_about_and_links_the_library_filtered(client, make_publication, member_a):
    theme = Theme.objects.get(slug="slum-upgrading")
    report = make_publication(
        "Lagos waterfront", themes=[theme], countries=["NG", "BJ"], members=[member_a], authors="SDI, Lagos State"
    )

    soup = _soup(client.get(report.url))

    facts = soup.select_one(".publication-facts")
    links = {link.get_text(strip=True): link["href"] for link in facts.select("a")}
    assert links["Slum upgrading"] == "/en/publications/?theme=slum-upgrading"
    assert links["Nigeria"] == "/en/publications/?country=NG"
    assert links["Lagos State"] == member_a.url
    assert "By SDI, Lagos State" in soup.select_one(".publication__authors").get_text()
    assert soup.select_one(".publication__meta a")["href"] == "/en/publications/?series=working-paper"


def _admin_form(library, documents: list[tuple[str, int]]) -> dict:
    data = {
        "title_en": "Two French files",
        "slug_en": "two-french-files",
        "series": Series.GUIDE,
        "year": "2024",
        "files-TOTAL_FORMS": str(len(documents)),
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "1",
        "files-MAX_NUM_FORMS": "1000",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    for number, (language, document) in enumerate(documents):
        data |= {f"files-{number}-language": language, f"files-{number}-document": str(document)}
        data |= {f"files-{number}-ORDER": str(number + 1), f"files-{number}-id": ""}
    return data


def test_an_editor_cannot_give_two_files_in_one_language(client, library, make_document):
    admin = get_user_model().objects.create_superuser("editor@demo.test", "editor@demo.test", "x")
    client.force_login(admin)
    first, second, third = (make_document(f"file-{number}") for number in range(3))
    url = f"/admin/pages/add/publications/publicationpage/{library.pk}/"

    response = client.post(url, _admin_form(library, [("fr", first.pk), ("en", second.pk), ("fr", third.pk)]))

    assert response.status_code == 200  # the form again, not a redirect
    assert "There is already a file in French: keep one file per language." in response.content.decode()
    assert not PublicationPage.objects.filter(slug_en="two-french-files").exists()

    response = client.post(url, _admin_form(library, [("fr", first.pk), ("en", second.pk)]))

    assert response.status_code == 302
    created = PublicationPage.objects.get(slug_en="two-french-files")
    assert sorted(created.files.values_list("language", flat=True)) == ["en", "fr"]
    edit = client.get(f"/admin/pages/{created.pk}/edit/").content.decode()
    assert 'name="files-1-language"' in edit and 'name="files-2-language"' not in edit
