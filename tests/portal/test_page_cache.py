"""Public pages served from the cache to visitors who are not signed in, asked with real requests:
a hit runs no query, each language and time zone has its own copy, every publish, unpublish, move
or delete (and a change to what pages display) shows on the next request, and signed-in members
never see a cached page nor anyone else's."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from members.models import MemberPage
from portal import demo
from portal.applications import demo as applications_demo
from portal.models import SiteSettings, Theme
from tests.showcases.test_permissions import _form_data

PURGED: list[str] = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    # The test settings turn the cache off so other tests' repeated requests still render.
    settings.PAGE_CACHE_SECONDS = 300


def _get(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, path
    return response


def test_a_second_anonymous_visit_runs_no_query_and_gets_the_same_page(
    client, demo_site, member_a, make_event, django_assert_num_queries
):
    make_event("Urban forum", members=[member_a])
    for path in ("/en/", member_a.url, "/en/events/"):
        first = _get(client, path)
        assert first["X-Cache"] == "miss"
        with django_assert_num_queries(0):
            second = _get(client, path)
        assert second["X-Cache"] == "hit"
        assert second.content == first.content
        assert second["Content-Type"] == first["Content-Type"]


def test_head_is_answered_from_the_cache(client, demo_site, django_assert_num_queries):
    _get(client, "/en/")
    with django_assert_num_queries(0):
        response = client.head("/en/")
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_each_language_has_its_own_copy(client, demo_site, about_page):
    english, arabic = _get(client, "/en/"), _get(client, "/ar/")
    assert _get(client, "/en/")["X-Cache"] == "hit"
    assert _get(client, "/ar/")["X-Cache"] == "hit"

    assert b'lang="en"' in english.content and b'lang="ar"' in arabic.content
    assert _get(client, "/ar/").content == arabic.content
    assert _get(client, "/en/").content == english.content
    assert _get(client, "/en/").headers["Content-Language"] == "en"
    assert _get(client, "/ar/").headers["Content-Language"] == "ar"


def test_the_query_string_and_the_visitors_time_zone_are_part_of_the_key(client, diary):
    _get(client, "/en/events/")
    assert _get(client, "/en/events/?theme=water")["X-Cache"] == "miss"
    client.cookies["visitor_tz"] = "Asia/Tokyo"
    assert _get(client, "/en/events/")["X-Cache"] == "miss"
    assert _get(client, "/en/events/")["X-Cache"] == "hit"


def test_publishing_a_new_revision_shows_at_once(client, about_page):
    _get(client, about_page.url)
    about_page.title = "About the Alliance, revised"
    about_page.save_revision().publish()

    response = _get(client, about_page.url)
    assert response["X-Cache"] == "miss"
    assert "About the Alliance, revised" in response.content.decode()


def test_publishing_through_the_admin_shows_at_once(client, login_as, about_page):
    _get(client, about_page.url)
    editor = Client()
    editor.force_login(get_user_model().objects.get(email="comms@demo.test"))
    url = f"/admin/pages/{about_page.pk}/edit/"
    data = _form_data(editor, url, title_en="About us, from the admin")
    data["action-publish"] = "action-publish"
    assert editor.post(url, data).status_code == 302

    assert "About us, from the admin" in _get(client, about_page.url).content.decode()


def test_unpublishing_shows_at_once_on_the_page_and_its_index(client, member_a, make_member):
    index_url = member_a.get_parent().url
    other = make_member("Cotonou")
    _get(client, other.url)
    assert "Cotonou" in _get(client, index_url).content.decode()

    other.unpublish()

    assert client.get(other.url).status_code == 404
    assert "Cotonou" not in _get(client, index_url).content.decode()


def test_moving_shows_at_once(client, home_page, member_a):
    old_url = member_a.url
    _get(client, old_url)

    member_a.move(home_page, pos="last-child")

    assert client.get(old_url).status_code == 301  # Wagtail's redirect to where it went
    assert "Lagos State" in _get(client, MemberPage.objects.get(pk=member_a.pk).url).content.decode()


def test_deleting_shows_at_once(client, member_a):
    index_url = member_a.get_parent().url
    _get(client, member_a.url)
    assert "Lagos State" in _get(client, index_url).content.decode()

    member_a.delete()

    assert client.get(member_a.url).status_code == 404
    assert "Lagos State" not in _get(client, index_url).content.decode()


def test_a_change_to_one_page_shows_on_the_pages_that_list_it(client, home_page, make_news):
    demo.ensure_home_sections(home=home_page, stdout=io.StringIO())
    make_news("First article")
    assert "Second article" not in _get(client, "/en/").content.decode()
    make_news("Second article")  # published with Wagtail's revision.publish()

    assert "Second article" in _get(client, "/en/news/").content.decode()
    assert "Second article" in _get(client, "/en/").content.decode()


def test_a_settings_change_shows_on_every_page(client, demo_site):
    _get(client, "/en/")
    site_settings = SiteSettings.for_site(demo_site)
    site_settings.tagline = "Cities together"
    site_settings.save()

    assert "Cities together" in _get(client, "/en/").content.decode()


def test_signed_in_members_never_get_a_cached_page_nor_anyone_elses(client, demo_site, editor_a, editor_b):
    anonymous = _get(client, "/en/").content.decode()
    assert "Sign in" in anonymous

    member_a_client, member_b_client = Client(), Client()
    member_a_client.force_login(editor_a)
    member_b_client.force_login(editor_b)
    for path in ("/en/", "/en/members-area/"):
        page_a = _get(member_a_client, path)
        assert "X-Cache" not in page_a
        assert "Sign out" in page_a.content.decode()
    assert "Lagos State" in _get(member_a_client, "/en/members-area/").content.decode()

    page_b = _get(member_b_client, "/en/members-area/").content.decode()
    assert "Cotonou" in page_b and "Lagos State" not in page_b
    assert "Sign out" in _get(member_b_client, "/en/").content.decode()

    after = _get(Client(), "/en/")
    assert after["X-Cache"] == "hit"
    assert "Sign out" not in after.content.decode() and "Sign in" in after.content.decode()


def test_a_signed_in_visit_first_is_not_stored_for_anonymous_visitors(client, demo_site, editor_a):
    member = Client()
    member.force_login(editor_a)
    _get(member, "/en/")

    response = _get(client, "/en/")
    assert response["X-Cache"] == "miss"
    assert "Sign out" not in response.content.decode()


def test_post_is_not_cached(client, demo_site):
    _get(client, "/en/")
    response = client.post("/en/")
    assert "X-Cache" not in response


def test_a_page_with_a_csrf_form_is_never_stored(client, home_page, settings, tmp_path):
    settings.APPLICATIONS_PRIVATE_ROOT = tmp_path
    form_page = applications_demo.ensure_demo_application_form(home=home_page, stdout=io.StringIO())
    first = _get(client, form_page.url)
    assert "csrfmiddlewaretoken" in first.content.decode()

    second = _get(Client(), form_page.url)
    assert "X-Cache" not in second
    assert second.cookies[settings.CSRF_COOKIE_NAME].value  # its own token, not the first visitor's
    assert "X-Cache" not in _get(client, form_page.url)  # nor for one who already has a CSRF cookie
    assert "X-Cache" not in _get(client, "/en/accounts/login/")


def test_404s_are_not_cached(client, demo_site):
    assert client.get("/en/no-such-page/").status_code == 404
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "X-Cache" not in response


def test_a_timeout_of_zero_turns_the_cache_off(client, demo_site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _get(client, "/en/")
    response = _get(client, "/en/")
    assert "X-Cache" not in response


def test_publishing_purges_the_page_and_the_pages_above_it_from_the_cdn_in_every_language(settings, about_page):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    PURGED.clear()
    about_page.title = "About, for the CDN"
    about_page.save_revision().publish()

    with translation.override("fr"):
        french_about = about_page.full_url
    assert {"http://localhost/en/", "http://localhost/ar/", about_page.full_url, french_about} <= set(PURGED)


def test_saving_a_theme_drops_the_cached_pages(client, demo_site):
    """Themes are a snippet shown on cards and filters: saving one renders pages afresh."""
    _get(client, "/en/")
    assert _get(client, "/en/")["X-Cache"] == "hit"
    theme = Theme.objects.order_by("pk").first()
    theme.name_en = "Land and housing rights"
    theme.save()

    assert _get(client, "/en/")["X-Cache"] == "miss"
