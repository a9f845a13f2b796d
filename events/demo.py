"""The demo diary for `manage.py seed_demo`: the events diary in nine languages and about forty
events around today, published by the communications team, with a few from a city contributor
(one live, two waiting for moderation).

Running it again changes nothing: an existing diary gets only its missing translations, and a
diary that already has events gets no more."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation
from wagtail.models import Page

from members.models import MemberPage
from portal.demo import ensure_index_page, translated_fields
from portal.models import Theme

from . import demo_content, roles, schedule
from .models import EventIndexPage, EventOccurrenceChange, EventPage
from .services import unique_slug

# Copied as they are from the demo content to the page.
COPIED_FIELDS = (
    "scope",
    "status",
    "time_zone",
    "venue",
    "city",
    "country",
    "online_url",
    "organiser",
    "partners",
    "languages",
    "registration_url",
    "repeat",
    "repeat_count",
)


def ensure_demo_diary(*, home: Page, stdout) -> EventIndexPage:
    diary = ensure_index_page(EventIndexPage, home=home, content=demo_content.DIARY, stdout=stdout)
    roles.grant_posting(diary=diary, groups=roles.posting_groups())  # a diary older than its signal
    return diary


def _months_from(day: date, months: int, day_of_month: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, day_of_month)


def _start_date(data: dict, today: date) -> date:
    if "day_of_month" in data:
        return _months_from(today, data["months"], data["day_of_month"])
    if "next" in data:
        month, day = data["next"]
        start = date(today.year, month, day)
        if start <= today:
            start = date(today.year + 1, month, day)
    else:
        start = today + timedelta(days=data["days"])
    if "weekday" in data:
        return start + timedelta(days=(data["weekday"] - start.weekday()) % 7)
    while start.weekday() >= 5:  # meetings fall on weekdays
        start += timedelta(days=1)
    return start


def _occurrence_changes(page: EventPage, changes: list) -> list[EventOccurrenceChange]:
    dates = sorted(schedule.occurrence_dates(page))
    result = []
    for number, change in changes:
        original = dates[number]
        if change.get("cancelled"):
            result.append(EventOccurrenceChange(original_date=original, cancelled=True))
        else:
            result.append(
                EventOccurrenceChange(
                    original_date=original,
                    new_date=original + timedelta(days=change["days_later"]),
                    new_start_time=change.get("new_start_time"),
                    new_end_time=change.get("new_end_time"),
                )
            )
    return result


def _event_page(data: dict, *, today: date, owner, members: dict, themes: dict) -> EventPage:
    start = _start_date(data, today)
    hours = data.get("hours")
    text = data["text"]
    page = EventPage(
        owner=owner,
        live=False,
        original_language=data["original_language"],
        **translated_fields("title", {code: values[0] for code, values in text.items()}),
        **translated_fields("summary", {code: values[1] for code, values in text.items()}),
        **translated_fields("description", {code: values[2] for code, values in text.items()}),
        start_date=start,
        end_date=start + timedelta(days=data["length"] - 1) if data.get("length", 1) > 1 else None,
        all_day=hours is None,
        start_time=hours[0] if hours else None,
        end_time=hours[1] if hours else None,
        repeat_until=today + timedelta(days=data["repeat_until_days"]) if "repeat_until_days" in data else None,
        **{name: data[name] for name in COPIED_FIELDS if name in data},
    )
    page.occurrence_changes = _occurrence_changes(page, data.get("changes", []))
    page.themes = [themes[slug] for slug in data["themes"] if slug in themes]
    page.members = [members[slug] for slug in data["members"] if slug in members]
    return page


@transaction.atomic
def ensure_demo_events(*, diary: EventIndexPage, stdout) -> None:
    """The demo events, dated around today, unless the diary already has events. Members and
    themes that are missing are left out of the links."""
    if EventPage.objects.child_of(diary).exists():
        return
    users = {
        user.email: user
        for user in get_user_model().objects.filter(email__in=[demo_content.COMMUNICATIONS, demo_content.CITY])
    }
    members = {member.slug_en: member for member in MemberPage.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    today = timezone.localdate()
    published = waiting = 0
    with translation.override("en"):
        for data in demo_content.EVENTS:
            poster = users[data.get("posted_by", demo_content.COMMUNICATIONS)]
            page = _event_page(data, today=today, owner=poster, members=members, themes=themes)
            page.slug = unique_slug(diary, page.title_en)
            diary.add_child(instance=page)
            revision = page.save_revision(user=poster, log_action=True, clean=False)  # add_child just validated it
            if data.get("moderation"):
                workflow = page.get_workflow()
                if workflow:
                    # Demo history, not news: the approvers aren't emailed about it.
                    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                        workflow.start(page, poster)
                waiting += 1
            else:
                # Contributors can't publish: the communications team approved the city's event.
                revision.publish(user=users[demo_content.COMMUNICATIONS])
                published += 1
    stdout.write(f"Created {published + waiting} events: {published} published, {waiting} waiting for moderation.")
