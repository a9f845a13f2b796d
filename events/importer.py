"""Members' own public iCalendar feeds, imported into the diary as drafts for moderation.

Each feed is fetched through the link checker's guard (private addresses refused unless
LINKCHECK_ALLOW_PRIVATE_ADDRESSES, timeouts, at most MAX_REDIRECTS redirects, at most
MAX_FEED_BYTES read). Each occurrence that has not ended and starts within
EVENTS_IMPORT_HORIZON_DAYS becomes one draft event, keyed by the feed's UID (and, for a repeat,
its original start) so that importing again updates instead of duplicating. A feed that fails is
recorded on its MemberCalendar and skipped; the import goes on with the next member.

Which source an event's latest import reflected, and which imported events moderators deleted,
are kept in the data of the pages' log entries: the communications team's own edits stay until
the source changes, and a deleted event is not brought back.
"""

import asyncio
import hashlib
import heapq
import json
import logging
import re
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from time import monotonic
from typing import Any, Self, TypeVar
from zoneinfo import ZoneInfo

import httpx
import icalendar
from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from members.linkcheck import CheckStopped, guarded_transport, problem_for
from members.models import LinkProblem

from . import schedule
from .models import EventIndexPage, EventPage, MemberCalendar, Status
from .services import plain_text_to_rich_text, submit_for_moderation, unique_slug

logger = logging.getLogger(__name__)
T = TypeVar("T")

MAX_FEED_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
FETCH_CONNECTIONS = 4
MAX_EVENTS_PER_FEED = 500
# An impossible rule (30 February, daily) makes dateutil scan to the year 9999: seconds each.
EXPANSION_SECONDS = 5.0
REPEAT_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
MAX_DESCRIPTION_CHARS = 20_000
UTC_ZONE_NAMES = {"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Zulu", "Zulu", "Universal", "Etc/Universal"}
FINGERPRINT_KEY = "import_fingerprint"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
WEB_URL = URLValidator(schemes=["http", "https"])


class FeedError(Exception):
    """Why a feed was skipped, as a sentence for the member: never a stack trace."""


class NoDiary(Exception):
    pass


class _TooLarge(Exception):
    pass


