"""/api/v2/: Wagtail's API with the translated fields in the language asked for."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from portal.demo_content import ABOUT, HOME

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"


def titles(response) -> set[str]:
    return {item["title"] for item in response.json()["items"]}


def test_the_router_is_mounted_under_api_v2():
    assert reverse("wagtailapi:pages:listing") == PAGES
    assert reverse("wagtailapi:images:listing") == "/api/v2/images/"
    assert reverse("wagtailapi:documents:listing") == "/api/v2/documents/"


def test_pages_are_public_and_in_english_by_default(api, home_page, about_page):
    response = api.get(PAGES)
    assert response.status_code == 200
    assert {HOME["en"]["title"], ABOUT["en"][0]} <= titles(response)
    assert response["Content-Language"] == "en"
    assert response.json()["meta"]["locale"] == "en"


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_locale_parameter_translates_the_titles(api, home_page, about_page, code):
    response = api.get(PAGES, {"locale": code})
    assert response.status_code == 200, response.content
    assert {HOME[code]["title"], ABOUT[code][0]} <= titles(response)
    assert response["Content-Language"] == code
    assert response.json()["meta"]["locale"] == code


@pytest.mark.parametrize("code", ["fr", "ar"])
def test_accept_language_translates_the_titles(api, home_page, about_page, code):
    response = api.get(PAGES, HTTP_ACCEPT_LANGUAGE=code)
    assert response.status_code == 200, response.content
    assert {HOME[code]["title"], ABOUT[code][0]} <= titles(response)
    assert response["Content-Language"] == code
    assert response.json()["meta"]["locale"] == code


def test_locale_parameter_wins_over_accept_language(api, home_page):
    response = api.get(PAGES, {"locale": "fr"}, HTTP_ACCEPT_LANGUAGE="ar")
    assert response["Content-Language"] == "fr"
    assert HOME["fr"]["title"] in titles(response)


def test_detail_is_translated_with_slug_and_url(api, about_page):
    response = api.get(f"{PAGES}{about_page.pk}/", {"locale": "fr"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == ABOUT["fr"][0]
    assert body["meta"]["slug"] == ABOUT["fr"][1]
    assert ABOUT["fr"][1] in body["meta"]["html_url"]
    assert body["meta"]["locale"] == "fr"
    assert response["Content-Language"] == "fr"


def test_an_unknown_locale_is_a_400_in_the_error_shape(api):
    response = api.get(PAGES, {"locale": "xx"})
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


def test_unknown_parameters_and_pages_are_errors_in_the_error_shape(api):
    response = api.get(PAGES, {"nope": "1"})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    response = api.get(f"{PAGES}999999/")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "status": 404,
        "code": "not_found",
        "message": "No Page matches the given query.",
    }


def test_only_live_public_pages_are_listed(api, home_page, about_page):
    draft = home_page.add_child(instance=Page(title="Draft page", slug="draft-page", live=False))
    private = home_page.add_child(instance=Page(title="Private page", slug="private-page"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    listed = titles(api.get(PAGES))
    assert ABOUT["en"][0] in listed
    assert draft.title not in listed
    assert private.title not in listed
    assert api.get(f"{PAGES}{draft.pk}/").status_code == 404
    assert api.get(f"{PAGES}{private.pk}/").status_code == 404


def test_images_and_documents_are_public(api):
    for path in ("/api/v2/images/", "/api/v2/documents/"):
        response = api.get(path, {"locale": "fr"})
        assert response.status_code == 200, response.content
        assert response["Content-Language"] == "fr"
        assert "total_count" in response.json()["meta"]


def test_page_types_expose_their_translated_intro_and_body(api, home_page, about_page):
    response = api.get(f"{PAGES}{home_page.pk}/", {"locale": "fr"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["intro"] == HOME["fr"]["intro"]
    assert isinstance(body["body"], list) and body["body"]
    assert body["body"] != api.get(f"{PAGES}{home_page.pk}/").json()["body"]  # the English body differs
    listing = api.get(PAGES, {"type": "portal.StandardPage", "fields": "intro", "locale": "ar"}).json()
    assert {item["intro"] for item in listing["items"]} == {ABOUT["ar"][2]}
