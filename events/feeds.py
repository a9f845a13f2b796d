"""iCalendar feeds of the diary (RFC 5545 with RFC 7986's calendar properties)."""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from django.conf import settings
from django.db.models import Count, Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import RFC3986_SUBDELIMS, http_date
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import calendar, selectors
from .forms import DiaryFilterForm
from .models import EventIndexPage, EventPage
from .selectors import DiaryFilters

FORMAT_VERSION = "1"  # part of every ETag: raise it when the feeds' content changes shape
CACHE_SECONDS = 15 * 60
DIARY_NAME = _("Global events diary")
DIARY_DESCRIPTION = _("Events of the Alliance's members and partners around the world.")


def _language(request: HttpRequest) -> str:
    """?language=xx when it is one of ours (calendar applications send no Accept-Language worth
    the name), else what LocaleMiddleware chose."""
    asked = request.GET.get("language", "")
    return asked if asked in dict(settings.LANGUAGES) else translation.get_language()


@dataclass(frozen=True)
class _Version:
    """What a feed's content depends on, cheap to read: polls that find it unchanged get 304."""

    newest: datetime | None
    count: int
    etag: str

    @classmethod
    def of(cls, events: QuerySet[EventPage], language: str) -> "_Version":
        rows = EventPage.objects.filter(pk__in=events.values("pk"))
        state = rows.aggregate(newest=Max("last_published_at"), count=Count("pk"))
        newest, count = state["newest"], state["count"]
        key = f"{FORMAT_VERSION}|{language}|{count}|{newest.isoformat() if newest else ''}"
        return cls(newest=newest, count=count, etag=f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"')

    @property
    def timestamp(self) -> int | None:
        return int(self.newest.timestamp()) if self.newest else None

    def not_modified(self, request: HttpRequest) -> HttpResponse | None:
        response = get_conditional_response(request, etag=self.etag, last_modified=self.timestamp)
        return response and self.stamp(request, response)

    def stamp(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response["ETag"] = self.etag
        if self.timestamp is not None:
            response["Last-Modified"] = http_date(self.timestamp)
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        if "language" not in request.GET:
            patch_vary_headers(response, ["Cookie"])
        return response


class _PageUrls:
    """Event page URLs from the diary's URL and each event's path in the active language, as
    Wagtail builds them: its get_full_url reverses a URL per page, a second for 20,000 events."""

    def __init__(self, request: HttpRequest, diary: EventIndexPage | None):
        self.diary_path = diary.url_path if diary else ""
        self.diary_url = (diary.get_full_url(request) or "") if diary else ""

    def __call__(self, event: calendar.CalendarEvent) -> str:
        if not (self.diary_url and event.url_path.startswith(self.diary_path)):
            return ""
        return self.diary_url + quote(event.url_path[len(self.diary_path) :], safe=RFC3986_SUBDELIMS + "/~:@")


def _calendar_response(request, body: bytes, version: _Version, *, language: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Content-Language"] = language
    return version.stamp(request, response)


def _diary_url(diary_url: str, request: HttpRequest) -> str:
    """The diary page with the feed's filters, so the calendar's link shows the same events."""
    params = QueryDict(mutable=True)
    for name in DiaryFilterForm.FEED_FIELDS:
        if request.GET.get(name):
            params.setlist(name, request.GET.getlist(name))
    return f"{diary_url}?{params.urlencode()}" if params and diary_url else diary_url


@require_safe
def diary_feed(request):
    language = _language(request)
    with translation.override(language):
        choices = selectors.filter_choices()
        form = DiaryFilterForm(request.GET or None, country_codes=choices["countries"], cities=choices["cities"])
        events = selectors.feed_events(form.filters())
        version = _Version.of(events, language)
        if not_modified := version.not_modified(request):
            return not_modified
        urls = _PageUrls(request, EventIndexPage.objects.first())
        info = calendar.CalendarInfo(
            name=str(DIARY_NAME),
            description=str(DIARY_DESCRIPTION),
            url=_diary_url(urls.diary_url, request),
            source=request.build_absolute_uri(),
            last_modified=version.newest,
        )
        body = calendar.render(calendar.calendar_events(events), info=info, page_url=urls)
        return _calendar_response(request, body, version, language=language, filename="events.ics")


@require_safe
def event_feed(request, event_id: int):
    language = _language(request)
    with translation.override(language):
        events = selectors.feed_events(DiaryFilters()).filter(pk=event_id)
        version = _Version.of(events, language)
        if not version.count:
            raise Http404
        if not_modified := version.not_modified(request):
            return not_modified
        rows = calendar.calendar_events(events)
        urls = _PageUrls(request, EventIndexPage.objects.first())
        info = calendar.CalendarInfo(
            url=urls(rows[0]), source=request.build_absolute_uri(), last_modified=version.newest
        )
        body = calendar.render(rows, info=info, page_url=urls)
        return _calendar_response(request, body, version, language=language, filename=f"event-{event_id}.ics")