class _BadStatus(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _SkipEvent(Exception):
    pass


class _OutOfTime(Exception):
    pass


@dataclass
class ImportResult:
    calendar: MemberCalendar
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # events the feed holds that we could not read or use
    capped: bool = False
    error: str = ""  # the feed failed: nothing was imported
    notice: str = ""  # the feed was imported, but not all of it

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass(frozen=True)
class _Span:
    """When one occurrence happens: dates (end exclusive) when all day, else aware in `zone`."""

    start: date | datetime
    end: date | datetime
    zone: str

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    def instants(self) -> tuple[datetime, datetime]:
        if not self.all_day:
            return self.start, self.end
        zone = ZoneInfo(self.zone)
        return datetime.combine(self.start, time(), zone), datetime.combine(self.end, time(), zone)


@dataclass(frozen=True)
class _Candidate:
    starts_at: datetime
    key: str
    component: icalendar.Event
    span: _Span


# Fetching


async def _download(client: httpx.AsyncClient, url: str, *, total_timeout: float) -> bytes:
    # The total timeout covers the whole redirect chain, however slowly a server trickles bytes.
    async with asyncio.timeout(total_timeout), client.stream("GET", url) as response:
        if not response.is_success:
            raise _BadStatus(response.status_code)
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > MAX_FEED_BYTES:
            raise _TooLarge
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body += chunk
            if len(body) > MAX_FEED_BYTES:
                raise _TooLarge
        return bytes(body)


class FeedFetcher:
    """One client for a whole run, through the link checker's guard. The guard is asynchronous,
    so the client lives in an event loop of its own, in a thread of its own (callers may already
    run a loop, as run_in_own_loop allows for), and each fetch is handed over and waited for."""

    def __init__(self) -> None:
        self.total_timeout = settings.EVENTS_IMPORT_TOTAL_TIMEOUT_SECONDS
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="calendar-import")
        self._runner = asyncio.Runner()
        self._client = httpx.AsyncClient(
            transport=guarded_transport(
                allow_private_addresses=settings.LINKCHECK_ALLOW_PRIVATE_ADDRESSES, concurrency=FETCH_CONNECTIONS
            ),
            timeout=httpx.Timeout(settings.EVENTS_IMPORT_TIMEOUT_SECONDS),
            headers={
                "User-Agent": f"AlliancePortalCalendarImport/1.0 (+{settings.WAGTAILADMIN_BASE_URL})",
                "Accept": "text/calendar, */*;q=0.5",
            },
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            trust_env=False,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self._thread.submit(self._runner.run, coroutine).result()

    def close(self) -> None:
        try:
            self._run(self._client.aclose())
        finally:
            self._thread.submit(self._runner.close).result()
            self._thread.shutdown()

    def fetch(self, url: str) -> bytes:
        """The feed's bytes, or FeedError saying why not."""
        if url.startswith("webcal://"):
            url = "https://" + url.removeprefix("webcal://")
        try:
            if httpx.URL(url).scheme not in {"http", "https"}:
                raise FeedError(LinkProblem.NOT_A_WEB_ADDRESS.label)
            return self._run(_download(self._client, url, total_timeout=self.total_timeout))
        except _TooLarge as error:
            raise FeedError(
                gettext("The feed is larger than %(size)s MB.") % {"size": MAX_FEED_BYTES // (1024 * 1024)}
            ) from error
        except _BadStatus as error:
            raise FeedError(gettext("The site answered with error %(status)s.") % {"status": error.status}) from error
        except httpx.TooManyRedirects as error:
            raise FeedError(LinkProblem.TOO_MANY_REDIRECTS.label) from error
        except (CheckStopped, TimeoutError, httpx.HTTPError, httpx.InvalidURL, OSError) as error:
            raise FeedError(problem_for(error).label) from error


# Reading


def parse_feed(body: bytes) -> icalendar.Calendar:
    try:
        calendar = icalendar.Calendar.from_ical(body)
    except Exception as error:  # hostile bytes can break the parser in many ways
        raise FeedError(gettext("The feed is not an iCalendar file.")) from error
    if not isinstance(calendar, icalendar.Calendar) or calendar.name != "VCALENDAR":
        raise FeedError(gettext("The feed is not an iCalendar file."))
    return calendar


def _text(component, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARACTERS.sub("", text).strip()


def _line(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


def _zone_name(value: datetime, default: str) -> str:
    """The event's own zone when we know it; floating times, UTC and unknown zones take the feed's."""
    key = getattr(value.tzinfo, "key", None)
    return key if key in schedule.time_zone_names() and key not in UTC_ZONE_NAMES else default


def _in_zone(value: datetime, zone: ZoneInfo) -> datetime:
    return value.replace(tzinfo=zone) if value.tzinfo is None else value.astimezone(zone)


def _span(component, default_zone: str) -> _Span:
    start, end = component.start, component.end
    if isinstance(start, datetime):
        name = _zone_name(start, default_zone)
        zone = ZoneInfo(name)
        start = _in_zone(start, zone).replace(microsecond=0)
        end = _in_zone(end, zone) if isinstance(end, datetime) else datetime.combine(end, time(), zone)
        return _Span(start, max(end.replace(microsecond=0), start), name)
    end = end.date() if isinstance(end, datetime) else end
    return _Span(start, max(end, start + timedelta(days=1)), default_zone)


def _original_id(value: date | datetime, zone: ZoneInfo) -> str:
    """An occurrence's original start as the key's suffix: the same for the rule's instance,
    its RECURRENCE-ID and its EXDATE, however each is written."""
    if isinstance(value, datetime):
        return _in_zone(value, zone).astimezone(UTC).replace(microsecond=0).isoformat()
    return value.isoformat()


def _dates(component, name: str) -> list[date | datetime]:
    values = component.get(name)
    if values is None:
        return []
    values = values if isinstance(values, list) else [values]
    return [item.dt for value in values for item in getattr(value, "dts", [value])]


def _wall(value: date | datetime) -> datetime:
    return value.replace(tzinfo=None) if isinstance(value, datetime) else datetime.combine(value, time())


def _rule(component, wall_start: datetime, zone: ZoneInfo):
    rules = component.get("RRULE")
    recur = icalendar.vRecur(dict(rules[0] if isinstance(rules, list) else rules))
    if recur.get("FREQ", [""])[0] not in REPEAT_FREQUENCIES:
        raise _SkipEvent
    if recur.get("UNTIL"):
        until = recur["UNTIL"][0]
        recur["UNTIL"] = [
            _in_zone(until, zone).replace(tzinfo=None)
            if isinstance(until, datetime)
            else datetime.combine(until, time(23, 59, 59))
        ]
    return rrulestr(recur.to_ical().decode(), dtstart=wall_start)


def _repeats(master, span: _Span, *, window_end: datetime, deadline: float, overridden: set[str]) -> Iterator[_Span]:
    """The rule's occurrences up to the horizon, wall-clock like the diary's own repeats,
    without those excluded or overridden."""
    zone = ZoneInfo(span.zone)
    wall_start, wall_end = _wall(span.start), _wall(span.end)
    length = wall_end - wall_start
    skipped = overridden | {_original_id(value, zone) for value in _dates(master, "EXDATE")}
    for wall in _rule(master, wall_start, zone):
        if monotonic() > deadline:
            raise _OutOfTime
        start = wall.date() if span.all_day else wall.replace(tzinfo=zone)
        occurrence = _Span(
            start, (wall + length).date() if span.all_day else (wall + length).replace(tzinfo=zone), span.zone
        )
        if occurrence.instants()[0] > window_end:
            return
        if _original_id(start, zone) not in skipped:
            yield occurrence


def _candidates(
    calendar: icalendar.Calendar, result: ImportResult, *, now: datetime, window_end: datetime
) -> list[_Candidate]:
    """The soonest occurrences in the window, keyed by UID and original start. Unreadable events
    are counted; repeats left unexpanded after EXPANSION_SECONDS cap the feed."""
    default_zone = _text(calendar, "X-WR-TIMEZONE")
    default_zone = default_zone if default_zone in schedule.time_zone_names() else "UTC"
    deadline = monotonic() + EXPANSION_SECONDS
    masters, overrides = {}, {}
    for component in calendar.walk("VEVENT"):
        uid = _text(component, "UID")
        if not uid:
            result.skipped += 1
        elif component.get("RECURRENCE-ID") is None:
            if uid in masters:
                result.skipped += 1
            masters.setdefault(uid, component)
        else:
            overrides.setdefault(uid, []).append(component)

    def occurrences() -> Iterator[tuple[str, icalendar.Event, _Span]]:
        for uid, master in masters.items():
            try:
                span = _span(master, default_zone)
                if master.get("RRULE") is None:
                    overrides.pop(uid, None)  # a single event has nothing to override
                    yield uid, master, span
                    continue
                if monotonic() > deadline:
                    raise _OutOfTime
                zone = ZoneInfo(span.zone)
                moved = {_original_id(o["RECURRENCE-ID"].dt, zone): o for o in overrides.pop(uid, [])}
                for occurrence in _repeats(
                    master, span, window_end=window_end, deadline=deadline, overridden=set(moved)
                ):
                    yield f"{uid}|{_original_id(occurrence.start, zone)}", master, occurrence
                for original, override in moved.items():
                    yield f"{uid}|{original}", override, _span(override, default_zone)
            except _OutOfTime:
                result.capped = True
            except Exception:  # hostile or broken events are skipped one by one
                result.skipped += 1
        for uid, moved in overrides.items():
            for override in moved:
                try:
                    span = _span(override, default_zone)
                    yield f"{uid}|{_original_id(override['RECURRENCE-ID'].dt, ZoneInfo(span.zone))}", override, span
                except Exception:
                    result.skipped += 1

    def in_window() -> Iterator[_Candidate]:
        for key, component, span in occurrences():
            starts_at, ends_at = span.instants()
            if ends_at > now and starts_at <= window_end:
                yield _Candidate(starts_at, _source_key(key), component, span)

    soonest = heapq.nsmallest(MAX_EVENTS_PER_FEED + 1, in_window(), key=lambda c: (c.starts_at, c.key))
    if len(soonest) > MAX_EVENTS_PER_FEED:
        result.capped = True
    return soonest[:MAX_EVENTS_PER_FEED]


def _source_key(key: str) -> str:
    limit = EventPage._meta.get_field("source_key").max_length
    return key if len(key) <= limit else "sha256:" + hashlib.sha256(key.encode()).hexdigest()


# Writing


def _values(component, span: _Span) -> dict:
    """What the diary takes from one occurrence in the feed; raises _SkipEvent if it can't."""
    title = _line(_text(component, "SUMMARY"), 255)
    if not title:
        raise _SkipEvent
    description = _text(component, "DESCRIPTION")[:MAX_DESCRIPTION_CHARS]
    url = _line(_text(component, "URL"), 500)
    try:
        WEB_URL(url)
    except ValidationError:
        url = ""
    if span.all_day:
        last_day = span.end - timedelta(days=1)
        when = {
            "start_date": span.start,
            "start_time": None,
            "end_date": last_day if last_day > span.start else None,
            "end_time": None,
        }
    else:
        when = {
            "start_date": span.start.date(),
            "start_time": span.start.time(),
            "end_date": span.end.date() if span.end.date() != span.start.date() else None,
            "end_time": span.end.time() if span.end > span.start else None,
        }
    return {
        "title": title,
        "summary": Truncator(_line(description, MAX_DESCRIPTION_CHARS) or title).chars(300),
        "description": plain_text_to_rich_text(description),
        **when,
        "all_day": span.all_day,
        "time_zone": span.zone,
        "venue": _line(_text(component, "LOCATION"), 200),
        "registration_url": url,
        "status": Status.CANCELLED if _text(component, "STATUS").upper() == "CANCELLED" else Status.SCHEDULED,
    }


def _fingerprint(values: dict) -> str:
    return hashlib.sha256(json.dumps(values, default=str, sort_keys=True).encode()).hexdigest()


def _apply(page: EventPage, values: dict) -> None:
    for name, value in values.items():
        setattr(page, f"{name}_en" if name in ("title", "summary", "description") else name, value)


def _save_draft(page: EventPage, *, user, fingerprint: str) -> None:
    revision = page.save_revision(user=user)
    log(
        instance=page,
        action="wagtail.edit",
        user=user,
        revision=revision,
        content_changed=True,
        data={FINGERPRINT_KEY: fingerprint},
    )
    submit_for_moderation(page, user=user)


def _create(diary: EventIndexPage, calendar: MemberCalendar, key: str, values: dict, fingerprint: str) -> None:
    user = calendar.added_by
    page = EventPage(
        owner=user,
        live=False,
        calendar=calendar,
        source_key=key,
        original_language="en",
        organiser=calendar.member.title[:200],
    )
    page.members = [calendar.member]
    _apply(page, values)
    page.slug = unique_slug(diary, page.title_en)
    diary.add_child(instance=page)
    log(instance=page, action="wagtail.create", user=user, data={"calendar": calendar.pk, "source_key": key})
    _save_draft(page, user=user, fingerprint=fingerprint)


def _update(event: EventPage, calendar: MemberCalendar, values: dict, fingerprint: str) -> None:
    """A new revision for moderation: a published event stays as it is until it is approved.
    Only what comes from the feed changes: the team's other edits stay."""
    page = event.get_latest_revision_as_object()
    _apply(page, values)
    _save_draft(page, user=calendar.added_by, fingerprint=fingerprint)


def _imported_fingerprints(pages: list[EventPage]) -> dict[int, str]:
    entries = (
        PageLogEntry.objects.filter(page_id__in=[page.pk for page in pages], data__has_key=FINGERPRINT_KEY)
        .order_by("page_id", "-timestamp", "-pk")
        .values_list("page_id", "data")
    )
    fingerprints = {}
    for page_id, data in entries:
        fingerprints.setdefault(page_id, data[FINGERPRINT_KEY])
    return fingerprints


def _deleted_keys(calendar: MemberCalendar) -> set[str]:
    """Events moderators deleted: the feed still has them, the diary doesn't want them back."""
    created = PageLogEntry.objects.filter(action="wagtail.create", data__calendar=calendar.pk).exclude(
        page_id__in=EventPage.objects.values("pk")
    )
    return {data.get("source_key", "") for data in created.values_list("data", flat=True)}


def _store(candidates: list[_Candidate], result: ImportResult, *, diary: EventIndexPage) -> None:
    calendar = result.calendar
    keys = [candidate.key for candidate in candidates]
    existing = {page.source_key: page for page in EventPage.objects.filter(calendar=calendar, source_key__in=keys)}
    fingerprints = _imported_fingerprints(list(existing.values()))
    deleted = _deleted_keys(calendar)
    for candidate in candidates:
        try:
            values = _values(candidate.component, candidate.span)
        except Exception:  # hostile values are skipped one by one
            result.skipped += 1
            continue
        fingerprint = _fingerprint(values)
        event = existing.get(candidate.key)
        if event is None and (candidate.key in deleted or values["status"] == Status.CANCELLED):
            continue
        if event is not None and fingerprints.get(event.pk) == fingerprint:
            result.unchanged += 1
            continue
        try:
            with transaction.atomic(), translation.override("en"):
                if event is None:
                    _create(diary, calendar, candidate.key, values, fingerprint)
                    result.created += 1
                else:
                    _update(event, calendar, values, fingerprint)
                    result.updated += 1
        except (ValidationError, IntegrityError) as error:
            logger.info("Imported event %r from %s skipped: %s", candidate.key, calendar.url, error)
            result.skipped += 1


def import_calendar(
    calendar: MemberCalendar, *, diary: EventIndexPage, now: datetime, fetcher: FeedFetcher
) -> ImportResult:
    """Import one member's feed. Never raises: what went wrong is in the result and on the row,
    which describes the latest run."""
    result = ImportResult(calendar=calendar)
    try:
        feed = parse_feed(fetcher.fetch(calendar.url))
        window_end = now + timedelta(days=settings.EVENTS_IMPORT_HORIZON_DAYS)
        _store(_candidates(feed, result, now=now, window_end=window_end), result, diary=diary)
        if result.capped:
            result.notice = gettext("Only the first %(count)s events of the feed were imported.") % {
                "count": result.imported
            }
    except FeedError as error:
        result.error = str(error)
    except Exception:
        logger.exception("Importing the calendar of member %s from %s failed", calendar.member_id, calendar.url)
        result.error = gettext("The feed could not be imported.")
    calendar.last_imported_at = now
    calendar.last_error = (result.error or result.notice)[: MemberCalendar._meta.get_field("last_error").max_length]
    calendar.last_imported_count = result.imported
    calendar.save(update_fields=["last_imported_at", "last_error", "last_imported_count"])
    return result


def import_calendars(*, member_id: int | None = None, now: datetime | None = None) -> list[ImportResult]:
    """Import every member's feed (or one member's), one after the other."""
    diary = EventIndexPage.objects.first()
    if diary is None:
        raise NoDiary("There is no events diary to import into.")
    now = now or timezone.now()
    calendars = MemberCalendar.objects.select_related("member", "added_by").order_by("pk")
    if member_id is not None:
        calendars = calendars.filter(member_id=member_id)
    with translation.override(settings.LANGUAGE_CODE), FeedFetcher() as fetcher:
        return [import_calendar(calendar, diary=diary, now=now, fetcher=fetcher) for calendar in calendars]
