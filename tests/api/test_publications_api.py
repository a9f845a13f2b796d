import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.models import Theme
from portal.publications.models import Series
from portal.publications.selectors import COVER_FILTER
from tests.publication_fixtures import PDF

LIST = "/api/v1/publications/"
NUL_PARAMETERS = ["series", "theme", "country", "language", "year"]


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [item["title"] for item in response.json()["results"]]


def _image(title: str = "Cover"):
    return get_image_model().objects.create(title=title, file=get_test_image_file(size=(400, 600)))


@pytest.fixture
def housing(db):
    return Theme.objects.get_or_create(slug="housing", defaults={"name": "Housing", "name_fr": "Logement"})[0]


def test_the_list_is_newest_first_with_files_and_cover(api, make_publication, member_a, housing):
    make_publication("Old guide", year=2019)
    make_publication(
        "Upgrading guide",
        series=Series.GUIDE,
        year=2024,
        languages=("fr", "en"),
        authors="UN-Habitat, SDI",
        themes=[housing],
        members=[member_a],
        countries=["KE"],
        cover=_image(),
    )

    response = api.get(LIST)

    assert _titles(response) == ["Upgrading guide", "Old guide"]
    item = response.json()["results"][0]
    assert item["series"] == {"value": "guide", "label": "Technical or Resource Guide"}
    assert (item["authors"], item["year"]) == ("UN-Habitat, SDI", 2024)
    assert item["themes"] == [{"slug": "housing", "name": "Housing"}]
    assert item["countries"] == [{"code": "KE", "name": "Kenya"}]
    assert item["members"][0]["acronym"] == "LAG"
    assert item["cover"].startswith("http://testserver/") and ".webp" in item["cover"]
    assert item["url"] == "http://localhost/en/publications/upgrading-guide/"
    # The file in the language of the response first, then the others in the site's order.
    english, french = item["files"]
    assert english["language"] == {"code": "en", "name": "English", "name_translated": "English"}
    assert french["language"]["code"] == "fr" and french["language"]["name"] == "français"
    assert english["url"].startswith("http://testserver/documents/") and english["url"].endswith(".pdf")
    assert (english["size"], english["content_type"], english["extension"]) == (len(PDF), "application/pdf", "pdf")


def test_a_files_own_cover_is_shown_first(api, make_publication):
    general, english = _image("General"), _image("English")
    make_publication("Brochure", languages=("en", "fr"), cover=general, file_covers={"en": english})

    in_english = api.get(LIST).json()["results"][0]["cover"]
    in_french = api.get(LIST, {"locale": "fr"}).json()["results"][0]["cover"]

    assert in_english == "http://testserver" + english.get_rendition(COVER_FILTER).url
    assert in_french == "http://testserver" + general.get_rendition(COVER_FILTER).url


