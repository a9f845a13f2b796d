"""The diary as iCalendar text: RFC 5545 events in a calendar with RFC 7986's properties.

Made for feeds of tens of thousands of events that calendar applications poll every hour. Page
objects with their prefetched relations cost about a millisecond each and icalendar components
half a millisecond more to build and serialise, so events are read as plain rows in a fixed
number of queries and written line by line; the calendar's own properties, its time zones and
repeat rules are icalendar's."""

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from html import unescape

from django.conf import settings
from django.db.models import QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries import countries
from icalendar import Calendar, Timezone, vRecur
from icalendar.prop import vDuration
from modeltranslation.utils import build_localized_fieldname, resolution_order

from members.models import MemberPage
from portal.models import Theme

from . import schedule
from .models import EventOccurrenceChange, EventPage, Status

PRODID = "-//Alliance Portal//Events diary//EN"
REFRESH_INTERVAL = timedelta(hours=1)
STATUSES = {Status.SCHEDULED: "CONFIRMED", Status.POSTPONED: "TENTATIVE", Status.CANCELLED: "CANCELLED"}
UTC_ZONES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT", "Universal", "Zulu"})

# Controls RFC 5545 allows in no TEXT value, and characters some parsers take for line breaks.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_BLOCK_ENDS = re.compile(r"<br\s*/?>|</(?:p|h[1-6]|li|blockquote)>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]*>")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_NOT_URI = re.compile(r"[^\x21-\x7e]")


@dataclass(slots=True)
class CalendarEvent:
    """One event as a feed shows it, its text in the active language (English where it has none).

    It has the fields `events.schedule` reads, so its helpers work on it as on a page."""

    pk: int
    uid: str
    sequence: int
    published: datetime
    title: str
    summary: str
    description: str
    url_path: str
    start_date: date
    start_time: time | None
    end_date: date | None
    end_time: time | None
    all_day: bool
    time_zone: str
    repeat: str
    repeat_interval: int
    repeat_count: int | None
    repeat_until: date | None
    venue: str
    city: str
    country: str
    online_url: str
    organiser: str
    partners: str
    registration_url: str
    status: str
    changes: list[EventOccurrenceChange] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    members: list[str] = field(default_factory=list)


SHARED_FIELDS = (
    "pk",
    "uid",
    "sequence",
    "start_date",
    "start_time",
    "end_date",
    "end_time",
    "all_day",
    "time_zone",
    "repeat",
    "repeat_interval",
    "repeat_count",
    "repeat_until",
    "venue",
    "city",
    "country",
    "online_url",
    "organiser",
    "partners",
    "registration_url",
    "status",
)
TRANSLATED_FIELDS = ("title", "summary", "description", "url_path")


def calendar_events(events: QuerySet[EventPage]) -> list[CalendarEvent]:
    """The events as rows, with their changed dates, themes and members: six queries in all."""
    ids = events.values("pk")
    rows = (
        EventPage.objects.filter(pk__in=ids)
        .order_by("starts_at", "pk")
        .values(
            *SHARED_FIELDS,
            **{f"{name}_shown": _in_active_language(name) for name in TRANSLATED_FIELDS},
            published=Coalesce("last_published_at", "first_published_at", "latest_revision_created_at"),
        )
    )
    changes = defaultdict(list)
    for change in EventOccurrenceChange.objects.filter(event__in=ids).order_by("sort_order", "pk"):
        changes[change.event_id].append(change)
    themes = _related(ids, "themes", "theme_id", Theme.objects.values_list("pk", "name"))
    involved = _through("members").objects.filter(eventpage__in=ids).values("memberpage_id")
    members = MemberPage.objects.live().filter(pk__in=involved).order_by("title").values_list("pk", "title")
    members = _related(ids, "members", "memberpage_id", members)
    return [
        CalendarEvent(
            **{name: row[name] for name in SHARED_FIELDS},
            **{name: row[f"{name}_shown"] for name in TRANSLATED_FIELDS},
            published=row["published"] or timezone.now(),
            changes=changes.get(row["pk"], []),
            themes=themes.get(row["pk"], []),
            members=members.get(row["pk"], []),
        )
        for row in rows
    ]


def _in_active_language(name: str) -> Coalesce:
    """A translated field as django-modeltranslation reads it: the active language's value, else
    the first fallback language's that is not empty."""
    codes = dict.fromkeys(resolution_order(translation.get_language() or settings.LANGUAGE_CODE))
    values = [NullIf(build_localized_fieldname(name, code), Value("")) for code in codes]
    return Coalesce(*values, Value(""), output_field=TextField())


