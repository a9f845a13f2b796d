"""The diary and its events, for every app whose tests need them (loaded by tests/conftest.py)."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone, translation
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from events.models import EventIndexPage, EventOccurrenceChange, EventPage
from portal.roles import ensure_role_groups


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
            event = EventPage(title=title, live=publish, **fields)
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


def ensure_moderation_workflow() -> Workflow:
    """Wagtail's default workflow, which its data migration makes and --nomigrations skips:
    one approval task on the whole tree, with the communications team as approver."""
    workflow = Workflow.objects.create(name="Moderators approval", active=True)
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())
    ensure_role_groups()
    return workflow


@pytest.fixture
def moderation_workflow(demo_site) -> Workflow:
    return ensure_moderation_workflow()


@pytest.fixture
def event_form_data():
    """A valid posting, one month ahead, as the form's fields."""

    def data(**overrides):
        start = timezone.localdate() + timedelta(days=30)
        values = {
            "language": "en",
            "title": "Slum upgrading workshop",
            "summary": "A day on citywide upgrading.",
            "description": "Morning: field visits.\n\nAfternoon: talks.",
            "scope": "city",
            "start_date": start.isoformat(),
            "start_time": "09:30",
            "end_date": "",
            "end_time": "17:00",
            "time_zone": "Africa/Lagos",
            "repeat": "",
            "repeat_interval": "1",
            "venue": "City Hall",
            "city": "Lagos",
            "country": "NG",
            "online_url": "",
            "organiser": "Lagos State",
            "partners": "",
            "registration_url": "https://example.org/register",
        }
        values.update(overrides)
        return {name: value for name, value in values.items() if value is not None}

    return data
