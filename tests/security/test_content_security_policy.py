import io
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import BrowserContext, expect

from events.models import EventIndexPage, EventPage
from members.models import MemberPage
from portal.applications.demo import ensure_demo_application_form
from portal.demo_content import DEMO_PASSWORD
from portal.publications.demo import ensure_demo_library
from tests.browser.conftest import browser_type_launch_args  # noqa: F401 (Debian's Chromium)
from tests.conftest import build_demo_site

# Every violation, whether the browser reports it as an event or only in the console.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {name: sources for name, *sources in (part.split() for part in policy.split(";"))}


@pytest.mark.parametrize("path", ["/en/", "/ar/", "/en/accounts/login/", "/en/pattern-library/", "/no-such-page/"])
def test_public_pages_send_the_strict_policy(client, demo_site, path):
    policy = directives(client.get(path))

    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]


def test_the_admin_and_the_api_documentation_are_loosened_only_where_they_need(client, demo_site):
    admin = directives(client.get("/admin/login/"))
    swagger = directives(client.get(reverse("api-docs")))
    redoc = directives(client.get(reverse("api-redoc")))

    assert "'unsafe-eval'" not in " ".join(admin["script-src"] + swagger["script-src"] + redoc["script-src"])
    assert admin["frame-ancestors"] == ["'self'"]  # the page editor's preview panel frames the admin
    assert swagger["script-src"] == ["'self'"]
    assert redoc["object-src"] == ["'none'"]


class Browser:
    """A signed-out or signed-in Chromium tab that records the policy's violations."""

    def __init__(self, context: BrowserContext):
        context.add_init_script(RECORD_VIOLATIONS)
        self.page = context.new_page()
        self.console: list[str] = []
        self.page.on(
            "console",
            lambda message: self.console.append(message.text) if "Content Security Policy" in message.text else None,
        )

    def visit(self, url: str) -> list[str]:
        self.console.clear()
        self.page.goto(url)
        self.page.wait_for_load_state("networkidle")
        return self.page.evaluate("window.cspViolations") + self.console


@pytest.fixture
def public_urls(live_server, transactional_db):
    """The key public pages in English and Arabic, the members' area (signed in) last."""
    home = build_demo_site(with_members=True, with_events=True).root_page
    stdout = io.StringIO()
    with translation.override("en"):
        library = ensure_demo_library(home=home, stdout=stdout)
        form = ensure_demo_application_form(home=home, stdout=stdout)
    pages = [
        home,
        MemberPage.objects.get(slug_en="world-bank"),
        EventIndexPage.objects.get(),
        EventPage.objects.live().order_by("pk").first(),
        library,
        form,
    ]
    urls = {}
    for code in ("en", "ar"):
        with translation.override(code):
            urls[code] = [live_server.url + page.get_url() for page in pages]
            urls[code].append(live_server.url + reverse("members:dashboard"))
    return urls


def test_public_pages_break_no_rule_and_their_scripts_still_run(context: BrowserContext, public_urls, live_server):
    browser = Browser(context)
    page = browser.page
    page.set_viewport_size({"width": 1280, "height": 900})  # wide enough for filters.js to open the panels
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill("member@demo.test")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)

    violations = {}
    for urls in public_urls.values():
        for url in urls:
            if found := browser.visit(url):
                violations[url] = found
    assert violations == {}

    # timezone.js told the server the visitor's zone; filters.js opened the diary's filters.
    assert any(cookie["name"] == "visitor_tz" for cookie in context.cookies())
    page.goto(public_urls["en"][2])
    expect(page.locator("details.filters-panel")).to_have_attribute("open", "")


@pytest.fixture
def admin_urls(live_server, transactional_db):
    home = build_demo_site().root_page
    get_user_model().objects.create_superuser("admin", "admin@demo.test", DEMO_PASSWORD)
    return [f"{live_server.url}/admin/", f"{live_server.url}/admin/pages/{home.pk}/edit/"]


def test_wagtail_admin_breaks_no_rule_and_its_scripts_still_run(context: BrowserContext, admin_urls, live_server):
    browser = Browser(context)
    page = browser.page
    page.set_viewport_size({"width": 1280, "height": 900})
    session = Client()
    session.force_login(get_user_model().objects.get(username="admin"))
    cookie = session.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])

    violations = {url: found for url in admin_urls if (found := browser.visit(url))}
    assert violations == {}

    # The editor is Wagtail's scripts' work: the sidebar, the tabs and the live preview panel.
    expect(page.locator("[data-side-panel-toggle='preview']")).to_be_visible()
    page.locator("[data-side-panel-toggle='preview']").click()
    expect(page.locator("iframe#w-preview-iframe")).to_be_attached()
    page.wait_for_timeout(1000)
    assert browser.page.evaluate("window.cspViolations") + browser.console == []
    assert re.search(r"Edit", page.title())


def test_api_documentation_breaks_no_rule_and_draws_the_api(context: BrowserContext, live_server, transactional_db):
    browser = Browser(context)
    page = browser.page

    swagger = browser.visit(live_server.url + reverse("api-docs"))
    expect(page.locator(".opblock").first).to_be_visible()
    redoc = browser.visit(live_server.url + reverse("api-redoc"))
    expect(page.get_by_role("heading", name="Alliance Portal API")).to_be_visible()

    assert swagger == []
    # Redoc's footer logo, from its CDN: refused on purpose (Redoc drops it when it fails to load).
    assert redoc and all("https://cdn.redoc.ly/redoc/logo-mini.svg" in violation for violation in redoc)
