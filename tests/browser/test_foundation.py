from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from portal.demo_content import ABOUT, DEMO_PASSWORD, HOME

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"


def test_home_page_in_english_and_arabic(page: Page, site_url):
    page.goto(f"{site_url}/en/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", name=HOME["en"]["hero"])).to_be_visible()

    page.goto(f"{site_url}/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", name=HOME["ar"]["hero"])).to_be_visible()
    # Mirrored: the brand sits at the right edge, the account links at the left.
    brand = page.locator(".site-brand").bounding_box()
    tools = page.locator(".site-header__tools").bounding_box()
    assert brand["x"] > tools["x"]


def test_language_switcher_lands_on_the_same_page(page: Page, site_url):
    page.goto(f"{site_url}/fr/a-propos/")
    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="Español").click()

    expect(page).to_have_url(f"{site_url}/es/acerca-de/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ABOUT["es"][0])

    page.locator(".language-switcher summary").click()
    page.get_by_role("link", name="العربية").click()
    expect(page).to_have_url(f"{site_url}/ar/about/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_sign_in_as_the_communications_team(page: Page, site_url):
    page.goto(f"{site_url}/en/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("comms@demo.test")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()

    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    page.goto(f"{site_url}/admin/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alliance Portal")


@pytest.mark.parametrize("code", ["en", "ar", "zh-hans", "ja"])
@pytest.mark.parametrize("width", [375, 1280])
def test_screenshot_home_page(page: Page, site_url, code, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}/{code}/")

    # No horizontal scrolling on a small phone, in any script.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=SCREENSHOTS / f"home-{code}-{width}.png", full_page=True)
