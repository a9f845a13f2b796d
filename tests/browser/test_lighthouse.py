from django.utils import translation

from events.models import EventIndexPage
from frontend.audits import lighthouse
from members.models import MemberPage
from tests.browser.conftest import audits_once
from tests.conftest import build_demo_site

CATEGORIES = ("accessibility", "best-practices", "seo")


@audits_once
def test_home_member_and_diary_score_at_least_90_in_english_and_arabic(live_server, transactional_db):
    home = build_demo_site(with_members=True, with_events=True).root_page
    pages = [home, MemberPage.objects.get(slug_en="world-bank"), EventIndexPage.objects.get()]
    urls = []
    for code in ("en", "ar"):
        with translation.override(code):
            urls += [live_server.url + page.get_url() for page in pages]

    reports = [lighthouse(url, CATEGORIES) for url in urls]

    low = {report.url: (report.below(90), report.failures) for report in reports if report.below(90)}
    assert not low
    assert all(set(report.scores) == set(CATEGORIES) for report in reports)
