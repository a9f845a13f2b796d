import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from members.selectors import members_editable_by

from . import schedule, selectors, services
from .forms import DiaryFilterForm, DiaryView, EventPostForm, MemberCalendarForm
from .models import EventIndexPage, EventOccurrence, EventPage, MemberCalendar

DIARY_PAGE_SIZE = 20
VISITOR_ZONE_COOKIE = "visitor_tz"


def visitor_zone(request) -> ZoneInfo | None:
    """The visitor's time zone, as their browser told us (frontend/static/js/timezone.js)."""
    name = request.COOKIES.get(VISITOR_ZONE_COOKIE, "")
    return ZoneInfo(name) if name in schedule.time_zone_names() else None


@dataclass(frozen=True)
class EventTime:
    """When something happens in the event's own zone, and in the visitor's where it differs."""

    start: datetime
    end: datetime
    all_day: bool
    visitor_start: datetime | None = None
    visitor_end: datetime | None = None

    @property
    def zone_name(self) -> str:
        return str(self.start.tzinfo)

    @property
    def zone_label(self) -> str:
        return self.zone_name.replace("_", " ")

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(days=1)).date() if self.all_day else self.end.date()

    @property
    def is_multi_day(self) -> bool:
        return self.last_day != self.start.date()

    @property
    def visitor_zone_name(self) -> str:
        return str(self.visitor_start.tzinfo) if self.visitor_start else ""

    @property
    def visitor_zone_label(self) -> str:
        return self.visitor_zone_name.replace("_", " ")


def event_time(start: datetime, end: datetime, *, event: EventPage, visitor: ZoneInfo | None) -> EventTime:
    zone = ZoneInfo(event.time_zone)
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    shown_to_visitor = (
        visitor is not None and not event.all_day and start.astimezone(visitor).utcoffset() != local_start.utcoffset()
    )
    return EventTime(
        start=local_start,
        end=local_end,
        all_day=event.all_day,
        visitor_start=start.astimezone(visitor) if shown_to_visitor else None,
        visitor_end=end.astimezone(visitor) if shown_to_visitor else None,
    )


@dataclass(frozen=True)
class DiaryEntry:
    occurrence: EventOccurrence
    when: EventTime

    @property
    def event(self) -> EventPage:
        return self.occurrence.event


def _entries(occurrences, visitor) -> list[DiaryEntry]:
    return [
        DiaryEntry(
            occurrence, event_time(occurrence.starts_at, occurrence.ends_at, event=occurrence.event, visitor=visitor)
        )
        for occurrence in occurrences
    ]


MONTH_DAY_LIMIT = 4


def _month_weeks(month: date, entries: list[DiaryEntry], day_query) -> list[list[dict]]:
    """The month as weeks of days, each with the entries that start that day in their own zone
    (the first few; the rest behind a link to that day's list)."""
    by_day: dict[date, list[DiaryEntry]] = {}
    for entry in entries:
        by_day.setdefault(entry.when.start.date(), []).append(entry)
    today = timezone.localdate()
    first_weekday = (int(get_format("FIRST_DAY_OF_WEEK")) - 1) % 7  # Django counts from Sunday, Python from Monday
    weeks = calendar.Calendar(firstweekday=first_weekday).monthdatescalendar(month.year, month.month)
    return [
        [
            {
                "date": day,
                "in_month": day.month == month.month,
                "is_today": day == today,
                "entries": by_day.get(day, [])[:MONTH_DAY_LIMIT],
                "more": max(len(by_day.get(day, [])) - MONTH_DAY_LIMIT, 0),
                "more_query": day_query(day),
            }
            for day in week
        ]
        for week in weeks
    ]


def _feed_query(form: DiaryFilterForm) -> str:
    """The filters of this view as a feed's query string, so any filtered view has a feed."""
    if not form.is_bound:
        return urlencode({"language": get_language()})
    pairs = [(name, form.data.get(name)) for name in DiaryFilterForm.FEED_FIELDS if form.data.get(name)]
    valid = [(name, value) for name, value in pairs if name not in form.errors]
    return urlencode([*valid, ("language", get_language())])


