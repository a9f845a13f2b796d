"""The diary's iCalendar feeds, read back as a calendar application would."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from events.models import EventOccurrence, EventPage, Status
from portal.models import Theme

PARIS = ZoneInfo("Europe/Paris")
FEED = "/events/feed.ics"


def feed(client, path: str = FEED, **headers) -> Calendar:
    response = client.get(path, **headers)
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def uids(calendar: Calendar) -> set[str]:
    return {str(event.uid) for event in calendar.events}


def the_event(calendar: Calendar, uid: str):
    (event,) = [event for event in calendar.events if event.uid == uid and "RECURRENCE-ID" not in event]
    return event


def republish(event: EventPage, **changes) -> EventPage:
    """An editor's change, published through a revision as in the admin."""
    draft = event.get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(draft, name, value)
    with translation.override("en"):
        draft.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


def starts_shown(calendar: Calendar, uid: str) -> list[datetime]:
    """The starts a calendar application shows: the rule's, less EXDATEs, moved ones replaced."""
    components = [event for event in calendar.events if event.uid == uid]
    master = next(event for event in components if "RECURRENCE-ID" not in event)
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=master.start)
    moved = {event["RECURRENCE-ID"].dt: event.start for event in components if "RECURRENCE-ID" in event}
    excluded = set(master.exdates)
    return sorted(moved.get(start, start) for start in rule if start not in excluded)


def test_the_feed_is_a_calendar_to_subscribe_to(client, diary, make_event):
    make_event("Urban forum")

    response = client.get(FEED, {"scope": "city"})
    calendar = Calendar.from_ical(response.content)

    assert response["Content-Disposition"] == 'inline; filename="events.ics"'
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    assert {name: str(calendar[name]) for name in ("VERSION", "CALSCALE", "METHOD")} == {
        "VERSION": "2.0",
        "CALSCALE": "GREGORIAN",
        "METHOD": "PUBLISH",
    }
    assert calendar["PRODID"]
    assert calendar.calendar_name == "Global events diary"
    assert str(calendar["X-WR-CALNAME"]) == "Global events diary"
    assert calendar.description
    assert calendar.refresh_interval == timedelta(hours=1)
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT1H"
    assert calendar.source == "http://testserver/events/feed.ics?scope=city"
    assert calendar.url == f"{diary.get_full_url()}?scope=city"


def test_an_event_carries_what_people_read_in_the_diary(client, make_event, make_member):
    water = Theme.objects.create(slug="water", name="Water")
    lagos = make_member("Lagos State")
    event = make_event(
        "Urban forum",
        summary="Mayors meet.",
        description="<p>Day <b>one</b>: plenary.</p><ul><li>Housing</li><li>Transport</li></ul>",
        venue="KICC",
        city="Nairobi",
        country="KE",
        organiser="UN-Habitat",
        online_url="https://meet.example.org/forum",
        registration_url="https://forum.example.org/register",
        themes=[water],
        members=[lagos],
    )

    shown = the_event(feed(client), event.uid)

    assert shown.summary == "Urban forum"
    assert shown.location == "KICC, Nairobi, Kenya"
    assert str(shown["URL"]) == event.get_full_url()
    assert shown.categories == ["Water"]
    assert str(shown["STATUS"]) == "CONFIRMED"
    assert str(shown["CONFERENCE"]) == "https://meet.example.org/forum"
    assert shown.description.startswith("Mayors meet.\n\nDay one: plenary.\nHousing\nTransport\n\n")
    for text in ("UN-Habitat", "Lagos State", "https://forum.example.org/register", event.get_full_url()):
        assert text in shown.description
    assert "<" not in shown.description


