import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Collection, Locale, Page, Site

from events import demo as events_demo
from members import demo as members_demo
from portal import demo
from portal.demo_content import DEMO_PASSWORD
from portal.news import demo as news_demo
from portal.publications import demo as publications_demo
from showcases import demo as showcases_demo

pytest_plugins = ["tests.member_fixtures", "tests.event_fixtures", "tests.showcase_fixtures", "tests.news_fixtures"]


def build_demo_site(
    *,
    with_members: bool = False,
    with_events: bool = False,
    with_news: bool = False,
    with_showcases: bool = False,
    with_publications: bool = False,
) -> Site:
    """What Wagtail's data migrations and `seed_demo` make, for tests that run without migrations.

    The 27 demo members and the demo events take seconds to create: only the tests that use
    them ask for them (events link to members only when both are asked for)."""
    Locale.objects.get_or_create(language_code="en")
    if not Page.objects.filter(depth=1).exists():
        with translation.override("en"):  # a previous request may have left another language active
            Page.add_root(instance=Page(title="Root", slug="root"))
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    stdout = io.StringIO()
    with translation.override("en"):
        home = demo.ensure_demo_site(stdout=stdout)
        if with_members:
            members_demo.ensure_demo_members(home=home, stdout=stdout)
            members_demo.assign_demo_editors()
        if with_events:
            diary = events_demo.ensure_demo_diary(home=home, stdout=stdout)
            events_demo.ensure_demo_events(diary=diary, stdout=stdout)
        if with_news:
            news_demo.ensure_demo_news(home=home, stdout=stdout)
        if with_showcases:
            showcases_demo.ensure_demo_showcases(home=home, stdout=stdout)
        if with_publications:
            publications_demo.ensure_demo_publications(home=home, stdout=stdout)
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


@pytest.fixture(autouse=True)
def _fresh_state():
    """Each test starts in English with an empty cache (allauth keeps its rate-limit counters
    there), whatever language and counters the previous test's requests left behind."""
    cache.clear()
    translation.activate("en")
    yield
    cache.clear()
    translation.deactivate()
