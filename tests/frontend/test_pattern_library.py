import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from frontend.patterns import PATTERNS, design_tokens
from tests.conftest import build_demo_site

URL = "/en/pattern-library/"


@pytest.fixture
def full_demo(db):
    return build_demo_site(with_members=True, with_events=True, with_news=True)


def _samples(html: str, slug: str) -> list[str]:
    section = html.split(f'<section class="pattern" id="{slug}"')[1].split('<section class="pattern" ')[0]
    return re.findall(r'<div class="pattern__sample" lang="(\w+)" dir="(\w+)">', section)


def test_the_communications_team_sees_every_component_in_english_and_arabic(client, login_as, full_demo):
    login_as("comms@demo.test")

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    for pattern in PATTERNS:
        assert _samples(html, pattern.slug) == [("en", "ltr"), ("ar", "rtl")], pattern.slug
    with translation.override("ar"):
        arabic_next = translation.gettext("Next")
    assert arabic_next != "Next" and arabic_next in html  # the Arabic sample is rendered in Arabic
    assert "World Bank" in html and "Settlement profiling clinic" in html  # drawn from the site's content
    assert 'class="field-error"' in html  # the form shows its inline errors


def test_a_site_without_content_shows_the_components_that_need_none(client, login_as, demo_site):
    login_as("comms@demo.test")

    html = client.get(URL).content.decode()

    assert "Nothing to show: the site has no content of this kind yet." in html
    assert 'class="notice notice--success"' in html and 'class="pagination"' in html


def test_members_editors_and_contributors_may_not_open_it(client, login_as, db):
    build_demo_site(with_members=True)
    login_as("member@demo.test")  # a member's editor, who may use the admin for the member's pages
    assert client.get(URL).status_code == 403
    assert "pattern-library" not in client.get("/admin/").content.decode()

    client.logout()
    login_as("city@demo.test")
    assert client.get(URL).status_code == 403


def test_visitors_are_asked_to_sign_in(client, demo_site):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=")


def test_the_admin_help_menu_links_to_it_for_staff(client, login_as, demo_site):
    login_as("comms@demo.test")

    assert URL in client.get("/admin/").content.decode()


def test_every_design_token_has_the_class_that_draws_its_sample():
    # The Content Security Policy refuses style attributes: each sample's class sets its token.
    stylesheet = Path(finders.find("css/portal.css")).read_text(encoding="utf-8")
    for kind in ("colour", "step", "space"):
        for name, _value in design_tokens()[kind]:
            assert f".tokens__sample{name} {{ --token: var({name}); }}" in stylesheet, name
