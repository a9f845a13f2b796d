import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Collection, Locale, Page, Site

from portal.demo_content import DEMO_PASSWORD


def build_demo_site() -> Site:
    """What Wagtail's data migrations and `seed_demo` make, for tests that run without migrations."""
    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        with translation.override("en"):  # a previous request may have left another language active
            Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    call_command("seed_demo", stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def demo_site(db) -> Site:
    return build_demo_site()


@pytest.fixture
def home_page(demo_site):
    return demo_site.root_page.specific


@pytest.fixture
def about_page(home_page):
    return home_page.get_children().get(slug_en="about").specific


@pytest.fixture
def login_as(client, demo_site):
    """Sign a demo account in through allauth's own form, as a visitor would."""

    def login(email: str):
        response = client.post("/en/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, response.content[:500]
        return get_user_model().objects.get(email=email)

    return login
