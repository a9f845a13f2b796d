from datetime import date, time, timedelta

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from events.models import EventPage
from portal.models import Theme

LIST = "/api/v1/events/"
NUL_PARAMETERS = ["scope", "theme", "country", "city", "member", "start", "view"]


def _titles(response) -> list[str]:
    return [item["event"]["title"] for item in response.json()["results"]]


@pytest.fixture
def climate(db):
    return Theme.objects.get_or_create(slug="climate", defaults={"name": "Climate", "name_fr": "Climat"})[0]


def test_the_list_has_one_item_per_date_soonest_first_in_the_event_zone(api, make_event, next_monday):
    make_event("Later", start_date=next_monday + timedelta(days=3))
    make_event(
        "Weekly call",
        start_date=next_monday,
        start_time=time(9),
        end_time=time(10),
        time_zone="Asia/Manila",
        repeat="weekly",
        repeat_count=3,
        changes=[(next_monday + timedelta(days=7), {"cancelled": True})],
    )

    response = api.get(LIST)

    assert response.status_code == 200
    items = response.json()["results"]
    assert _titles(response) == ["Weekly call", "Later", "Weekly call", "Weekly call"]
    assert [item["is_cancelled"] for item in items] == [False, False, True, False]
    assert items[0]["start"] == f"{next_monday.isoformat()}T09:00:00+08:00"
    assert items[0]["end"] == f"{next_monday.isoformat()}T10:00:00+08:00"
    event = items[0]["event"]
    assert event["time_zone"] == "Asia/Manila"
    assert event["url"] == "http://localhost/en/events/weekly-call/"
    assert event["ics_url"] == f"http://localhost/events/{event['id']}.ics?language=en"
    assert event["scope"] == {"value": "city", "label": "City"}


def test_a_cancelled_event_is_marked_on_every_date(api, make_event):
    make_event("Called off", status="cancelled")

    item = api.get(LIST).json()["results"][0]

    assert item["is_cancelled"] is True
    assert item["event"]["status"] == {"value": "cancelled", "label": "Cancelled"}


def test_unpublished_events_are_absent(api, make_event):
    make_event("Public")
    draft = make_event("Draft", publish=False)

    assert _titles(api.get(LIST)) == ["Public"]
    response = api.get(f"{LIST}{draft.pk}/")
    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


