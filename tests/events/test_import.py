"""Members' own calendar feeds, imported from a real HTTP server on this machine."""

import io
import time
from datetime import UTC, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

import httpcore
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from events import importer
from events.importer import import_calendars
from events.models import EventPage, MemberCalendar, Scope, Status
from tests.events.calendar_server import HUGE_BODY_BYTES, CalendarServer

PARIS = ZoneInfo("Europe/Paris")
NAIROBI = ZoneInfo("Africa/Nairobi")
LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture
def server():
    server = CalendarServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def moderation(diary) -> Workflow:
    """Wagtail's default workflow, which its data migrations make and --nomigrations doesn't."""
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(Group.objects.create(name="Moderators"))
    workflow = Workflow.objects.create(name="Moderators approval", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())
    return workflow


@pytest.fixture(autouse=True)
def quick(settings):
    settings.EVENTS_IMPORT_TIMEOUT_SECONDS = 0.2
    settings.EVENTS_IMPORT_TOTAL_TIMEOUT_SECONDS = 0.5
    settings.EVENTS_IMPORT_HORIZON_DAYS = 30


@pytest.fixture(autouse=True)
def connections(monkeypatch) -> list[str]:
    """Every address the importer connects to. One off this machine fails the test rather than leave it."""
    attempted: list[str] = []
    connect = httpcore.AnyIOBackend.connect_tcp

    async def connect_on_this_machine_only(self, host, port, *args, **kwargs):
        attempted.append(host)
        if host not in LOOPBACK_HOSTS:
            raise AssertionError(f"the importer tried to connect to {host}")
        return await connect(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.AnyIOBackend, "connect_tcp", connect_on_this_machine_only)
    return attempted


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user(username="editor", email="editor@example.test")


@pytest.fixture
def subscribe(server, editor):
    def subscribe(member, path: str = "", *, url: str = "") -> MemberCalendar:
        return MemberCalendar.objects.create(member=member, url=url or server.url(path), added_by=editor)

    return subscribe


