import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from PIL.PdfParser import PdfParser
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from events.models import Status
from portal import demo
from portal.demo_content import HOME_SECTIONS
from portal.home import member_logos
from portal.models import HomePage, Theme
from portal.news.models import NewsIndexPage, NewsPage
from portal.publications import demo as publications_demo


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # brochures, logos and renditions stay out of var/media


@pytest.fixture
def home(home_page) -> HomePage:
    """The demo home page with its sections, as `seed_demo` leaves it."""
    demo.ensure_home_sections(home=home_page, stdout=io.StringIO())
    return HomePage.objects.get(pk=home_page.pk)


@pytest.fixture
def brochure_publication(home_page):
    """The demo brochure, a publication of the library, which the home page's brochure section shows."""
    library = publications_demo.ensure_demo_library(home=home_page, stdout=io.StringIO())
    return publications_demo.ensure_brochure_publication(index=library, stdout=io.StringIO())


@pytest.fixture
def news_index(home_page) -> NewsIndexPage:
    with translation.override("en"):
        return home_page.add_child(instance=NewsIndexPage(title="News", slug="news"))


def _image(title: str):
    return get_image_model().objects.create(title=title, file=get_test_image_file())


def _article(parent, title: str, *, days_ago: int = 0, publish: bool = True, **fields) -> NewsPage:
    with translation.override("en"):
        article = NewsPage(
            title=title,
            summary=f"About {title}.",
            date=timezone.localdate() - timedelta(days=days_ago),
            live=publish,
            **fields,
        )
        parent.add_child(instance=article)
    return article


def _set_section(home: HomePage, block_type: str, language: str = "en", **values) -> None:
    """Change one section of a language's body, as the communications team would in the admin."""
    field = f"body_{language}"
    body = list(getattr(home, field).raw_data)
    for block in body:
        if block["type"] == block_type:
            block["value"] = {**block["value"], **values}
    setattr(home, field, body)
    home.save_revision().publish()


def _section(response, heading: str):
    soup = BeautifulSoup(response.content, "html.parser")
    for section in soup.select("section.home-section"):
        if section.find("h2").get_text(strip=True) == heading:
            return section
    return None


def _titles(section) -> list[str]:
    return [title.get_text(strip=True) for title in section.select(".card__title")]


def _queries_for(client, path: str) -> int:
    client.get(path)  # warm the caches a running site keeps warm, and make the renditions
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_home_page_queries_do_not_grow_with_the_content(
    client, home, brochure_publication, news_index, make_member, make_event, make_showcase
):
    theme = Theme.objects.get(slug="slum-upgrading")
    today = timezone.localdate()

    def add(count: int, offset: int):
        for number in range(offset, offset + count):
            member = make_member(f"City {number}", acronym=f"C{number}", logo=_image(f"Logo {number}"))
            _article(news_index, f"News {number}", days_ago=number, featured=number % 2 == 0, image=_image("N"))
            # Older than the secretariat's, so the featured section has no member's article at either size.
            _article(member, f"Member news {number}", days_ago=100 + number, image=_image("M"))
            make_event(
                f"Forum {number}",
                start_date=today + timedelta(days=number + 1),
                members=[member],
                themes=[theme],
                image=_image("E"),
            )
            make_showcase(f"Showcase {number}", lead=member, themes=[theme], image=_image("S"))

    add(3, 0)
    few = {path: _queries_for(client, path) for path in ("/en/", "/ar/")}
    few_logos = len(_section(client.get("/en/"), "Our members").select("img"))

    add(12, 3)
    many = {path: _queries_for(client, path) for path in ("/en/", "/ar/")}
    response = client.get("/en/")

    assert (few_logos, len(_section(response, "Our members").select("img"))) == (3, 15)
    assert len(_titles(_section(response, "News from the Alliance"))) == 3
    assert len(_titles(_section(response, "Upcoming events"))) == 4
    assert len(_titles(_section(response, "Cities in action"))) == 3
    assert len(_titles(_section(response, "From our members"))) == 3
    assert few == many


def test_featured_news_comes_first_then_the_newest(client, home, news_index):
    _article(news_index, "Older but featured", days_ago=30, featured=True)
    for days_ago in range(4):
        _article(news_index, f"{days_ago} days ago", days_ago=days_ago)
    _article(news_index, "Draft from today", publish=False)

    section = _section(client.get("/en/"), "News from the Alliance")

    assert _titles(section) == ["Older but featured", "0 days ago", "1 days ago"]
    assert section.select_one(".home-section__more")["href"] == "/en/news/"


