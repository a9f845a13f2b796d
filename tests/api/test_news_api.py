from datetime import date

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.models import Theme

LIST = "/api/v1/news/"
NUL_PARAMETERS = ["source", "theme", "country", "member", "featured"]


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [item["title"] for item in response.json()["results"]]


@pytest.fixture
def water(db):
    return Theme.objects.get_or_create(slug="water", defaults={"name": "Water", "name_fr": "Eau"})[0]


@pytest.fixture
def image():
    return get_image_model().objects.create(title="Drains", file=get_test_image_file(size=(1600, 900)))


@pytest.fixture
def article(make_news, make_showcase, member_a, member_b, water, image):
    showcase = make_showcase("Makoko waterfront", lead=member_a, country="NG", city="Lagos")
    return make_news(
        "Lagos drains cleared",
        member=member_a,
        image=image,
        themes=[water],
        countries=["NG", "BJ"],
        mentions=[member_b],
        showcases=[showcase],
        date=date(2026, 3, 1),
        body=[
            {"type": "text", "value": "<p>The canals run again.</p>"},
            {"type": "quote", "value": {"text": "Water flows.", "attribution": "A resident"}},
        ],
    )


def test_the_list_is_newest_first_with_cards(api, article, make_news):
    make_news("Older", date=date(2025, 1, 1))
    make_news("Newest", date=date(2026, 6, 1), featured=True)

    response = api.get(LIST)

    assert _titles(response) == ["Newest", "Lagos drains cleared", "Older"]
    item = response.json()["results"][1]
    assert item["date"] == "2026-03-01"
    assert item["summary"] == "About Lagos drains cleared."
    assert item["image"].startswith("http://testserver/") and ".webp" in item["image"]
    assert item["themes"] == [{"slug": "water", "name": "Water"}]
    assert item["countries"] == [{"code": "BJ", "name": "Benin"}, {"code": "NG", "name": "Nigeria"}]
    assert item["source"]["publisher"] == "member"
    assert item["source"]["member"]["acronym"] == "LAG"
    assert item["url"] == "http://localhost/en/members/lagos-state/lagos-drains-cleared/"
    assert "body" not in item  # listings never read the heaviest column
    newest = response.json()["results"][0]
    assert newest["featured"] is True
    assert newest["source"] == {"publisher": "secretariat", "member": None}


def test_the_detail_has_the_rendered_body_and_what_it_names(api, article):
    response = api.get(f"{LIST}{article.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert "<p>The canals run again.</p>" in body["body"]
    assert "Water flows." in body["body"] and "A resident" in body["body"]
    assert [member["title"] for member in body["related_members"]] == ["Cotonou"]
    assert [showcase["title"] for showcase in body["related_showcases"]] == ["Makoko waterfront"]
    assert body["related_showcases"][0]["url"].endswith("/en/members/lagos-state/makoko-waterfront/")
    assert response["Last-Modified"]


def test_unpublished_news_is_absent(api, make_news):
    make_news("Out")
    draft = make_news("Not yet", publish=False)

    assert _titles(api.get(LIST)) == ["Out"]
    response = api.get(f"{LIST}{draft.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_filters_are_the_news_indexs(api, article, make_news, member_b):
    make_news("Secretariat news", countries=["KE"], featured=True)
    make_news("Cotonou news", member=member_b)

    assert _titles(api.get(LIST, {"source": "members"})) == ["Lagos drains cleared", "Cotonou news"]
    assert _titles(api.get(LIST, {"theme": "water"})) == ["Lagos drains cleared"]
    assert _titles(api.get(LIST, {"country": "KE"})) == ["Secretariat news"]
    # A member's own news and the articles that mention it.
    assert _titles(api.get(LIST, {"member": member_b.pk})) == ["Lagos drains cleared", "Cotonou news"]
    assert _titles(api.get(LIST, {"featured": "true"})) == ["Secretariat news"]
    assert _titles(api.get(LIST, {"featured": "false"})) == ["Lagos drains cleared", "Cotonou news"]
    assert _titles(api.get(LIST, {"theme": "water", "country": "KE"})) == []


@pytest.mark.parametrize(
    "query",
    [
        {"source": "everyone"},
        {"theme": "no-such-theme"},
        {"country": "ZZ"},
        {"member": "abc"},
        {"member": "999999"},
        {"featured": "perhaps"},
    ],
)
def test_a_bad_filter_is_a_400_in_the_error_shape(api, make_news, query):
    make_news("Out")

    response = api.get(LIST, query)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert set(error["fields"]) == set(query)


def test_the_language_is_asked_by_locale_or_accept_language(api, make_news, water):
    make_news("Drains cleared", title_fr="Caniveaux dégagés", summary_fr="Les canaux coulent.", themes=[water])

    for response in (api.get(LIST, {"locale": "fr"}), api.get(LIST, HTTP_ACCEPT_LANGUAGE="fr")):
        item = response.json()["results"][0]
        assert (item["title"], item["summary"], item["language"]) == ("Caniveaux dégagés", "Les canaux coulent.", "fr")
        assert item["themes"] == [{"slug": "water", "name": "Eau"}]
        assert "/fr/" in item["url"]
        assert response["Content-Language"] == "fr"
    english = api.get(LIST).json()["results"][0]
    assert (english["title"], english["language"], english["themes"][0]["name"]) == ("Drains cleared", "en", "Water")


def test_an_unchanged_list_or_article_is_a_304(api, make_news):
    article = make_news("Out")

    for path in (LIST, f"{LIST}{article.pk}/"):
        first = api.get(path)
        assert api.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_pages_follow_each_other_without_gaps_or_repeats(api, make_news):
    for number in range(7):  # the same date for all: only the tie-break orders them
        make_news(f"News {number}", date=date(2026, 2, 2))

    everything = _titles(api.get(LIST, {"page_size": 100}))
    paged, url = [], f"{LIST}?page_size=3"
    while url:
        body = api.get(url).json()
        paged += [item["title"] for item in body["results"]]
        url = body["next"]

    assert paged == everything == [f"News {number}" for number in reversed(range(7))]


def test_the_list_queries_do_not_grow_with_the_news(api, make_news, make_member, water, count_queries):
    member = make_member(
        "Cairo", acronym="CAI", logo=get_image_model().objects.create(title="Logo", file=get_test_image_file())
    )

    def add(count: int, offset: int):
        for number in range(count):
            picture = get_image_model().objects.create(title=f"Photo {number}", file=get_test_image_file())
            make_news(
                f"News {offset + number}",
                member=member if number % 2 else None,
                themes=[water],
                countries=["KE", "NG"],
                image=picture,
                date=date(2026, 1, 1 + number % 28),
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
    print(f"news list: {small} queries at {small_items} items, {large} at {large_items}")


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