def diary_context(request, diary: EventIndexPage) -> dict:
    choices = selectors.filter_choices()
    form = DiaryFilterForm(request.GET or None, country_codes=choices["countries"], cities=choices["cities"])
    filters = form.filters()
    cleaned = getattr(form, "cleaned_data", {})
    view = cleaned.get("view") or DiaryView.UPCOMING
    visitor = visitor_zone(request)
    context = {
        "filter_form": form,
        "view": view,
        "is_filtered": filters.is_filtered,
        "feed_query": _feed_query(form),
        "visitor_zone": visitor,
    }
    base_query = request.GET.copy()
    base_query.pop("page", None)

    def query_with(**params) -> str:
        query = base_query.copy()
        for name, value in params.items():
            query.pop(name, None)
            if value:
                query[name] = value
        return query.urlencode()

    context["tabs"] = [
        {"label": label, "query": query_with(view=value, month=None), "is_current": value == view}
        for value, label in form.fields["view"].choices
    ]
    if view == DiaryView.MONTH:
        month = (cleaned.get("month") or timezone.localdate()).replace(day=1)
        next_month = (month + timedelta(days=32)).replace(day=1)
        previous_month = (month - timedelta(days=1)).replace(day=1)
        # A day of slack each side: occurrences are placed on the day they start in their own zone.
        window_start = datetime.combine(month - timedelta(days=1), time(0), tzinfo=ZoneInfo("UTC"))
        window_end = datetime.combine(next_month + timedelta(days=1), time(0), tzinfo=ZoneInfo("UTC"))
        entries = _entries(selectors.diary_occurrences(filters, start=window_start, end=window_end), visitor)
        entries = [entry for entry in entries if month <= entry.when.start.date() < next_month]
        context.update(
            month=month,
            weeks=_month_weeks(
                month,
                entries,
                lambda day: query_with(
                    view=DiaryView.PAST if day < timezone.localdate() else DiaryView.UPCOMING,
                    month=None,
                    start=day.isoformat(),
                    end=day.isoformat(),
                ),
            ),
            entries=entries,
            previous_month=previous_month,
            next_month=next_month,
            previous_month_query=query_with(view=DiaryView.MONTH, month=f"{previous_month:%Y-%m}"),
            next_month_query=query_with(view=DiaryView.MONTH, month=f"{next_month:%Y-%m}"),
        )
        return context
    occurrences = (
        selectors.past_occurrences(filters) if view == DiaryView.PAST else selectors.upcoming_occurrences(filters)
    )
    page_of_occurrences = Paginator(occurrences, DIARY_PAGE_SIZE).get_page(request.GET.get("page"))
    context.update(
        occurrences=page_of_occurrences,
        entries=_entries(page_of_occurrences, visitor),
        querystring=base_query.urlencode(),
    )
    return context


def event_context(request, event: EventPage) -> dict:
    """The event's times (the next few for a repeating event) for its page."""
    visitor = visitor_zone(request)
    now = timezone.now()
    occurrences = list(event.occurrences.all())
    coming = [occurrence for occurrence in occurrences if occurrence.ends_at > now] or occurrences[-1:]
    return {
        "when": [
            (occurrence, event_time(occurrence.starts_at, occurrence.ends_at, event=event, visitor=visitor))
            for occurrence in coming[:8]
        ],
        "more_dates": max(len(coming) - 8, 0),
        "visitor_zone": visitor,
        "is_past": event.ends_at is not None and event.ends_at <= now,
    }


def _diary() -> EventIndexPage:
    diary = EventIndexPage.objects.live().first()
    if diary is None:
        raise Http404
    return diary


@login_required
def my_events(request):
    events = selectors.events_posted_by(user=request.user)
    diary = EventIndexPage.objects.live().first()
    can_post = diary is not None and diary.permissions_for_user(request.user).can_add_subpage()
    return render(request, "events/my_events.html", {"events": events, "can_post": can_post})


def _save_from_form(request, form: EventPostForm, *, event: EventPage | None, diary: EventIndexPage, publish: bool):
    details = form.details()
    if form.cleaned_data.get("image"):
        details["image"] = services.store_image(
            upload=form.cleaned_data["image"], description=form.cleaned_data["image_alt"], user=request.user
        )
    if event is None:
        return services.post_event(diary=diary, user=request.user, text=form.text(), details=details, publish=publish)
    return services.update_event(event=event, user=request.user, text=form.text(), details=details, publish=publish)


