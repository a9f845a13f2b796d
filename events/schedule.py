"""When an event happens: its occurrences in its own time zone, repeats and their changes applied.

Repeats are expanded on wall-clock time, so a weekly 10:00 meeting stays at 10:00 across a
daylight-saving change, as calendar applications do."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache
from itertools import islice
from zoneinfo import ZoneInfo, available_timezones

from dateutil import rrule

MAX_OCCURRENCES = 500

FREQUENCIES = {"daily": rrule.DAILY, "weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY, "yearly": rrule.YEARLY}


@cache
def time_zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


@dataclass(frozen=True)
class Occurrence:
    start: datetime  # aware, in the event's zone
    end: datetime
    recurrence_id: datetime | None  # the original start of a repeat, for RECURRENCE-ID
    is_cancelled: bool = False
    is_moved: bool = False


def zone_of(event) -> ZoneInfo:
    return ZoneInfo(event.time_zone)


def _local(day: date, at: time | None, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at or time(0), tzinfo=zone)


def first_start(event) -> datetime:
    return _local(event.start_date, None if event.all_day else event.start_time, zone_of(event))


def duration(event) -> timedelta:
    """Wall-clock length: an all-day event lasts whole days, up to the end of its end date."""
    end_date = event.end_date or event.start_date
    if event.all_day:
        return datetime.combine(end_date, time(0)) + timedelta(days=1) - datetime.combine(event.start_date, time(0))
    end = datetime.combine(end_date, event.end_time or event.start_time)
    return end - datetime.combine(event.start_date, event.start_time)


def repeat_rule(event) -> rrule.rrule | None:
    if not event.repeat:
        return None
    start = first_start(event).replace(tzinfo=None)
    until = datetime.combine(event.repeat_until, time.max) if event.repeat_until else None
    return rrule.rrule(
        FREQUENCIES[event.repeat],
        dtstart=start,
        interval=event.repeat_interval or 1,
        count=None if until else min(event.repeat_count or MAX_OCCURRENCES, MAX_OCCURRENCES),
        until=until,
    )


def _wall_starts(rule: rrule.rrule):
    return islice(rule, MAX_OCCURRENCES)


def occurrences(event, changes=None) -> list[Occurrence]:
    """Every occurrence, in order; a cancelled occurrence is kept and marked, a moved one moves.

    `changes` are the event's occurrence changes; by default read from the event."""
    zone = zone_of(event)
    length = duration(event)
    rule = repeat_rule(event)
    if rule is None:
        start = first_start(event)
        return [Occurrence(start=start, end=_wall_add(start, length), recurrence_id=None)]
    by_date = {
        change.original_date: change for change in (event.occurrence_changes.all() if changes is None else changes)
    }
    result = []
    for wall_start in _wall_starts(rule):
        start = wall_start.replace(tzinfo=zone)
        change = by_date.get(start.date())
        if change is None:
            result.append(Occurrence(start=start, end=_wall_add(start, length), recurrence_id=start))
        elif change.cancelled:
            result.append(Occurrence(start, _wall_add(start, length), recurrence_id=start, is_cancelled=True))
        else:
            moved_start = _local(change.new_date or start.date(), change.new_start_time or start.time(), zone)
            if event.all_day:
                moved_start = _local(change.new_date or start.date(), None, zone)
            moved_end = (
                _local(moved_start.date(), change.new_end_time, zone)
                if change.new_end_time and not event.all_day
                else _wall_add(moved_start, length)
            )
            result.append(Occurrence(moved_start, moved_end, recurrence_id=start, is_moved=True))
    return sorted(result, key=lambda occurrence: occurrence.start)


def occurrence_dates(event) -> set[date]:
    rule = repeat_rule(event)
    return {wall_start.date() for wall_start in _wall_starts(rule)} if rule else set()


def _wall_add(start: datetime, length: timedelta) -> datetime:
    """start + length in wall-clock time, so a 2-hour meeting is 2 hours on the clock."""
    return (start.replace(tzinfo=None) + length).replace(tzinfo=start.tzinfo)


def fingerprint(event, changes=None) -> str:
    """What calendar clients must notice: the time, the repeats, their changes and the status."""
    changes = list(event.occurrence_changes.all() if changes is None else changes)
    data = {
        "when": [event.start_date, event.start_time, event.end_date, event.end_time, event.all_day, event.time_zone],
        "repeat": [event.repeat, event.repeat_interval, event.repeat_count, event.repeat_until],
        "changes": sorted(
            json.dumps([c.original_date, c.cancelled, c.new_date, c.new_start_time, c.new_end_time], default=str)
            for c in changes
        ),
        "status": event.status,
    }
    return hashlib.sha256(json.dumps(data, default=str, sort_keys=True).encode()).hexdigest()
