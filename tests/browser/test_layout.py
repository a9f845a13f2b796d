import io

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from events.demo import ensure_demo_diary
from events.models import EventIndexPage, EventPage
from members.models import MemberPage
from portal.demo_content import DEMO_PASSWORD
from tests.conftest import build_demo_site

LANGUAGES = ("en", "ar", "ja")
# Controls a finger has to hit; links inside running text are exempt, as WCAG's target size allows.
CONTROLS = (
    "button, input:not([type=hidden], [type=checkbox], [type=radio]), select, summary, .button, .site-nav a,"
    " .site-header__link, .tabs__tab, .pagination a, .month__nav, .link-list a"
)
TOO_SMALL = """selector => [...document.querySelectorAll(selector)]
    .filter(element => element.getClientRects().length && getComputedStyle(element).visibility !== "hidden")
    .map(element => [element, element.getBoundingClientRect()])
    .filter(([element, box]) => box.height < 43.5 || box.width < 43.5)
    .map(([element, box]) => `${element.tagName}.${element.className} "${element.textContent.trim().slice(0, 30)}"`
        + ` ${Math.round(box.width)}x${Math.round(box.height)}`)"""


@pytest.fixture
def key_pages(live_server, transactional_db):
    """The key pages' addresses in each language, the members' area last (it needs a member's editor)."""
    build_demo_site(with_members=True, with_events=True)
    pages = [
        MemberPage.objects.get(slug_en="world-bank").get_site().root_page,
        MemberPage.objects.get(slug_en="world-bank"),
        EventIndexPage.objects.get(),
        EventPage.objects.live().order_by("pk").first(),
    ]
    addresses = {}
    for code in LANGUAGES:
        with translation.override(code):
            addresses[code] = [live_server.url + page.get_url() for page in pages]
            addresses[code].append(live_server.url + reverse("members:dashboard"))
    return addresses


def _sign_in(page: Page, base: str) -> None:
    page.goto(f"{base}/en/accounts/login/")
    page.locator("input[name=login]").fill("member@demo.test")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_no_page_scrolls_sideways_at_320_pixels_and_controls_are_44_pixels(page: Page, key_pages, live_server):
    _sign_in(page, live_server.url)
    overflowing, small = {}, {}
    page.set_viewport_size({"width": 320, "height": 800})
    for addresses in key_pages.values():
        for address in addresses:
            page.goto(address)
            page.locator(".language-switcher summary").click()  # its menu must fit too
            if (scroll_width := page.evaluate("document.documentElement.scrollWidth")) > 320:
                overflowing[address] = scroll_width
            if found := page.evaluate(TOO_SMALL, CONTROLS):
                small[address] = found

    assert overflowing == {}
    assert small == {}


def test_arrows_that_point_a_way_turn_round_in_arabic(page: Page, live_server, transactional_db):
    diary = ensure_demo_diary(home=build_demo_site().root_page, stdout=io.StringIO())  # no events needed
    transform = "element => getComputedStyle(element).transform"

    with translation.override("ar"):
        page.goto(live_server.url + diary.get_url() + "?view=month")
    assert page.locator(".month__nav .icon--directional").first.evaluate(transform) == "matrix(-1, 0, 0, 1, 0, 0)"

    with translation.override("en"):
        page.goto(live_server.url + diary.get_url() + "?view=month")
    assert page.locator(".month__nav .icon--directional").first.evaluate(transform) in {
        "none",
        "matrix(1, 0, 0, 1, 0, 0)",
    }


def test_filtering_the_diary_and_changing_language_work_without_javascript(browser, live_server, transactional_db):
    build_demo_site(with_events=True)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with translation.override("en"):
        page.goto(live_server.url + EventIndexPage.objects.get().get_url())

    page.locator(".filters-panel summary").click()
    page.locator("select[name=scope]").select_option("international")
    page.locator(".filters button[type=submit]").click()

    assert "scope=international" in page.url
    expect(page.locator(".event-card").first).to_be_visible()
    assert page.locator(".event-card").count() < EventPage.objects.live().count()
    page.locator(".language-switcher summary").click()
    page.locator(".language-switcher__list a[hreflang=ar]").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    context.close()
