import io
from datetime import timedelta

import icalendar
from django.utils import timezone
from playwright.sync_api import Page, expect

from events.demo import ensure_demo_diary
from portal.demo_content import DEMO_PASSWORD
from portal.models import HomePage
from tests.event_fixtures import ensure_moderation_workflow


def _sign_in(page: Page, site_url: str, email: str, language: str = "en") -> None:
    page.goto(f"{site_url}/{language}/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def test_a_city_posts_in_french_the_team_approves_and_it_is_in_the_diary_and_the_feed(page: Page, site_url):
    ensure_moderation_workflow()
    diary = ensure_demo_diary(home=HomePage.objects.get(), stdout=io.StringIO())
    start = timezone.localdate() + timedelta(days=20)

    _sign_in(page, site_url, "city@demo.test", "fr")
    page.goto(f"{site_url}/fr/espace-membres/")
    page.locator('a[href="/fr/espace-membres/events/new/"]').first.click()
    page.locator("select[name=language]").select_option("fr")
    page.locator("input[name=title]").fill("Forum des quartiers de Cotonou")
    page.locator("input[name=summary]").fill("Les habitants présentent leurs plans de quartier.")
    page.locator("textarea[name=description]").fill("Une journée d'échanges.\n\nOuvert à tous.")
    page.locator("select[name=scope]").select_option("city")
    page.locator("input[name=start_date]").fill(start.isoformat())
    page.locator("input[name=start_time]").fill("09:00")
    page.locator("input[name=end_time]").fill("13:00")
    page.locator("select[name=time_zone]").select_option("Africa/Porto-Novo")
    page.locator("input[name=city]").fill("Cotonou")
    page.locator("select[name=country]").select_option("BJ")
    page.locator("button[name=submit]").click()

    expect(page.locator(".notice--success, .messages, [role=status]").first).to_contain_text("Forum des quartiers")
    expect(page.locator("table")).to_contain_text("Forum des quartiers de Cotonou")

    page.context.clear_cookies()
    _sign_in(page, site_url, "comms@demo.test")
    page.goto(f"{site_url}/admin/")
    row = page.locator("tr", has_text="Forum des quartiers de Cotonou")
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve with comment").click()
    page.locator(".modal textarea[name=comment]").fill("Merci, publié.")
    page.locator(".modal button[type=submit]").click()
    expect(page.locator("tr", has_text="Forum des quartiers de Cotonou")).to_have_count(0)  # no longer awaiting review

    page.goto(f"{site_url}/fr/{diary.slug_fr}/")
    expect(page.get_by_role("link", name="Forum des quartiers de Cotonou")).to_be_visible()
    feed = icalendar.Calendar.from_ical(page.request.get(f"{site_url}/events/feed.ics?language=fr").body())
    summaries = [str(event["SUMMARY"]) for event in feed.walk("VEVENT")]
    assert "Forum des quartiers de Cotonou" in summaries
