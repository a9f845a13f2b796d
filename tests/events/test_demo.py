import io

from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, Revision, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from events import demo as events_demo
from events.demo_content import EVENTS
from events.models import EventIndexPage, EventOccurrence, EventPage
from portal import demo
from portal.models import Theme
from portal.roles import COMMUNICATIONS_TEAM
from tests.conftest import build_demo_site

LANGUAGE_FIELDS = ("en", "ar", "zh_hans", "fr", "ja", "pt", "ru", "es", "sw")
NAMED_EVENTS = [
    "World Urban Forum",
    "Consultative Group annual meeting",
    "Policy Advisory Board spring meeting",
    "Executive Committee call",
    "International Dialogue on Slum Upgrading",
]


def _default_workflow() -> None:
    """What Wagtail's migrations make: one approval step on the whole tree, the communications
    team as approver (as `ensure_role_groups` arranges after `migrate`)."""
    workflow = Workflow.objects.create(name="Moderators approval", active=True)
    task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(Group.objects.get(name=COMMUNICATIONS_TEAM))
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=Page.get_first_root_node())


def _titles_in(event: EventPage) -> set[str]:
    return {code for code in LANGUAGE_FIELDS if getattr(event, f"title_{code}")}


def _counts() -> tuple[int, ...]:
    models = (EventIndexPage, EventPage, EventOccurrence, Revision, WorkflowState, Theme)
    return tuple(model.objects.count() for model in models)


def test_the_demo_diary(db):
    """One build of the whole demo (members take seconds), checked from every side."""
    site = build_demo_site(with_members=True)
    _default_workflow()
    stdout = io.StringIO()
    diary = events_demo.ensure_demo_diary(home=site.root_page, stdout=stdout)
    events_demo.ensure_demo_events(diary=diary, stdout=stdout)
    assert "Created 40 events: 38 published, 2 waiting for moderation." in stdout.getvalue()

    # The diary, in every language and in the menu.
    assert diary.live and diary.show_in_menus
    assert (diary.title_fr, diary.slug_fr) == ("Agenda", "agenda")
    assert all(getattr(diary, f"intro_{code}") for code in LANGUAGE_FIELDS)

    # Past and upcoming events, whatever today is; the named ones; every kind.
    now = timezone.now()
    events = list(EventPage.objects.child_of(diary).prefetch_related("members", "themes"))
    live = [event for event in events if event.live]
    assert len(events) == len(EVENTS) >= 40
    assert len([event for event in live if event.starts_at > now]) >= 10
    assert len([event for event in live if event.ends_at < now]) >= 10
    assert set(NAMED_EVENTS) <= {event.title_en for event in live}
    assert {event.scope for event in events} == {"city", "national", "regional", "international"}
    assert {"postponed", "cancelled"} <= {event.status for event in live}
    assert any(event.is_online and not event.is_in_person for event in live)
    assert any(event.is_online and event.is_in_person for event in live)
    for event in events:
        event.full_clean()  # the editor's own rules: dates, time zone, repeats, countries, links
        assert 1 <= len(event.members.all()) <= 3, event.title_en
        assert event.themes.all() and event.organiser and event.languages, event.title_en

    # English everywhere, a third in French, Spanish, Arabic and more; not all written in English.
    assert all("en" in _titles_in(event) and event.summary_en and event.description_en for event in events)
    assert len([event for event in events if {"en", "fr", "es", "ar"} < _titles_in(event)]) * 3 >= len(events)
    assert {"en", "fr", "pt"} <= {event.original_language for event in events}

    # The monthly Executive Committee call: one date cancelled, one moved, some past, some to come.
    call = next(event for event in events if event.title_en == "Executive Committee call")
    occurrences = list(EventOccurrence.objects.filter(event=call))
    assert (call.repeat, call.repeat_count, len(occurrences)) == ("monthly", 10, 10)
    assert [o.is_cancelled for o in occurrences].count(True) == 1
    assert [o.is_moved for o in occurrences].count(True) == 1
    assert occurrences[0].starts_at < now < occurrences[-1].starts_at

    # The city contributor's events: one live, two waiting for the communications team.
    by_city = [event for event in events if event.owner.email == "city@demo.test"]
    assert len([event for event in by_city if event.live]) == 1
    waiting = [event for event in by_city if not event.live]
    assert len(waiting) == 2
    for event in waiting:
        state = event.current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by.email == event.latest_revision.user.email == "city@demo.test"
    assert all(event.live for event in events if event.owner.email == "comms@demo.test")

    # Running it again changes nothing and says nothing.
    before, stdout = _counts(), io.StringIO()
    demo.ensure_demo_themes(stdout=stdout)
    again = events_demo.ensure_demo_diary(home=site.root_page, stdout=stdout)
    events_demo.ensure_demo_events(diary=again, stdout=stdout)
    assert again.pk == diary.pk
    assert _counts() == before
    assert stdout.getvalue() == ""


def test_a_diary_made_by_hand_is_kept_and_given_its_missing_translations(diary, home_page):
    stdout = io.StringIO()

    result = events_demo.ensure_demo_diary(home=home_page, stdout=stdout)

    assert result.pk == diary.pk and EventIndexPage.objects.count() == 1
    assert (result.title_en, result.slug_en, result.title_fr, result.slug_es) == (
        "Events",
        "events",
        "Agenda",
        "agenda",
    )
    assert result.intro_sw and result.show_in_menus
    assert result.url_path_fr.endswith("/agenda/")
    assert "missing translations" in stdout.getvalue()


def test_without_members_or_a_workflow_the_events_come_without_links_and_wait_as_drafts(db, monkeypatch):
    some = [data for data in EVENTS if data.get("posted_by") or data.get("repeat")]
    monkeypatch.setattr(events_demo.demo_content, "EVENTS", some)

    build_demo_site(with_events=True)

    events = EventPage.objects.annotate(member_count=Count("members"))
    assert events.count() == len(some)
    assert not events.filter(member_count__gt=0).exists()
    assert events.filter(live=False).count() == 2
    assert not WorkflowState.objects.exists()