def test_uid_stays_and_sequence_grows_only_when_the_time_or_status_changes(client, make_event):
    event = make_event("Urban forum")
    first = the_event(feed(client), event.uid)

    event = republish(event, title="Urban forum 2027", summary="A new summary.")
    renamed_at = event.last_published_at
    renamed = the_event(feed(client), event.uid)
    event = republish(event, start_time=time(14), end_time=time(16))
    moved = the_event(feed(client), event.uid)
    event = republish(event, status=Status.CANCELLED)
    cancelled = the_event(feed(client), event.uid)

    assert (first.sequence, renamed.sequence, moved.sequence, cancelled.sequence) == (0, 0, 1, 2)
    assert renamed.summary == "Urban forum 2027"
    assert renamed.stamp == renamed_at.replace(microsecond=0)
    assert moved.start.time() == time(14)
    assert str(cancelled["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize(
    ("status", "shown"),
    [(Status.SCHEDULED, "CONFIRMED"), (Status.POSTPONED, "TENTATIVE"), (Status.CANCELLED, "CANCELLED")],
)
def test_status_is_shown_and_cancelled_events_stay(client, make_event, status, shown):
    event = make_event("Urban forum", status=status)

    assert str(the_event(feed(client), event.uid)["STATUS"]) == shown


def test_stamps_are_the_last_published_change_and_the_feed_does_not_change_between_polls(client, make_event):
    event = make_event("Urban forum")

    first, second = client.get(FEED), client.get(FEED)
    shown = the_event(Calendar.from_ical(first.content), event.uid)

    assert first.content == second.content
    assert shown.stamp == shown.last_modified == event.last_published_at.replace(microsecond=0)


def test_a_repeating_event_shows_its_cancelled_and_moved_dates(client, make_event):
    event = make_event(
        "Weekly call",
        start_date=date(2027, 5, 3),
        time_zone="Europe/Paris",
        repeat="weekly",
        repeat_count=4,
        changes=[
            (date(2027, 5, 10), {"cancelled": True}),
            (date(2027, 5, 17), {"new_date": date(2027, 5, 18), "new_start_time": time(15)}),
        ],
    )

    calendar = feed(client)
    master = the_event(calendar, event.uid)
    (override,) = [component for component in calendar.events if "RECURRENCE-ID" in component]

    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=4"
    assert master.exdates == [datetime(2027, 5, 10, 10, tzinfo=PARIS)]
    assert master["EXDATE"].params["TZID"] == "Europe/Paris"
    assert override.uid == event.uid
    assert override.sequence == master.sequence
    assert override["RECURRENCE-ID"].dt == datetime(2027, 5, 17, 10, tzinfo=PARIS)
    assert override["RECURRENCE-ID"].params["TZID"] == "Europe/Paris"
    assert (override.start, override.end) == (
        datetime(2027, 5, 18, 15, tzinfo=PARIS),
        datetime(2027, 5, 18, 17, tzinfo=PARIS),
    )
    diary = EventOccurrence.objects.filter(event=event, is_cancelled=False).values_list("starts_at", flat=True)
    assert starts_shown(calendar, event.uid) == list(diary)


def test_repeats_until_a_day_end_in_utc_on_the_last_occurrence(client, make_event):
    event = make_event(
        "Fortnightly call",
        start_date=date(2027, 3, 1),
        start_time=time(18),
        end_time=time(19),
        time_zone="America/New_York",
        repeat="weekly",
        repeat_interval=2,
        repeat_until=date(2027, 4, 26),
    )

    calendar = feed(client)
    rule = the_event(calendar, event.uid)["RRULE"]

    assert rule["INTERVAL"] == [2]
    assert "COUNT" not in rule
    assert b"UNTIL=20270426T220000Z" in rule.to_ical()  # 18:00 in New York
    diary = EventOccurrence.objects.filter(event=event).values_list("starts_at", flat=True)
    assert starts_shown(calendar, event.uid) == list(diary)
    assert len(diary) == 5


def test_a_long_repeat_stops_where_the_diary_stops(client, make_event):
    event = make_event("Daily briefing", start_date=date(2027, 1, 1), repeat="daily", repeat_until=date(2030, 12, 31))

    rule = the_event(feed(client), event.uid)["RRULE"]

    assert rule["COUNT"] == [EventOccurrence.objects.filter(event=event).count()] == [500]
    assert "UNTIL" not in rule


def test_page_addresses_with_non_latin_slugs_open_the_event(client, make_event):
    event = make_event("Форум городов")

    assert str(the_event(feed(client), event.uid)["URL"]) == event.get_full_url()


def test_timed_events_carry_their_time_zone(client, make_event):
    event = make_event("Weekly call", start_date=date(2027, 5, 3), time_zone="Europe/Paris")

    calendar = feed(client)
    shown = the_event(calendar, event.uid)

    assert shown["DTSTART"].params["TZID"] == "Europe/Paris"
    assert (shown.start, shown.end) == (datetime(2027, 5, 3, 10, tzinfo=PARIS), datetime(2027, 5, 3, 12, tzinfo=PARIS))
    assert "Europe/Paris" in [zone.tz_name for zone in calendar.timezones]
    assert calendar.get_missing_tzids() == set()


def test_all_day_events_are_dates_ending_the_day_after(client, make_event):
    event = make_event("Summit", all_day=True, start_date=date(2027, 6, 1), end_date=date(2027, 6, 3))

    calendar = feed(client)
    shown = the_event(calendar, event.uid)

    assert (shown.start, shown.end) == (date(2027, 6, 1), date(2027, 6, 4))
    assert shown["DTSTART"].params["VALUE"] == "DATE"
    assert calendar.timezones == []


def test_a_filtered_feed_holds_exactly_the_filtered_events(client, make_event, make_member):
    water = Theme.objects.create(slug="water", name="Water")
    lagos = make_member("Lagos State")
    today = timezone.localdate()
    nairobi = make_event(
        "Nairobi forum", scope="national", city="Nairobi", country="KE", themes=[water], members=[lagos]
    )
    paris = make_event("Paris forum", scope="city", city="Paris", country="FR", start_date=today + timedelta(days=60))
    mombasa = make_event(
        "Mombasa forum",
        scope="regional",
        city="Mombasa",
        country="KE",
        themes=[water],
        start_date=today + timedelta(90),
    )
    cases = {
        "scope=national": {nairobi},
        "theme=water": {nairobi, mombasa},
        "country=FR": {paris},
        "city=Mombasa": {mombasa},
        f"member={lagos.pk}": {nairobi},
        f"start={today + timedelta(days=50)}&end={today + timedelta(days=70)}": {paris},
        f"start={today + timedelta(days=50)}": {paris, mombasa},
        "scope=regional&country=KE": {mombasa},
    }

    shown = {query: uids(feed(client, f"{FEED}?{query}")) for query in cases}

    assert shown == {query: {event.uid for event in events} for query, events in cases.items()}


@pytest.mark.parametrize(
    "query",
    [
        "country=ZZ",
        "month=garbage",
        "member=abc",
        "start=2027-99-99",
        "end=tomorrow",
        "theme=no-such-theme",
        "scope=galactic",
        "language=xx",
        "city=%00",
    ],
)
def test_bad_filters_are_ignored(client, make_event, query):
    event = make_event("Urban forum", country="KE")

    assert event.uid in uids(feed(client, f"{FEED}?{query}"))


def test_a_bad_filter_leaves_the_good_ones_working(client, make_event):
    kenya = make_event("Nairobi forum", country="KE")
    make_event("Paris forum", country="FR")

    assert uids(feed(client, f"{FEED}?country=KE&start=2027-99-99&member=abc")) == {kenya.uid}


def test_drafts_unpublished_and_private_events_are_left_out(client, make_event):
    public = make_event("Urban forum")
    draft = make_event("Draft forum", publish=False)
    withdrawn = make_event("Withdrawn forum")
    withdrawn.unpublish()
    private = make_event("Private forum")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert uids(feed(client)) == {public.uid}
    for hidden in (draft, withdrawn, private):
        assert client.get(f"/events/{hidden.pk}.ics").status_code == 404
    assert client.get("/events/999999.ics").status_code == 404


def test_one_event_file_adds_that_event_with_its_moved_date(client, make_event):
    event = make_event(
        "Weekly call",
        start_date=date(2027, 5, 3),
        repeat="weekly",
        repeat_count=3,
        changes=[(date(2027, 5, 10), {"new_start_time": time(15)})],
    )
    make_event("Another event")

    response = client.get(f"/events/{event.pk}.ics")
    calendar = Calendar.from_ical(response.content)

    assert response["Content-Disposition"] == f'inline; filename="event-{event.pk}.ics"'
    assert [component.uid for component in calendar.events] == [event.uid, event.uid]
    assert str(calendar["URL"]) == event.get_full_url()
    assert "X-WR-CALNAME" not in calendar  # Outlook would open it as a calendar of its own


def test_polls_get_304_until_something_is_published(client, make_event):
    event = make_event("Urban forum")
    first = client.get(FEED)
    single = client.get(f"/events/{event.pk}.ics")

    unchanged = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])
    unchanged_since = client.get(FEED, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    unchanged_single = client.get(f"/events/{event.pk}.ics", HTTP_IF_NONE_MATCH=single["ETag"])
    republish(event, title="Urban forum 2027")
    changed = client.get(FEED, HTTP_IF_NONE_MATCH=first["ETag"])

    assert (unchanged.status_code, unchanged_since.status_code, unchanged_single.status_code) == (304, 304, 304)
    assert unchanged.content == b""
    assert unchanged["ETag"] == first["ETag"]
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert b"Urban forum 2027" in changed.content


def test_a_new_event_or_a_withdrawn_one_is_not_answered_with_304(client, make_event):
    make_event("Urban forum")
    before = client.get(FEED)["ETag"]
    other = make_event("Second forum")
    with_other = client.get(FEED, HTTP_IF_NONE_MATCH=before)
    other.unpublish()
    without_other = client.get(FEED, HTTP_IF_NONE_MATCH=with_other["ETag"])

    assert with_other.status_code == without_other.status_code == 200
    assert other.uid in uids(Calendar.from_ical(with_other.content))
    assert other.uid not in uids(Calendar.from_ical(without_other.content))


def test_what_a_poster_types_cannot_add_properties_or_events(client, make_event):
    title = "Forum\r\nATTENDEE:mailto:evil@example.com"
    summary = "Hello\nBEGIN:VEVENT\nUID:forged, with; separators\\"
    event = make_event(title, summary=summary, venue="Hall;\rORGANIZER:mailto:evil@example.com")

    response = client.get(FEED)
    calendar = Calendar.from_ical(response.content)
    shown = the_event(calendar, event.uid)

    assert len(calendar.events) == 1
    assert "ATTENDEE" not in shown and "ORGANIZER" not in shown
    assert shown.summary == "Forum\nATTENDEE:mailto:evil@example.com"
    assert shown.description.startswith(summary + "\n\n")
    lines = response.content.split(b"\r\n")
    assert not [line for line in lines if line.startswith((b"ATTENDEE", b"ORGANIZER", b"UID:forged"))]
    assert lines.count(b"BEGIN:VEVENT") == 1


def test_long_and_non_latin_text_is_folded_for_strict_clients(client, make_event):
    title = "アフリカ都市フォーラム" * 10
    event = make_event(title, summary="Résumé " * 40)

    response = client.get(FEED)

    assert max(len(line) for line in response.content.split(b"\r\n")) <= 75
    assert the_event(Calendar.from_ical(response.content), event.uid).summary == title


def test_the_feed_speaks_the_language_asked_for(client, make_event):
    water = Theme.objects.create(slug="water", name="Water", name_fr="Eau")
    translated = make_event(
        "Urban forum", title_fr="Forum urbain", summary_fr="Les maires se réunissent.", country="DE", themes=[water]
    )
    english_only = make_event("Mayors' breakfast")

    response = client.get(FEED, {"language": "fr"})
    calendar = Calendar.from_ical(response.content)
    shown = the_event(calendar, translated.uid)

    with translation.override("fr"):
        assert calendar.calendar_name == str(translation.gettext("Global events diary"))
        assert str(shown["URL"]) == translated.get_full_url()
    assert response["Content-Language"] == "fr"
    assert shown.summary == "Forum urbain"
    assert shown.description.startswith("Les maires se réunissent.")
    assert shown.location == "Allemagne"
    assert shown.categories == ["Eau"]
    assert "/fr/" in str(shown["URL"])
    assert the_event(calendar, english_only.uid).summary == "Mayors' breakfast"


def test_without_a_language_asked_for_the_browser_language_is_used(client, make_event):
    event = make_event("Urban forum", title_fr="Forum urbain")

    assert the_event(feed(client, HTTP_ACCEPT_LANGUAGE="fr"), event.uid).summary == "Forum urbain"
    assert the_event(feed(client, HTTP_ACCEPT_LANGUAGE="en"), event.uid).summary == "Urban forum"


def _queries_for_feed(client) -> int:
    client.get(FEED)  # caches Wagtail's site root paths, as any earlier request would have
    with CaptureQueriesContext(connection) as queries:
        assert client.get(FEED).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_number_of_events(client, make_event, make_member):
    themes = [Theme.objects.create(slug=f"theme-{n}", name=f"Theme {n}") for n in range(2)]
    members = [make_member("Lagos State"), make_member("Cotonou")]

    def add(count: int, offset: int):
        for n in range(offset, offset + count):
            start = date(2027, 5, 3) + timedelta(days=n)
            make_event(
                f"Event {n}",
                start_date=start,
                repeat="weekly" if n % 2 else "",
                repeat_count=3 if n % 2 else None,
                changes=[(start + timedelta(days=7), {"cancelled": True})] if n % 2 else [],
                themes=themes[: n % 3],
                members=members[: n % 3],
            )

    add(3, 0)
    with_three = _queries_for_feed(client)
    add(9, 3)
    with_twelve = _queries_for_feed(client)

    assert len(feed(client).events) == 12
    assert with_three == with_twelve