def test_articles_picked_by_hand_replace_the_automatic_ones_in_their_order(client, home, news_index):
    newest = _article(news_index, "Newest")
    older = _article(news_index, "Older", days_ago=5)
    oldest = _article(news_index, "Oldest", days_ago=9)
    withdrawn = _article(news_index, "Withdrawn", days_ago=1)
    withdrawn.unpublish()

    _set_section(home, "featured_news", pages=[oldest.pk, withdrawn.pk, older.pk])

    section = _section(client.get("/en/"), "News from the Alliance")
    assert _titles(section) == ["Oldest", "Older"]
    assert newest.title not in section.get_text()


def test_members_news_shows_only_what_members_published(client, home, news_index, make_member):
    member = make_member("Lagos State", acronym="LAG")
    secretariat = _article(news_index, "From the secretariat")
    _article(member, "Lagos opens a planning office", days_ago=1)
    _article(member, "Lagos draft", publish=False)
    _set_section(home, "featured_news", pages=[secretariat.pk])

    section = _section(client.get("/en/"), "From our members")

    assert _titles(section) == ["Lagos opens a planning office"]
    assert "LAG" in section.select_one(".news-card__source").get_text()


def test_a_featured_members_article_is_shown_once(client, home, news_index, make_member):
    member = make_member("Shack/Slum Dwellers International", acronym="SDI")
    _article(member, "Know your city", featured=True, days_ago=3)
    _article(member, "Federations meet in Nairobi", days_ago=5)

    response = client.get("/en/")

    assert _titles(_section(response, "News from the Alliance")) == ["Know your city", "Federations meet in Nairobi"]
    assert _section(response, "From our members") is None  # all its articles are above


def test_upcoming_events_leave_out_past_cancelled_and_unpublished_ones_and_show_a_repeat_once(
    client, home, make_event, next_monday
):
    today = timezone.localdate()
    make_event("Past forum", start_date=today - timedelta(days=10))
    make_event("Cancelled forum", start_date=today + timedelta(days=2), status=Status.CANCELLED)
    make_event("Draft forum", start_date=today + timedelta(days=3), publish=False)
    make_event("World Urban Forum", start_date=today + timedelta(days=40))
    make_event(
        "Weekly call",
        start_date=next_monday,
        repeat="weekly",
        repeat_count=4,
        changes=[(next_monday, {"cancelled": True})],
    )

    section = _section(client.get("/en/"), "Upcoming events")

    assert _titles(section) == ["Weekly call", "World Urban Forum"]
    first_date = section.select_one("time")["datetime"]
    assert first_date.startswith((next_monday + timedelta(days=7)).isoformat())


def test_upcoming_events_on_one_theme_link_to_the_diary_on_that_theme(client, home, make_event):
    upgrading = Theme.objects.get(slug="slum-upgrading")
    climate = Theme.objects.get(slug="climate-change")
    make_event("Upgrading workshop", themes=[upgrading])
    make_event("Climate summit", themes=[climate])

    _set_section(home, "upcoming_events", theme=upgrading.pk)

    section = _section(client.get("/en/"), "Upcoming events")
    assert _titles(section) == ["Upgrading workshop"]
    assert section.select_one(".home-section__more")["href"] == "/en/events/?theme=slum-upgrading"


def test_featured_showcases_are_the_most_recent_unless_picked(client, home, make_showcase):
    first = make_showcase("Cairo informal areas")
    make_showcase("Lagos waterfront")
    make_showcase("Manila river", publish=False)
    make_showcase("Mumbai housing")

    assert _titles(_section(client.get("/en/"), "Cities in action")) == [
        "Mumbai housing",
        "Lagos waterfront",
        first.title,
    ]

    _set_section(home, "featured_showcases", pages=[first.pk])
    assert _titles(_section(client.get("/en/"), "Cities in action")) == [first.title]


def test_the_logo_strip_links_each_member_with_a_logo_by_its_name(client, home, make_member):
    lagos = make_member("Lagos State", logo=_image("Lagos logo"))
    make_member("Cotonou", logo=_image("Cotonou logo"))
    make_member("No logo city")

    section = _section(client.get("/en/"), "Our members")

    links = section.select(".logo-strip a")
    assert [link.img["alt"] for link in links] == ["Cotonou", "Lagos State"]
    assert links[1]["href"] == lagos.url
    assert all(link.img["src"].endswith(".webp") for link in links)


