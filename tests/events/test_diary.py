from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.models import Theme


def _titles(response) -> list[str]:
    return [entry.event.title for entry in response.context["entries"]]


def test_the_diary_lists_upcoming_occurrences_in_order(client, make_event):
    today = timezone.localdate()
    make_event("Later", start_date=today + timedelta(days=20))
    make_event("Sooner", start_date=today + timedelta(days=3))
    make_event("Over", start_date=today - timedelta(days=3))
    make_event("Draft", start_date=today + timedelta(days=4), publish=False)

    response = client.get("/en/events/")

    assert response.status_code == 200
    assert _titles(response) == ["Sooner", "Later"]
    assert b"2 upcoming events" in response.content


def test_past_events_come_newest_first(client, make_event):
    today = timezone.localdate()
    make_event("Long ago", start_date=today - timedelta(days=40))
    make_event("Last week", start_date=today - timedelta(days=7))
    make_event("Coming", start_date=today + timedelta(days=7))

    response = client.get("/en/events/?view=past")

    assert _titles(response) == ["Last week", "Long ago"]


def test_a_repeating_event_shows_each_occurrence_but_a_cancelled_one_is_marked(client, make_event, next_monday):
    make_event(
        "Weekly call",
        start_date=next_monday,
        repeat="weekly",
        repeat_count=3,
        changes=[(next_monday + timedelta(days=7), {"cancelled": True})],
    )

    response = client.get("/en/events/")

    entries = response.context["entries"]
    assert [entry.occurrence.is_cancelled for entry in entries] == [False, True, False]
    assert response.content.count(b"Cancelled") >= 1


def test_the_month_view_places_events_on_their_local_day(client, make_event):
    # 23:30 in Manila on 10 March is still 9 March in UTC: it belongs to the 10th.
    make_event(
        "Manila night",
        start_date=date(2031, 3, 10),
        start_time=time(23, 30),
        end_time=time(23, 45),
        time_zone="Asia/Manila",
    )
    make_event("April", start_date=date(2031, 4, 2))

    response = client.get("/en/events/?view=month&month=2031-03")

    days = {day["date"]: day["entries"] for week in response.context["weeks"] for day in week}
    assert [entry.event.title for entry in days[date(2031, 3, 10)]] == ["Manila night"]
    assert _titles(response) == ["Manila night"]
    assert b"March 2031" in response.content


@pytest.mark.parametrize(
    "query",
    [
        "view=month&month=garbage",
        "view=nonsense",
        "country=XX",
        "member=abc",
        "theme=unknown",
        "start=2027-99-99",
        "page=1000000000",
        "city=" + "x" * 5000,
        "start=2030-01-10&end=2030-01-01",
    ],
)
def test_bad_filters_give_a_normal_page(client, make_event, query):
    make_event("Forum")

    response = client.get(f"/en/events/?{query}")

    assert response.status_code == 200
    assert b"Forum" in response.content or b"field-error" in response.content


def test_filters_narrow_the_diary_and_its_subscribe_link(client, make_event, make_member):
    lagos = make_member("Lagos State", acronym="LAG")
    slums = Theme.objects.get_or_create(slug="slum-upgrading", defaults={"name": "Slum upgrading"})[0]
    make_event("Lagos housing", country="NG", city="Lagos", scope="city", members=[lagos], themes=[slums])
    make_event("Nairobi forum", country="KE", city="Nairobi", scope="national")

    for query in ("country=NG", "city=Lagos", "scope=city", f"member={lagos.pk}", "theme=slum-upgrading"):
        response = client.get(f"/en/events/?{query}")
        assert _titles(response) == ["Lagos housing"], query
        assert f"feed.ics?{query}".encode() in response.content.replace(b"&amp;", b"&")


def test_a_date_range_keeps_events_that_overlap_it(client, make_event):
    make_event("Three days", all_day=True, start_date=date(2031, 5, 1), end_date=date(2031, 5, 3))
    make_event("After", start_date=date(2031, 5, 10))

    response = client.get("/en/events/?start=2031-05-03&end=2031-05-05&view=upcoming")

    assert _titles(response) == ["Three days"]


def test_times_show_in_the_event_zone_and_the_visitor_zone_beside_it(client, make_event):
    make_event(
        "Cairo meeting", start_date=date(2031, 6, 3), start_time=time(10), end_time=time(12), time_zone="Africa/Cairo"
    )
    client.cookies["visitor_tz"] = "Asia/Tokyo"

    response = client.get("/en/events/")

    text = response.content.decode()
    assert "10 a.m." in text and "Africa/Cairo" in text
    assert "4 p.m.–6 p.m. your time (Asia/Tokyo)" in text


def test_the_event_page_shows_the_next_dates_and_calendar_links(client, make_event, next_monday):
    event = make_event(
        "Weekly call",
        start_date=next_monday,
        repeat="weekly",
        repeat_count=12,
        registration_url="https://example.org/r",
    )

    response = client.get(event.url)

    assert response.status_code == 200
    assert len(response.context["when"]) == 8
    assert response.context["more_dates"] == 4
    assert f"/events/{event.pk}.ics".encode() in response.content
    assert b"calendar.google.com" in response.content
    assert b"https://example.org/r" in response.content


def test_the_diary_in_arabic_reads_right_to_left(client, make_event):
    make_event("Forum")

    response = client.get("/ar/events/")

    assert response.status_code == 200
    assert b'dir="rtl"' in response.content


def _diary_queries(client) -> int:
    client.get("/en/events/")  # warms Wagtail's cache of site root paths
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/events/").status_code == 200
        assert client.get("/en/events/?view=month").status_code == 200
    return len(queries)


def test_the_diary_queries_do_not_grow_with_the_events(client, make_event, make_member):
    member = make_member("Cairo", acronym="CAI")
    theme = Theme.objects.get_or_create(slug="climate", defaults={"name": "Climate"})[0]
    today = timezone.localdate()

    def add(count: int, offset: int):
        for number in range(count):
            start = today + timedelta(days=1 + number % 20)
            image = get_image_model().objects.create(title=f"Photo {number}", file=get_test_image_file())
            make_event(f"Event {offset + number}", start_date=start, members=[member], themes=[theme], image=image)

    add(2, 0)
    small = _diary_queries(client)
    add(10, 2)
    large = _diary_queries(client)

    assert small == large


def test_a_busy_day_in_the_month_view_shows_four_events_and_links_to_the_rest(client, make_event):
    day = date(2031, 7, 15)
    for hour in range(6):
        make_event(f"Session {hour}", start_date=day, start_time=time(8 + hour), end_time=time(8 + hour, 30))

    response = client.get("/en/events/?view=month&month=2031-07")

    cell = next(cell for week in response.context["weeks"] for cell in week if cell["date"] == day)
    assert [entry.event.title for entry in cell["entries"]] == [f"Session {hour}" for hour in range(4)]
    assert cell["more"] == 2
    more = client.get(f"/en/events/?{cell['more_query']}")
    assert _titles(more) == [f"Session {hour}" for hour in range(6)]
    assert b"2 more" in response.content