def _through(relation: str):
    return EventPage._meta.get_field(relation).remote_field.through


def _related(ids: QuerySet, relation: str, column: str, names: QuerySet) -> dict[int, list[str]]:
    """Each event's related names, in the order of `names` (what is not in `names` is left out)."""
    order = {pk: (position, name) for position, (pk, name) in enumerate(names)}
    linked = defaultdict(list)
    for event_id, other_id in _through(relation).objects.filter(eventpage__in=ids).values_list("eventpage_id", column):
        if other_id in order:
            linked[event_id].append(order[other_id])
    return {event_id: [name for _position, name in sorted(items)] for event_id, items in linked.items()}


@dataclass(frozen=True)
class CalendarInfo:
    """What the calendar says about itself; `name` empty for a single event's file, which
    calendar applications then add to the user's calendar rather than open as a new one."""

    url: str
    source: str
    last_modified: datetime | None
    name: str = ""
    description: str = ""


def text(value: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): line breaks, backslashes, commas and semicolons escaped,
    so whatever a poster typed stays inside the value; controls dropped."""
    value = _LINE_BREAKS.sub("\n", _CONTROLS.sub("", value))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def uri(value: str) -> str:
    """A URI value, percent-encoding anything that could end the line or the value."""
    return _NOT_URI.sub(lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode()), value)


def plain_text(html: str) -> str:
    """Rich text as lines of plain text: block ends become line breaks, tags go."""
    text_only = unescape(_TAGS.sub("", _BLOCK_ENDS.sub("\n", html)))
    return _BLANK_LINES.sub("\n\n", text_only).strip()


def fold(line: str) -> str:
    """One content line, folded at 75 octets without splitting a character or an escape."""
    if len(line) <= 75 and line.isascii():
        return line
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:
            end -= 1
        backslashes = 0
        while end - 1 - backslashes > start and data[end - 1 - backslashes] == 0x5C:
            backslashes += 1
        if backslashes % 2:
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


def _stamp(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y%m%dT%H%M%S}Z"


class _Times:
    """DTSTART, DTEND, EXDATE and RECURRENCE-ID values of one event: dates for an all-day event,
    else wall-clock times with the event's TZID (UTC times with Z)."""

    def __init__(self, event: CalendarEvent):
        self.all_day = event.all_day
        self.zone = event.time_zone
        self.is_utc = self.zone in UTC_ZONES

    def line(self, name: str, *moments: datetime) -> str:
        if self.all_day:
            return f"{name};VALUE=DATE:{','.join(f'{moment:%Y%m%d}' for moment in moments)}"
        if self.is_utc:
            return f"{name}:{','.join(_stamp(moment) for moment in moments)}"
        return f"{name};TZID={self.zone}:{','.join(f'{moment:%Y%m%dT%H%M%S}' for moment in moments)}"

    def until(self, moment: datetime) -> date | datetime:
        return moment.date() if self.all_day else moment.astimezone(UTC)


def repeat_rule(event: CalendarEvent, occurrences: list[schedule.Occurrence]) -> str:
    """UNTIL for a last day: the last occurrence's start, in UTC as RFC 5545 requires with a TZID;
    else COUNT, also where the diary stops expanding repeats."""
    rule = {"FREQ": event.repeat.upper()}
    if event.repeat_interval and event.repeat_interval > 1:
        rule["INTERVAL"] = event.repeat_interval
    if event.repeat_until and len(occurrences) < schedule.MAX_OCCURRENCES:
        rule["UNTIL"] = _Times(event).until(occurrences[-1].recurrence_id)
    else:
        rule["COUNT"] = len(occurrences)
    return vRecur(rule).to_ical().decode()