def ics_time(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S") + ("Z" if moment.tzinfo is UTC else "")


def vevent(uid: str | None, summary: str, *lines: str) -> str:
    head = [f"UID:{uid}"] if uid else []
    return "\r\n".join(["BEGIN:VEVENT", *head, f"SUMMARY:{summary}", "DTSTAMP:20260101T000000Z", *lines, "END:VEVENT"])


def feed(*events: str, header: str = "") -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lagos//Events//EN", *filter(None, [header]), *events]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def single(uid: str = "forum@lagos.example", summary: str = "Urban forum", *, days: int = 10, **extra) -> str:
    start = datetime.combine(timezone.now().date() + timedelta(days=days), clock(9), UTC)
    lines = [f"DTSTART:{ics_time(start)}", f"DTEND:{ics_time(start + timedelta(hours=2))}"]
    return vevent(uid, summary, *lines, *(f"{name}:{value}" for name, value in extra.items()))


def imported(member) -> dict[str, EventPage]:
    return {page.source_key: page for page in EventPage.objects.filter(calendar__member=member)}


def revisions(page: EventPage) -> int:
    return page.revisions.count()


def test_a_feed_becomes_drafts_waiting_for_moderation(server, subscribe, make_member, editor, next_monday):
    today = timezone.now().date()
    paris_week = [datetime.combine(next_monday + timedelta(weeks=week), clock(10), PARIS) for week in range(52)]
    moved_to = datetime.combine(paris_week[2].date() + timedelta(days=1), clock(15), PARIS)
    nairobi_start = datetime.combine(today + timedelta(days=5), clock(14))
    server.feeds["/lagos.ics"] = feed(
        single(
            summary="Urban\x07 forum",
            DESCRIPTION="<b>Bring water</b>\\n\\nSecond\x01 paragraph",
            LOCATION="City Hall\\, Lagos",
            URL="https://lagos.example/forum",
        ),
        vevent(
            "planting@lagos.example",
            "Tree planting week",
            f"DTSTART;VALUE=DATE:{today + timedelta(days=20):%Y%m%d}",
            f"DTEND;VALUE=DATE:{today + timedelta(days=23):%Y%m%d}",
            "URL:javascript:alert(1)",
        ),
        vevent(
            "meetup@lagos.example",
            "Nairobi meetup",
            f"DTSTART;TZID=Africa/Nairobi:{ics_time(nairobi_start)}",
            f"DTEND;TZID=Africa/Nairobi:{ics_time(nairobi_start + timedelta(hours=2))}",
        ),
        vevent(
            "call@lagos.example",
            "Weekly call",
            f"DTSTART;TZID=Europe/Paris:{ics_time(paris_week[0])}",
            "DURATION:PT1H",
            "RRULE:FREQ=WEEKLY;COUNT=52",
            f"EXDATE;TZID=Europe/Paris:{ics_time(paris_week[1])}",
        ),
        vevent(
            "call@lagos.example",
            "Weekly call (moved)",
            f"RECURRENCE-ID;TZID=Europe/Paris:{ics_time(paris_week[2])}",
            f"DTSTART;TZID=Europe/Paris:{ics_time(moved_to)}",
            "DURATION:PT1H",
        ),
        vevent(
            "market@lagos.example",
            "Market day",
            f"DTSTART;VALUE=DATE:{today + timedelta(days=2):%Y%m%d}",
            "RRULE:FREQ=WEEKLY;COUNT=2",
        ),
        single("past@lagos.example", "Already over", days=-2),
        single("later@lagos.example", "Beyond the horizon", days=60),
        single("off@lagos.example", "Called off", days=3, STATUS="CANCELLED"),
        vevent(None, "No UID", f"DTSTART:{ics_time(datetime.now(UTC) + timedelta(days=2))}"),
        vevent("spin@lagos.example", "Every second", "DTSTART:20250101T000000Z", "RRULE:FREQ=SECONDLY"),
        header="X-WR-CALNAME:Lagos events",
    )
    member = make_member("Lagos State")
    calendar = subscribe(member, "/lagos.ics")
    now = timezone.now()

    [result] = import_calendars(now=now)

    horizon = now + timedelta(days=30)
    weekly = [start for week, start in enumerate(paris_week) if week not in (1, 2) and start <= horizon]
    calls = {f"call@lagos.example|{start.astimezone(UTC).isoformat()}": start for start in weekly}
    moved_key = f"call@lagos.example|{paris_week[2].astimezone(UTC).isoformat()}"
    markets = [f"market@lagos.example|{today + timedelta(days=days)}" for days in (2, 9)]
    pages = imported(member)
    assert set(pages) == {
        "forum@lagos.example",
        "planting@lagos.example",
        "meetup@lagos.example",
        moved_key,
        *calls,
        *markets,
    }
    assert (result.created, result.updated, result.unchanged, result.error, result.notice) == (len(pages), 0, 0, "", "")
    assert result.skipped == 2, "no UID, and a rule too fine-grained for a diary (it would spin for seconds)"

    with translation.override("en"):
        forum = pages["forum@lagos.example"]
        assert (forum.title, forum.summary, forum.description) == (
            "Urban forum",
            "<b>Bring water</b> Second paragraph",
            "<p>&lt;b&gt;Bring water&lt;/b&gt;</p><p>Second paragraph</p>",
        )
        assert (forum.start_date, forum.start_time, forum.end_time, forum.time_zone, forum.all_day) == (
            today + timedelta(days=10),
            clock(9),
            clock(11),
            "UTC",
            False,
        )
        assert (forum.venue, forum.registration_url, forum.organiser) == (
            "City Hall, Lagos",
            "https://lagos.example/forum",
            "Lagos State",
        )
        assert list(forum.members.all()) == [member]
        assert (forum.original_language, forum.owner, forum.status) == ("en", editor, Status.SCHEDULED)

        planting = pages["planting@lagos.example"]
        assert (planting.all_day, planting.start_date, planting.end_date, planting.start_time) == (
            True,
            today + timedelta(days=20),
            today + timedelta(days=22),
            None,
        )
        assert planting.registration_url == "", "only web addresses are links"

        meetup = pages["meetup@lagos.example"]
        assert (meetup.time_zone, meetup.start_date, meetup.start_time, meetup.end_time) == (
            "Africa/Nairobi",
            nairobi_start.date(),
            clock(14),
            clock(16),
        )
        assert meetup.starts_at == nairobi_start.replace(tzinfo=NAIROBI)

        for key, start in calls.items():
            call = pages[key]
            assert (call.title, call.start_date, call.start_time, call.end_time, call.repeat) == (
                "Weekly call",
                start.date(),
                clock(10),
                clock(11),
                "",
            )
        moved = pages[moved_key]
        assert (moved.title, moved.start_date, moved.start_time) == ("Weekly call (moved)", moved_to.date(), clock(15))
        assert [(pages[key].all_day, pages[key].end_date) for key in markets] == [(True, None)] * 2

    for page in pages.values():
        state = page.current_workflow_state
        assert not page.live
        assert (state.status, state.requested_by) == (WorkflowState.STATUS_IN_PROGRESS, editor)
    calendar.refresh_from_db()
    assert (calendar.last_imported_at, calendar.last_error, calendar.last_imported_count) == (now, "", len(pages))


def test_importing_again_changes_only_what_the_source_changed(server, subscribe, make_member):
    comms = get_user_model().objects.create_superuser(username="comms", email="comms@example.test")
    report = "report@lagos.example"
    server.feeds["/lagos.ics"] = feed(single(), single(report, "Report launch", days=12))
    member = make_member("Lagos State")
    subscribe(member, "/lagos.ics")
    import_calendars()
    before = imported(member)
    counts = {key: revisions(page) for key, page in before.items()}

    [unchanged] = import_calendars()

    assert (unchanged.created, unchanged.updated, unchanged.unchanged) == (0, 0, 2)
    assert {key: revisions(page) for key, page in imported(member).items()} == counts

    forum = before["forum@lagos.example"]
    forum.current_workflow_state.cancel(user=comms)
    with translation.override("en"):
        draft = forum.get_latest_revision_as_object()
        draft.title, draft.scope = "Urban Forum 2026", Scope.INTERNATIONAL
        draft.save_revision(user=comms).publish(user=comms)
    counts["forum@lagos.example"] += 1
    [unchanged] = import_calendars()

    forum = EventPage.objects.get(pk=forum.pk)
    assert unchanged.unchanged == 2
    assert (forum.live, forum.title, forum.has_unpublished_changes) == (True, "Urban Forum 2026", False)
    assert revisions(forum) == counts["forum@lagos.example"], "the team's edit stays while the source is the same"

    server.feeds["/lagos.ics"] = feed(single(LOCATION="Eko Hotel"), single(report, "Report launch, new date", days=13))
    [changed] = import_calendars()

    after = imported(member)
    forum = after["forum@lagos.example"]
    assert (changed.created, changed.updated, changed.unchanged) == (0, 2, 0)
    assert {key: page.pk for key, page in after.items()} == {key: page.pk for key, page in before.items()}
    assert {key: revisions(page) for key, page in after.items()} == {key: count + 1 for key, count in counts.items()}
    assert (forum.live, forum.title, forum.venue, forum.has_unpublished_changes) == (
        True,
        "Urban Forum 2026",
        "",
        True,
    ), "live as approved until the change is"
    draft = forum.get_latest_revision_as_object()
    assert (draft.venue, draft.scope) == ("Eko Hotel", Scope.INTERNATIONAL), "the team's other edits stay"
    assert forum.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    latest = after[report].get_latest_revision_as_object()
    assert (latest.title, latest.start_date) == ("Report launch, new date", timezone.now().date() + timedelta(days=13))

    after[report].delete()
    [result] = import_calendars()

    assert (result.created, result.unchanged, list(imported(member))) == (0, 1, ["forum@lagos.example"]), (
        "an event the moderators deleted does not come back"
    )


def test_a_broken_or_hostile_feed_is_reported_and_the_next_member_still_imported(server, subscribe, make_member):
    server.feeds["/garbage"] = b"<!doctype html><title>Not a calendar</title>"
    server.feeds["/cotonou.ics"] = feed(single("fair@cotonou.example", "Cotonou fair"))
    lagos, cotonou = make_member("Lagos State"), make_member("Cotonou")
    lagos_calendar = subscribe(lagos, "/garbage")
    subscribe(cotonou, "/cotonou.ics")
    cases = {
        "/garbage": "The feed is not an iCalendar file.",
        "/missing": "The site answered with error 404.",
        "/huge": "The feed is larger than 5 MB.",
        "/huge-declared": "The feed is larger than 5 MB.",
        "/loop": "The address redirects too many times.",
        "/hang": "The site took too long to answer.",
        "/trickle": "The site took too long to answer.",
    }

    outcomes, slowest = {}, 0.0
    for path in cases:
        MemberCalendar.objects.filter(pk=lagos_calendar.pk).update(url=server.url(path))
        started = time.monotonic()
        results = import_calendars()
        slowest = max(slowest, time.monotonic() - started)
        lagos_calendar.refresh_from_db()
        outcomes[path] = (
            [(result.calendar.member, result.ok) for result in results],
            results[0].error,
            lagos_calendar.last_error,
            lagos_calendar.last_imported_count,
        )

    assert outcomes == {path: ([(lagos, False), (cotonou, True)], error, error, 0) for path, error in cases.items()}
    assert list(imported(cotonou)) == ["fair@cotonou.example"]
    assert slowest < 3, "each server would hold on for 10 s"
    assert server.huge_bytes_sent < HUGE_BODY_BYTES / 2
    assert server.paths().count("/loop") == importer.MAX_REDIRECTS + 1


def test_private_addresses_and_other_schemes_are_refused_without_connecting(
    server, subscribe, make_member, settings, connections
):
    settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES = False
    server.feeds["/lagos.ics"] = feed(single())
    calendar = subscribe(make_member("Lagos State"), "/lagos.ics")
    cases = {
        server.url("/lagos.ics"): "The address leads to a private network.",
        "http://169.254.169.254/latest/meta-data/": "The address leads to a private network.",
        "ftp://lagos.example/events.ics": "The address is not a web address.",
    }

    errors = {}
    for url in cases:
        MemberCalendar.objects.filter(pk=calendar.pk).update(url=url)
        [result] = import_calendars()
        errors[url] = result.error

    assert errors == cases
    assert server.paths() == []
    assert connections == []
    assert not EventPage.objects.exists()


def test_the_command_reports_each_member_and_caps_a_feed_with_too_many_events(
    server, subscribe, make_member, monkeypatch
):
    monkeypatch.setattr(importer, "MAX_EVENTS_PER_FEED", 3)
    start = datetime.combine(timezone.now().date() + timedelta(days=1), clock(8), UTC)
    server.feeds["/lagos.ics"] = feed(
        vevent("daily@lagos.example", "Daily", f"DTSTART:{ics_time(start)}", "RRULE:FREQ=DAILY")
    )
    lagos, cotonou = make_member("Lagos State"), make_member("Cotonou")
    subscribe(lagos, "/lagos.ics")
    subscribe(cotonou, "/missing")
    out = io.StringIO()

    call_command("import_calendars", stdout=out)

    capped = "Only the first 3 events of the feed were imported."
    assert out.getvalue().splitlines() == [
        f"Lagos State (member {lagos.pk}): ok, 3 new, 0 updated, 0 unchanged, 0 skipped; {capped}",
        f"Cotonou (member {cotonou.pk}): failed: The site answered with error 404.",
        "Imported 2 feeds: 1 ok, 1 failed.",
    ]
    assert sorted(page.start_date for page in imported(lagos).values()) == [
        start.date() + timedelta(days=day) for day in range(3)
    ], "the soonest ones"
    assert MemberCalendar.objects.get(member=lagos).last_error == capped

    out = io.StringIO()
    call_command("import_calendars", "--member", str(cotonou.pk), stdout=out)
    assert out.getvalue().splitlines() == [
        f"Cotonou (member {cotonou.pk}): failed: The site answered with error 404.",
        "Imported 1 feeds: 0 ok, 1 failed.",
    ]
    with pytest.raises(CommandError, match="has no calendar feed"):
        call_command("import_calendars", "--member", str(lagos.pk + 1000), stdout=io.StringIO())