@login_required
def post_event(request):
    diary = _diary()
    permissions = diary.permissions_for_user(request.user)
    if not permissions.can_add_subpage():
        return render(request, "events/cannot_post.html", status=403)
    can_publish = permissions.can_publish_subpage()
    initial = {"language": get_language(), "time_zone": str(visitor_zone(request) or "UTC"), "repeat_interval": 1}
    form = EventPostForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        publish = can_publish and "publish" in request.POST
        try:
            event = _save_from_form(request, form, event=None, diary=diary, publish=publish)
        except services.PostingLimitReached:
            form.add_error(None, _("You have reached today's limit of new events. You can post again tomorrow."))
        else:
            _confirm(request, event, published=publish)
            return redirect("members:events:list")
    return render(request, "events/event_form.html", {"form": form, "can_publish": can_publish, "event": None})


def _confirm(request, event: EventPage, *, published: bool) -> None:
    if published:
        messages.success(request, _("“%(title)s” is published in the diary.") % {"title": event.title})
    else:
        messages.success(
            request,
            _("“%(title)s” is waiting for the communications team's approval. We will email you when they decide.")
            % {"title": event.title},
        )


def _event_you_edit(request, event_id: int) -> EventPage:
    """Events outside the user's editing rights do not exist for them."""
    event = get_object_or_404(EventPage, pk=event_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise Http404
    return event


@login_required
def edit_event(request, event_id: int):
    event = _event_you_edit(request, event_id)
    draft = event.get_latest_revision_as_object()
    can_publish = event.permissions_for_user(request.user).can_publish()
    form = EventPostForm(
        request.POST or None,
        request.FILES or None,
        event=draft,
        occurrence_dates=sorted(schedule.occurrence_dates(draft)),
        initial=services.form_initial(draft, language=request.GET.get("language") or draft.original_language),
    )
    if request.method == "POST" and form.is_valid():
        publish = can_publish and "publish" in request.POST
        _save_from_form(request, form, event=event, diary=event.get_parent().specific, publish=publish)
        _confirm(request, event, published=publish)
        return redirect("members:events:list")
    return render(request, "events/event_form.html", {"form": form, "can_publish": can_publish, "event": draft})


@login_required
def cancel_event(request, event_id: int):
    """Asks first: cancelling publishes at once and reaches every subscriber's calendar."""
    event = _event_you_edit(request, event_id)
    if request.method != "POST":
        return render(request, "events/confirm_cancel.html", {"event": event})
    services.cancel_event(event=event, user=request.user)
    if event.live:
        messages.success(
            request, _("“%(title)s” is cancelled. It stays in the diary, marked as cancelled.") % {"title": event.title}
        )
    else:
        messages.success(request, _("“%(title)s” is withdrawn from moderation.") % {"title": event.title})
    return redirect(reverse("members:events:list"))


@login_required
def member_calendar(request, member_id: int):
    """A member's own calendar feed, imported into the diary by `manage.py import_calendars`."""
    member = get_object_or_404(members_editable_by(user=request.user), pk=member_id)
    calendar_feed = MemberCalendar.objects.filter(member=member).first()
    form = MemberCalendarForm(request.POST or None, instance=calendar_feed or MemberCalendar(member=member))
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["url"]:
            if calendar_feed:
                calendar_feed.delete()
            messages.success(request, _("The calendar of %(member)s is no longer imported.") % {"member": member.title})
        else:
            calendar_feed = form.save(commit=False)
            if "url" in form.changed_data:
                calendar_feed.added_by, calendar_feed.last_error, calendar_feed.last_imported_at = (
                    request.user,
                    "",
                    None,
                )
            calendar_feed.save()
            messages.success(
                request,
                _("Saved. Its events come into the diary at the next import, as drafts for approval."),
            )
        return redirect("members:dashboard")
    return render(request, "events/member_calendar.html", {"member": member, "form": form, "calendar": calendar_feed})
