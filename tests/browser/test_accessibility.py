import io

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page

from events.models import EventIndexPage, EventPage
from frontend.audits import AXE_SCRIPT
from members.models import MemberPage
from portal.applications.demo import ensure_demo_application_form
from portal.demo_content import DEMO_PASSWORD
from portal.publications.demo import ensure_demo_library
from showcases.demo import ensure_demo_showcases
from showcases.models import ShowcasePage
from tests.browser.conftest import audits_once
from tests.conftest import build_demo_site

BLOCKING = {"serious", "critical"}


@pytest.fixture
def browser_context_args(browser_context_args):
    # axe goes in as an inline script, which the portal's Content Security Policy refuses.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def audited_urls(live_server, transactional_db):
    """The pages the issue names, in English and Arabic, with the demo's content."""
    home = build_demo_site(with_members=True, with_events=True).root_page
    stdout = io.StringIO()
    with translation.override("en"):
        ensure_demo_showcases(home=home, stdout=stdout)
        library = ensure_demo_library(home=home, stdout=stdout)
        form = ensure_demo_application_form(home=home, stdout=stdout)
    pages = [
        home,
        MemberPage.objects.get(slug_en="world-bank"),
        ShowcasePage.objects.live().order_by("pk").first(),
        EventIndexPage.objects.get(),
        EventPage.objects.live().order_by("pk").first(),
        library,
        form,
    ]
    urls = []
    for code in ("en", "ar"):
        with translation.override(code):
            urls += [live_server.url + page.get_url() for page in pages]
            urls.append(live_server.url + reverse("members:dashboard"))
    return urls


@audits_once
def test_axe_finds_no_serious_or_critical_violation(page: Page, audited_urls, live_server):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill("member@demo.test")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    violations = {}
    for url in audited_urls:
        page.goto(url)
        page.add_script_tag(path=str(AXE_SCRIPT))
        found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
        blocking = [
            f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes'][:3]]}"
            for violation in found
            if violation["impact"] in BLOCKING
        ]
        if blocking:
            violations[url] = blocking

    assert violations == {}
    assert len(audited_urls) == 16
