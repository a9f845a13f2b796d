"""Writes for events: posting, editing and cancelling through Wagtail's revisions and workflow."""

import re
from dataclasses import dataclass
from datetime import timedelta
from html import unescape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.text import slugify
from django.utils.translation import override
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage as Image
from wagtail.models import Collection, PageLogEntry, WorkflowState

from . import schedule
from .models import EventIndexPage, EventOccurrence, EventOccurrenceChange, EventPage, Status

TRANSLATED_FIELDS = ("title", "summary", "description")
SHARED_FIELDS = (
    "scope",
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
    "languages",
    "registration_url",
)


class PostingLimitReached(Exception):
    pass


def rebuild_occurrences(*, event: EventPage) -> None:
    rows = [
        EventOccurrence(
            event_id=event.pk,
            starts_at=occurrence.start,
            ends_at=occurrence.end,
            recurrence_id=occurrence.recurrence_id,
            is_cancelled=occurrence.is_cancelled,
            is_moved=occurrence.is_moved,
        )
        for occurrence in schedule.occurrences(event)
    ]
    with transaction.atomic():
        EventOccurrence.objects.filter(event_id=event.pk).delete()
        EventOccurrence.objects.bulk_create(rows)


def plain_text_to_rich_text(text: str) -> str:
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br/>')}</p>" for part in paragraphs)


def _suffix(language: str) -> str:
    return language.replace("-", "_")


def posts_today(*, user) -> int:
    return PageLogEntry.objects.filter(
        user=user,
        action="wagtail.create",
        content_type=ContentType.objects.get_for_model(EventPage),
        timestamp__gte=timezone.now() - timedelta(days=1),
    ).count()


@dataclass
class EventText:
    """What a poster writes, in one language."""

    language: str
    title: str
    summary: str
    description: str  # plain text


def rich_text_to_plain_text(html: str) -> str:
    text = re.sub(r"<br\s*/?>", "\n", html)
    text = re.sub(r"</p>\s*", "\n\n", text)
    return unescape(strip_tags(text)).strip()


def form_initial(event: EventPage, *, language: str) -> dict:
    """The form's starting values: the text in `language` (English where it has none yet)."""
    suffix = _suffix(language if language in dict(settings.LANGUAGES) else "en")
    text = {name: getattr(event, f"{name}_{suffix}") or getattr(event, f"{name}_en") for name in TRANSLATED_FIELDS}
    return {
        "language": language,
        **{name: getattr(event, name) for name in SHARED_FIELDS},
        "title": text["title"],
        "summary": text["summary"],
        "description": rich_text_to_plain_text(text["description"] or ""),
        "themes": list(event.themes.all()),
        "members": list(event.members.all()),
        "cancelled_dates": [c.original_date.isoformat() for c in event.occurrence_changes.all() if c.cancelled],
        "repeat_interval": event.repeat_interval or 1,
    }


def _write_text(page: EventPage, text: EventText) -> None:
    """Write the poster's language; English too while it is empty or still a copy of this text,
    so every language shows the event until the communications team translates it."""
    values = {"title": text.title, "summary": text.summary, "description": plain_text_to_rich_text(text.description)}
    suffix = _suffix(text.language)
    for name, value in values.items():
        previous = getattr(page, f"{name}_{suffix}")
        english = getattr(page, f"{name}_en")
        setattr(page, f"{name}_{suffix}", value)
        if not english or english == previous:
            setattr(page, f"{name}_en", value)


def unique_slug(diary: EventIndexPage, title: str) -> str:
    base = slugify(title, allow_unicode=True)[:70].strip("-") or "event"
    taken = set(diary.get_children().filter(slug_en__startswith=base).values_list("slug_en", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def store_image(*, upload, description: str, user) -> Image:
    image = get_image_model()(
        title=description, description=description, file=upload, collection=events_collection(), uploaded_by_user=user
    )
    image.save()
    return image


def events_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name="Events").first()
    return existing or root.add_child(instance=Collection(name="Events"))


def _apply(page: EventPage, *, text: EventText, details: dict) -> None:
    _write_text(page, text)
    for name in SHARED_FIELDS:
        setattr(page, name, details[name])
    if not page.repeat:
        page.repeat_count = page.repeat_until = None
        page.repeat_interval = 1
    page.themes = details["themes"]
    page.members = details["members"]
    if "cancelled_dates" in details:
        moved = [change for change in page.occurrence_changes.all() if not change.cancelled]
        cancelled = [EventOccurrenceChange(original_date=day, cancelled=True) for day in details["cancelled_dates"]]
        page.occurrence_changes = [
            change for change in moved if change.original_date not in details["cancelled_dates"]
        ] + cancelled
    if details.get("image"):
        page.image = details["image"]


def _submit_or_publish(page: EventPage, *, user, publish: bool) -> None:
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    else:
        submit_for_moderation(page, user=user)


def submit_for_moderation(page: EventPage, *, user) -> None:
    """Into Wagtail's workflow, unless already there; a page sent back for changes goes back in."""
    state = page.current_workflow_state
    if state is None:
        workflow = page.get_workflow()
        if workflow:
            workflow.start(page, user)
    elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)


@transaction.atomic
def post_event(*, diary: EventIndexPage, user, text: EventText, details: dict, publish: bool) -> EventPage:
    if posts_today(user=user) >= settings.EVENTS_POSTS_PER_DAY:
        raise PostingLimitReached
    with override("en"):
        page = EventPage(owner=user, original_language=text.language, live=False)
        _apply(page, text=text, details=details)
        page.slug = unique_slug(diary, page.title_en)
        diary.add_child(instance=page)
        _submit_or_publish(page, user=user, publish=publish)
    return page


@transaction.atomic
def update_event(*, event: EventPage, user, text: EventText, details: dict, publish: bool) -> EventPage:
    """Edits wait for moderation like a new post; the live event stays as it was until then."""
    with override("en"):
        page = event.get_latest_revision_as_object()
        _apply(page, text=text, details=details)
        _submit_or_publish(page, user=user, publish=publish)
    return page


@transaction.atomic
def cancel_event(*, event: EventPage, user) -> None:
    """Cancelling can't wait for moderation: it publishes the live event with only its status
    changed, so unapproved edits stay unpublished. A never-approved event is withdrawn."""
    with override("en"):
        state = event.current_workflow_state
        if not event.live:
            if state:
                state.cancel(user=user)
            draft = event.get_latest_revision_as_object()
            draft.status = Status.CANCELLED
            draft.save_revision(user=user, log_action=True)
            return
        pending = event.get_latest_revision_as_object() if event.has_unpublished_changes else None
        live = event.live_revision.as_object() if event.live_revision else event
        live.status = Status.CANCELLED
        live.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
        if pending is not None:
            pending.status = Status.CANCELLED
            pending.save_revision(user=user)
