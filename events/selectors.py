"""Reads for the diary and its feeds, each in a fixed number of queries whatever the data size."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

from members.models import MemberPage
from portal.models import Theme

from .models import EventOccurrence, EventPage

# The widths the card templates' srcset asks for, the API's among them.
CARD_IMAGE_FILTERS = ("fill-320x180|format-webp", "fill-640x360|format-webp")
CARD_IMAGE_FILTER = CARD_IMAGE_FILTERS[1]


@dataclass(frozen=True)
class DiaryFilters:
    scope: str = ""
    theme: Theme | None = None
    country: str = ""
    city: str = ""
    member: MemberPage | None = None
    start: date | None = None  # from this day on
    end: date | None = None  # up to and including this day

    @property
    def is_filtered(self) -> bool:
        return any([self.scope, self.theme, self.country, self.city, self.member, self.start, self.end])


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=timezone.get_current_timezone())


def published_events() -> QuerySet[EventPage]:
    return EventPage.objects.live().public()


def _filter_events(events: QuerySet[EventPage], filters: DiaryFilters) -> QuerySet[EventPage]:
    if filters.scope:
        events = events.filter(scope=filters.scope)
    if filters.theme:
        events = events.filter(themes=filters.theme)
    if filters.country:
        events = events.filter(country=filters.country)
    if filters.city:
        events = events.filter(city__iexact=filters.city)
    if filters.member:
        events = events.filter(members=filters.member)
    return events


def _in_range(occurrences: QuerySet[EventOccurrence], start: datetime | None, end: datetime | None):
    if start:
        occurrences = occurrences.filter(ends_at__gt=start)
    if end:
        occurrences = occurrences.filter(starts_at__lt=end)
    return occurrences


def _filter_range(filters: DiaryFilters) -> tuple[datetime | None, datetime | None]:
    return (
        _day_start(filters.start) if filters.start else None,
        _day_start(filters.end + timedelta(days=1)) if filters.end else None,
    )


def feed_events(filters: DiaryFilters) -> QuerySet[EventPage]:
    """Whole events (with their repeats) for a calendar feed: those with an occurrence in range."""
    events = _filter_events(published_events(), filters)
    start, end = _filter_range(filters)
    if start or end:
        matching = _in_range(EventOccurrence.objects.filter(event=OuterRef("pk")), start, end)
        events = events.filter(Exists(matching))
    return events.distinct().order_by("starts_at", "pk")


def diary_occurrences(
    filters: DiaryFilters, *, start: datetime | None = None, end: datetime | None = None, newest_first=False
) -> QuerySet[EventOccurrence]:
    """Each occurrence of the filtered events within [start, end) and the filters' own range."""
    events = _filter_events(published_events(), filters)
    filter_start, filter_end = _filter_range(filters)
    start = max(filter(None, [start, filter_start]), default=None)
    end = min(filter(None, [end, filter_end]), default=None)
    occurrences = _in_range(EventOccurrence.objects.filter(event__in=events.values("pk")), start, end)
    ordering = ["-starts_at", "-pk"] if newest_first else ["starts_at", "pk"]
    return occurrences.select_related("event").order_by(*ordering)


def with_cards(occurrences: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
    """What an event's card shows beyond the event itself: its image and its members."""
    images = get_image_model().objects.prefetch_renditions(*CARD_IMAGE_FILTERS)
    return occurrences.prefetch_related(
        Prefetch("event__image", queryset=images),
        Prefetch("event__members", queryset=MemberPage.objects.only("pk", "title", "url_path", "acronym")),
    )


def upcoming_occurrences(filters: DiaryFilters, *, now: datetime | None = None) -> QuerySet[EventOccurrence]:
    return with_cards(diary_occurrences(filters, start=now or timezone.now()))


def past_occurrences(filters: DiaryFilters, *, now: datetime | None = None) -> QuerySet[EventOccurrence]:
    now = now or timezone.now()
    return with_cards(diary_occurrences(filters, end=now, newest_first=True).filter(ends_at__lte=now))


def filter_choices() -> dict:
    """The countries and cities that published events have, for the filter panel."""
    rows = published_events().exclude(country="", city="").order_by().values_list("country", "city").distinct()
    countries, cities = set(), set()
    for country, city in rows:
        if country:
            countries.add(country)
        if city:
            cities.add(city)
    return {"countries": countries, "cities": sorted(cities, key=str.casefold)}


class ModerationState:
    PUBLISHED = "published"
    WAITING = "waiting"
    CHANGES_REQUESTED = "changes_requested"
    DRAFT = "draft"


@dataclass(frozen=True)
class PostedEvent:
    event: EventPage
    state: str
    comment: str = ""
    has_pending_edits: bool = False


def events_posted_by(*, user) -> list[PostedEvent]:
    """The events a person posted, with where each stands in moderation, in three queries."""
    events = list(EventPage.objects.filter(owner=user).order_by("-starts_at", "-pk"))
    states: dict[str, WorkflowState] = {}
    workflow_states = (
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=[str(e.pk) for e in events])
        .select_related("current_task_state")
    )
    for state in workflow_states:
        states[state.object_id] = state
    posted = []
    for event in events:
        state = states.get(str(event.pk))
        if state and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            comment = state.current_task_state.comment if state.current_task_state else ""
            posted.append(PostedEvent(event, ModerationState.CHANGES_REQUESTED, comment, event.has_unpublished_changes))
        elif state:
            posted.append(PostedEvent(event, ModerationState.WAITING, has_pending_edits=event.live))
        elif event.live:
            posted.append(
                PostedEvent(event, ModerationState.PUBLISHED, has_pending_edits=event.has_unpublished_changes)
            )
        else:
            posted.append(PostedEvent(event, ModerationState.DRAFT))
    return posted


def upcoming_events_of(*, member: MemberPage, limit: int = 5) -> list[EventOccurrence]:
    """The member's next occurrences for its page, in a fixed number of queries."""
    return list(upcoming_occurrences(DiaryFilters(member=member))[:limit])