def _logo_names(response) -> list[str]:
    return [link.img["alt"] for link in _section(response, "Our members").select(".logo-strip a")]


def test_the_logo_strip_shows_as_many_members_as_asked_and_links_to_them_all(client, home, make_member):
    for number in range(5):
        make_member(f"City {number}", logo=_image(f"Logo {number}"))
    assert len(_logo_names(client.get("/en/"))) == 5

    _set_section(home, "member_logos", number=2)
    section = _section(client.get("/en/"), "Our members")

    assert len(section.select(".logo-strip a")) == 2
    assert section.select_one(".home-section__more")["href"] == "/en/members/"


def test_the_logo_strip_gives_every_member_with_a_logo_its_turn_day_after_day(make_member):
    members = [make_member(f"City {number}", logo=_image(f"Logo {number}")) for number in range(5)]
    make_member("No logo city")
    first_day = timezone.localdate()

    def shown(day: int) -> list[str]:
        listing = member_logos(picked=[], limit=2, today=first_day + timedelta(days=day))
        return [member.title for member in listing.items]

    assert shown(0) == shown(0)
    assert shown(0) != shown(1)
    assert all(len(shown(day)) == 2 for day in range(5))
    assert {title for day in range(3) for title in shown(day)} == {member.title for member in members}


def test_the_logo_strip_shows_every_member_picked_in_their_order(client, home, make_member):
    members = [make_member(f"City {number}", logo=_image(f"Logo {number}")) for number in range(4)]

    _set_section(home, "member_logos", number=1, pages=[members[2].pk, members[0].pk, members[3].pk])

    assert _logo_names(client.get("/en/")) == ["City 2", "City 0", "City 3"]


def test_the_arabic_home_shows_arabic_headings_and_the_arabic_brochure(
    client, home, brochure_publication, news_index, make_event
):
    _article(news_index, "Featured story", featured=True)
    make_event("World Urban Forum")

    response = client.get("/ar/")

    for heading in ("news", "events", "brochure"):
        assert _section(response, HOME_SECTIONS["ar"][heading]) is not None
    assert _section(response, HOME_SECTIONS["en"]["news"]) is None
    brochure = _section(response, HOME_SECTIONS["ar"]["brochure"])
    download = brochure.select_one(".downloads__primary a")
    assert download["href"].endswith("alliance-brochure-ar.pdf")
    assert "PDF" in brochure.select_one(".downloads__primary .downloads__meta").get_text(strip=True)
    others = {link["hreflang"]: link.get_text(strip=True) for link in brochure.select(".downloads__languages a")}
    assert len(others) == 8 and others["en"] == "English" and others["fr"] == "français"


def test_each_language_has_its_own_brochure_as_a_small_pdf(client, home, brochure_publication):
    response = client.get("/fr/")
    href = _section(response, HOME_SECTIONS["fr"]["brochure"]).select_one(".downloads__primary a")["href"]

    pdf = b"".join(client.get(href).streaming_content)

    document = PdfParser(buf=pdf)
    assert (document.info.Title, len(document.pages)) == ("Alliance brochure (French)", 1)
    assert len(pdf) < 100_000


def test_the_demo_adds_the_sections_to_yesterdays_home_once_and_leaves_an_arranged_one_alone(home_page):
    before = [block.block_type for block in home_page.body_en]
    assert "featured_news" not in before  # the home page as it was before the sections existed
    demo.ensure_home_sections(home=home_page, stdout=io.StringIO())
    home = HomePage.objects.get(pk=home_page.pk)
    after = [block.block_type for block in home.body_en]
    assert after[:5] == ["hero", "featured_news", "upcoming_events", "featured_showcases", "members_news"]
    assert after[5:] == [*before[1:], "brochure", "member_logos"]

    _set_section(home, "featured_news", heading="Our news")  # the team rearranges a section
    body_ar = list(HomePage.objects.get(pk=home.pk).body_ar.raw_data)
    body_ar = [block for block in body_ar if block["type"] not in {"member_logos", "brochure"}]
    home.body_ar = body_ar  # and takes the logos and the brochure off the Arabic home
    home.save_revision().publish()
    revisions = home.revisions.count()

    demo.ensure_home_sections(home=home, stdout=io.StringIO())

    home = HomePage.objects.get(pk=home.pk)
    assert home.revisions.count() == revisions
    assert [block.value["heading"] for block in home.body_en if block.block_type == "featured_news"] == ["Our news"]
    assert "brochure" not in [block.block_type for block in home.body_ar]