def test_the_detail_is_the_event_with_all_its_dates(api, make_event, next_monday, make_member, climate):
    member = make_member("Cairo", acronym="CAI")
    event = make_event(
        "Forum",
        start_date=next_monday,
        repeat="daily",
        repeat_count=2,
        description="<p>Talks <b>and</b> visits.</p>",
        online_url="https://example.org/live",
        city="Nairobi",
        country="KE",
        members=[member],
        themes=[climate],
        languages=["en", "fr"],
    )

    response = api.get(f"{LIST}{event.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == event.pk
    assert body["description"] == "<p>Talks <b>and</b> visits.</p>"
    assert [occurrence["start"][:10] for occurrence in body["occurrences"]] == [
        next_monday.isoformat(),
        (next_monday + timedelta(days=1)).isoformat(),
    ]
    assert body["is_online"] is True
    assert body["country"] == {"code": "KE", "name": "Kenya"}
    assert body["members"][0]["acronym"] == "CAI"
    assert body["members"][0]["url"].startswith("http://localhost/en/members/")
    assert body["themes"] == [{"slug": "climate", "name": "Climate"}]
    assert [language["code"] for language in body["languages"]] == ["en", "fr"]
    assert response["Last-Modified"]


def test_an_all_day_event_runs_from_midnight_to_the_next_midnight(api, make_event):
    day = timezone.localdate() + timedelta(days=5)
    make_event("Day out", start_date=day, all_day=True, time_zone="Europe/Paris")

    item = api.get(LIST).json()["results"][0]

    assert item["event"]["all_day"] is True
    assert item["start"].startswith(f"{day.isoformat()}T00:00:00")
    assert item["end"].startswith(f"{(day + timedelta(days=1)).isoformat()}T00:00:00")


def test_filters_are_the_diarys(api, make_event, make_member, climate):
    member = make_member("Cairo", acronym="CAI")
    today = timezone.localdate()
    make_event("City event", scope="city", city="Lagos", country="NG", start_date=today + timedelta(days=2))
    make_event("Themed", scope="national", themes=[climate], start_date=today + timedelta(days=4))
    make_event("With member", scope="regional", members=[member], start_date=today + timedelta(days=6))
    make_event("Gone", start_date=today - timedelta(days=3))

    assert _titles(api.get(LIST, {"scope": "national"})) == ["Themed"]
    assert _titles(api.get(LIST, {"theme": "climate"})) == ["Themed"]
    assert _titles(api.get(LIST, {"country": "NG"})) == ["City event"]
    assert _titles(api.get(LIST, {"city": "lagos"})) == ["City event"]
    assert _titles(api.get(LIST, {"member": member.pk})) == ["With member"]
    start, end = today + timedelta(days=3), today + timedelta(days=5)
    assert _titles(api.get(LIST, {"start": start.isoformat(), "end": end.isoformat()})) == ["Themed"]
    assert _titles(api.get(LIST, {"view": "past"})) == ["Gone"]


@pytest.mark.parametrize(
    "query",
    [
        {"scope": "galactic"},
        {"theme": "no-such-theme"},
        {"country": "XX"},
        {"member": "abc"},
        {"member": "999999"},
        {"start": "tomorrow"},
        {"start": "2030-01-10", "end": "2030-01-01"},
        {"view": "month"},
        {"page_size": "abc", "scope": "nope"},
    ],
)
def test_a_bad_filter_is_a_400_in_the_error_shape(api, make_event, query):
    make_event("Forum")

    response = api.get(LIST, query)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400
    assert set(error["fields"]) & set(query)


def test_the_language_is_asked_by_locale_or_accept_language(api, make_event, climate):
    make_event("Urban forum", title_fr="Forum urbain", summary_fr="Sur le forum.", themes=[climate])

    by_parameter = api.get(LIST, {"locale": "fr"})
    by_header = api.get(LIST, HTTP_ACCEPT_LANGUAGE="fr")

    for response in (by_parameter, by_header):
        event = response.json()["results"][0]["event"]
        assert (event["title"], event["summary"], event["language"]) == ("Forum urbain", "Sur le forum.", "fr")
        assert event["themes"] == [{"slug": "climate", "name": "Climat"}]
        assert event["url"].startswith("http://localhost/fr/")
        assert event["ics_url"].endswith("?language=fr")
        assert response["Content-Language"] == "fr"
    english = api.get(LIST).json()["results"][0]["event"]
    assert (english["title"], english["language"]) == ("Urban forum", "en")


def test_an_unchanged_list_or_event_is_a_304(api, make_event):
    event = make_event("Forum")

    for path in (LIST, f"{LIST}{event.pk}/"):
        first = api.get(path)
        again = api.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304


def test_pages_follow_each_other_without_gaps_or_repeats(api, make_event):
    day = timezone.localdate() + timedelta(days=10)
    for number in range(7):  # the same start for all: only the tie-break orders them
        make_event(f"Event {number}", start_date=day)

    everything = _titles(api.get(LIST, {"page_size": 100}))
    paged, url = [], f"{LIST}?page_size=2"
    while url:
        body = api.get(url).json()
        paged += [item["event"]["title"] for item in body["results"]]
        url = body["next"]

    assert paged == everything
    assert len(set(paged)) == 7
    assert _titles(api.get(LIST, {"page_size": 100})) == everything


def test_the_list_queries_do_not_grow_with_the_events(api, make_event, make_member, climate, count_queries):
    member = make_member("Cairo", acronym="CAI")
    today = timezone.localdate()

    def add(count: int, offset: int):
        for number in range(count):
            image = get_image_model().objects.create(title=f"Photo {number}", file=get_test_image_file())
            make_event(
                f"Event {offset + number}",
                start_date=today + timedelta(days=1 + number % 20),
                members=[member],
                themes=[climate],
                image=image,
                repeat="weekly" if number % 2 else "",
                repeat_count=3 if number % 2 else None,
            )

    def queries() -> int:
        api.get(LIST)  # renditions are made on first sight
        count, response = count_queries(api, LIST)
        return count, len(response.json()["results"])

    add(2, 0)
    small, small_items = queries()
    add(12, 2)
    large, large_items = queries()

    assert (small_items, large_items) == (4, 20)
    assert small == large, (small, large)
    print(f"events list: {small} queries at {small_items} items, {large} at {large_items}")


def test_a_past_date_in_the_future_is_not_upcoming(api, make_event):
    make_event("Last year", start_date=date(2020, 5, 1))

    assert _titles(api.get(LIST)) == []
    assert EventPage.objects.count() == 1


@pytest.mark.parametrize("odd", ["abc", "0", "-1", "99999999999999999999", "1.5"])
def test_an_odd_id_is_a_404_in_the_error_shape(api, odd):
    response = api.get(f"{LIST}{odd}/")

    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404


@pytest.mark.parametrize("name", NUL_PARAMETERS)
def test_a_nul_character_in_a_filter_is_a_400(api, name):
    response = api.get(LIST, {name: "a\x00b"})

    assert response.status_code == 400
    assert name in response.json()["error"]["fields"]


def test_a_bad_cursor_or_page_size_is_never_a_500(api):
    assert api.get(LIST, {"cursor": "not-a-cursor"}).status_code == 400
    assert api.get(LIST, {"page_size": "many"}).status_code == 200
    assert len(api.get(LIST, {"page_size": "100000"}).json()["results"]) <= 100
