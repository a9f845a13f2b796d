"""The diary and its events, for every app whose tests need them (loaded by tests/conftest.py)."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone, translation

from events.models import EventIndexPage, EventOccurrenceChange, EventPage


@pytest.fixture
def diary(home_page):
    existing = EventIndexPage.objects.first()
    if existing:
        return existing
    with translation.override("en"):
        diary = home_page.add_child(instance=EventIndexPage(title="Events", slug="events"))
        diary.save_revision().publish()
    return EventIndexPage.objects.get(pk=diary.pk)


@pytest.fixture
def make_event(diary):
    """A published event, one month from today at 10:00–12:00 in Nairobi unless told otherwise.

    `changes` are (original_date, {field: value}) for cancelled or moved occurrences;
    `members` and `themes` are lists; `publish=False` leaves a draft."""

    def make(title: str = "Urban forum", *, publish: bool = True, changes=(), members=(), themes=(), **fields):
        fields.setdefault("start_date", timezone.localdate() + timedelta(days=30))
        fields.setdefault("start_time", None if fields.get("all_day") else time(10))
        fields.setdefault("end_time", None if fields.get("all_day") else time(12))
        fields.setdefault("time_zone", "Africa/Nairobi")
        fields.setdefault("summary", f"About {title}.")
        with translation.override("en"):
            event = EventPage(title=title, **fields)
            event.occurrence_changes = [
                EventOccurrenceChange(original_date=original, **change) for original, change in changes
            ]
            event.members = list(members)
            event.themes = list(themes)
            diary.add_child(instance=event)
            revision = event.save_revision()
            if publish:
                revision.publish()
        return EventPage.objects.get(pk=event.pk)

    return make


@pytest.fixture
def next_monday() -> date:
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())