class _Writer:
    """Writes VEVENTs in the active language, noting the years each time zone must cover."""

    def __init__(self, page_url: Callable[[CalendarEvent], str]):
        self.page_url = page_url
        self.zones: dict[str, tuple[int, int]] = {}
        self.country_names = {"": ""}
        self.labels = {
            "organiser": _("Organised by: %(organiser)s"),
            "members": _("Members involved: %(members)s"),
            "partners": _("Partners: %(partners)s"),
            "online": _("Online: %(link)s"),
            "registration": _("Registration: %(link)s"),
        }

    def description(self, event: CalendarEvent, url: str) -> str:
        """The summary, the description, who, how to join or register, and the page's address,
        which some applications show nowhere else."""
        details = [
            self.labels[key] % {name: value}
            for key, name, value in (
                ("organiser", "organiser", event.organiser),
                ("members", "members", ", ".join(event.members)),
                ("partners", "partners", event.partners),
                ("online", "link", event.online_url),
                ("registration", "link", event.registration_url),
            )
            if value
        ]
        parts = [event.summary, plain_text(event.description), "\n".join(details), url]
        return "\n\n".join(part for part in parts if part)

    def location(self, event: CalendarEvent) -> str:
        if event.country not in self.country_names:
            self.country_names[event.country] = str(countries.name(event.country))
        return ", ".join(part for part in (event.venue, event.city, self.country_names[event.country]) if part)

    def lines(self, event: CalendarEvent) -> list[str]:
        """The event's VEVENT, then one VEVENT per moved occurrence (same UID, its RECURRENCE-ID)."""
        occurrences = schedule.occurrences(event, event.changes)
        if not occurrences:
            return []
        url = self.page_url(event)
        times = _Times(event)
        start = schedule.first_start(event)
        end = (start.replace(tzinfo=None) + schedule.duration(event)).replace(tzinfo=start.tzinfo)
        stamp = _stamp(event.published)
        shared = [f"UID:{text(event.uid)}", f"DTSTAMP:{stamp}", f"SEQUENCE:{event.sequence}"]
        about = [f"SUMMARY:{text(event.title)}", f"DESCRIPTION:{text(self.description(event, url))}"]
        if where := self.location(event):
            about.append(f"LOCATION:{text(where)}")
        if url:
            about.append(f"URL:{uri(url)}")
        if event.online_url:
            about.append(f"CONFERENCE;VALUE=URI:{uri(event.online_url)}")
        if event.themes:
            about.append(f"CATEGORIES:{','.join(text(theme) for theme in event.themes)}")
        about += [f"STATUS:{STATUSES.get(event.status, 'CONFIRMED')}", f"LAST-MODIFIED:{stamp}"]

        lines = ["BEGIN:VEVENT", *shared, times.line("DTSTART", start), times.line("DTEND", end)]
        if event.repeat:
            lines.append(f"RRULE:{repeat_rule(event, occurrences)}")
            if cancelled := [occurrence.recurrence_id for occurrence in occurrences if occurrence.is_cancelled]:
                lines.append(times.line("EXDATE", *cancelled))
        lines += [*about, "END:VEVENT"]
        for moved in (occurrence for occurrence in occurrences if occurrence.is_moved):
            lines += ["BEGIN:VEVENT", *shared, times.line("RECURRENCE-ID", moved.recurrence_id)]
            lines += [times.line("DTSTART", moved.start), times.line("DTEND", moved.end), *about, "END:VEVENT"]
        if not (times.all_day or times.is_utc):
            first = min(start.year, occurrences[0].start.year) - 1
            last = max(occurrence.end.year for occurrence in occurrences) + 1
            known = self.zones.get(times.zone, (first, last))
            self.zones[times.zone] = (min(known[0], first), max(known[1], last))
        return lines


@lru_cache(maxsize=512)
def _time_zone(name: str, first_year: int, last_year: int) -> bytes:
    return Timezone.from_tzid(name, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)).to_ical()


def _header(info: CalendarInfo, zones: dict[str, tuple[int, int]]) -> bytes:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    if info.name:
        calendar.calendar_name = info.name
        if info.description:
            calendar.description = info.description
        calendar.add("REFRESH-INTERVAL", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))
    if info.url:
        calendar.url = uri(info.url)
    calendar.source = uri(info.source)
    if info.last_modified:
        calendar.add("LAST-MODIFIED", info.last_modified.astimezone(UTC))
    head = calendar.to_ical().removesuffix(b"END:VCALENDAR\r\n")
    return head + b"".join(_time_zone(name, *years) for name, years in sorted(zones.items()))


def render(events: Iterable[CalendarEvent], *, info: CalendarInfo, page_url: Callable[[CalendarEvent], str]) -> bytes:
    """The whole VCALENDAR, with a VTIMEZONE for every zone its times use, over the years they span."""
    writer = _Writer(page_url)
    lines = []
    for event in events:
        if event.time_zone in schedule.time_zone_names():
            lines += writer.lines(event)
    lines.append("END:VCALENDAR")
    body = "\r\n".join(fold(line) for line in lines).encode()
    return _header(info, writer.zones) + body + b"\r\n"