def test_the_detail_is_the_same_publication(api, make_publication):
    publication = make_publication("Country report", series=Series.COUNTRY_FRAMEWORK)

    response = api.get(f"{LIST}{publication.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == publication.pk
    assert response.json()["series"]["value"] == "country-framework"
    assert response["Last-Modified"]


def test_unpublished_publications_are_absent(api, make_publication):
    make_publication("Out")
    draft = make_publication("Not yet", publish=False)

    assert _titles(api.get(LIST)) == ["Out"]
    response = api.get(f"{LIST}{draft.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_filters_are_the_librarys(api, make_publication, housing):
    make_publication("Brochure", series=Series.BROCHURE, year=2025, languages=("en", "ar"))
    make_publication("Guide", series=Series.GUIDE, year=2023, themes=[housing], countries=["NG"])
    make_publication("Paper", series=Series.WORKING_PAPER, year=2021, languages=("fr",))

    assert _titles(api.get(LIST, {"series": "guide"})) == ["Guide"]
    assert _titles(api.get(LIST, {"theme": "housing"})) == ["Guide"]
    assert _titles(api.get(LIST, {"country": "NG"})) == ["Guide"]
    assert _titles(api.get(LIST, {"language": "ar"})) == ["Brochure"]
    assert _titles(api.get(LIST, {"language": "fr"})) == ["Paper"]
    assert _titles(api.get(LIST, {"year": "2021"})) == ["Paper"]
    assert _titles(api.get(LIST, {"series": "guide", "year": "2021"})) == []


@pytest.mark.parametrize(
    "query",
    [
        {"series": "novel"},
        {"theme": "no-such-theme"},
        {"country": "ZZ"},
        {"language": "xx"},
        {"year": "last"},
        {"year": "2024.5"},
        {"year": "1200"},
        {"year": "99999999999999999999"},
    ],
)
def test_a_bad_filter_is_a_400_in_the_error_shape(api, make_publication, query):
    make_publication("Out")

    response = api.get(LIST, query)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert set(error["fields"]) == set(query)


def test_the_language_is_asked_by_locale_or_accept_language(api, make_publication, housing):
    make_publication(
        "Housing guide",
        title_fr="Guide du logement",
        summary_fr="Sur le logement.",
        themes=[housing],
        languages=("en", "fr"),
    )

    for response in (api.get(LIST, {"locale": "fr"}), api.get(LIST, HTTP_ACCEPT_LANGUAGE="fr")):
        item = response.json()["results"][0]
        assert (item["title"], item["summary"], item["language"]) == ("Guide du logement", "Sur le logement.", "fr")
        assert item["themes"] == [{"slug": "housing", "name": "Logement"}]
        assert [file["language"]["code"] for file in item["files"]] == ["fr", "en"]
        assert item["files"][1]["language"]["name_translated"] == "Anglais"
        assert response["Content-Language"] == "fr"
    english = api.get(LIST).json()["results"][0]
    assert (english["title"], english["language"]) == ("Housing guide", "en")
    assert [file["language"]["code"] for file in english["files"]] == ["en", "fr"]


def test_an_unchanged_list_or_publication_is_a_304(api, make_publication):
    publication = make_publication("Out")

    for path in (LIST, f"{LIST}{publication.pk}/"):
        first = api.get(path)
        assert api.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_pages_follow_each_other_without_gaps_or_repeats(api, make_publication):
    for number in range(7):  # the same year for all: the later fields of the ordering decide
        make_publication(f"Paper {number}", year=2022)

    everything = _titles(api.get(LIST, {"page_size": 100}))
    paged, url = [], f"{LIST}?page_size=3"
    while url:
        body = api.get(url).json()
        paged += [item["title"] for item in body["results"]]
        url = body["next"]

    assert paged == everything == [f"Paper {number}" for number in reversed(range(7))]


def test_the_list_queries_do_not_grow_with_the_library(api, make_publication, member_a, housing, count_queries):
    def add(count: int, offset: int):
        for number in range(count):
            make_publication(
                f"Paper {offset + number}",
                year=2000 + number % 20,
                languages=("en", "fr", "ar") if number % 2 else ("en",),
                themes=[housing],
                members=[member_a],
                countries=["KE", "NG"],
                cover=_image(f"Cover {offset + number}"),
                file_covers={"fr": _image(f"French {offset + number}")} if number % 3 == 1 else None,
            )

    def queries():
        api.get(LIST)  # renditions are made on first sight
        count, response = count_queries(api, LIST)
        return count, len(response.json()["results"])

    add(2, 0)
    small, small_items = queries()
    add(18, 2)
    large, large_items = queries()

    assert (small_items, large_items) == (2, 20)
    assert small == large, (small, large)
    print(f"publications list: {small} queries at {small_items} items, {large} at {large_items}")


@pytest.mark.parametrize("odd", ["abc", "0", "-1", "99999999999999999999", "1.5"])
def test_an_odd_id_is_a_404_in_the_error_shape(api, odd):
    response = api.get(f"{LIST}{odd}/")

    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


@pytest.mark.parametrize("name", NUL_PARAMETERS)
def test_a_nul_character_in_a_filter_is_a_400(api, name):
    response = api.get(LIST, {name: "a\x00b"})

    assert response.status_code == 400
    assert name in response.json()["error"]["fields"]


def test_a_bad_cursor_or_page_size_is_never_a_500(api):
    assert api.get(LIST, {"cursor": "not-a-cursor"}).status_code == 400
    assert api.get(LIST, {"page_size": "many"}).status_code == 200
    assert len(api.get(LIST, {"page_size": "100000"}).json()["results"]) <= 100
