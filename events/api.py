"""/api/v1/events/: the diary, read-only and public.

The diary lists occurrences (a repeating event shows once per date), so the list does too: each
item is one date of an event, with the event. The detail, /api/v1/events/{id}/, is one event
with all its dates."""

from datetime import datetime
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from members.api import NOT_MODIFIED, CountrySerializer
from members.models import MemberPage
from portal.api.error_schema import error_response
from portal.api.pagination import StablePagination
from portal.api.references import (
    BAD_FILTER,
    ID_PARAMETER,
    ChoiceSerializer,
    IdChoiceFilter,
    LanguageSerializer,
    MemberReferenceSerializer,
    SlugChoiceFilter,
    page_url,
    rendition_url,
)
from portal.api.views import PublicReadOnlyViewSet
from portal.models import Theme
from showcases.api import ThemeSerializer

from . import selectors
from .forms import DiaryView
from .models import EventOccurrence, EventPage, Scope, Status
from .selectors import CARD_IMAGE_FILTER, CARD_IMAGE_FILTERS, DiaryFilters

UPCOMING_ORDER = ("starts_at", "pk")
PAST_ORDER = ("-starts_at", "-pk")


def _in_zone(moment: datetime, event: EventPage) -> str:
    return moment.astimezone(ZoneInfo(event.time_zone)).isoformat()


class EventSummarySerializer(serializers.Serializer):
    """An event as the diary's card shows it."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    language = serializers.CharField(
        source="text_language", help_text="The language the title and summary are in (else they fall back to English)."
    )
    scope = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    is_cancelled = serializers.BooleanField(help_text="The whole event is cancelled.")
    all_day = serializers.BooleanField(
        help_text="Times are midnight in the event's time zone and the end is the day after the last day."
    )
    time_zone = serializers.CharField(help_text="The IANA time zone where the event happens, e.g. Africa/Nairobi.")
    is_online = serializers.BooleanField()
    online_url = serializers.CharField(help_text="The address to join online; empty when the event is not online.")
    venue = serializers.CharField()
    city = serializers.CharField()
    country = CountrySerializer(allow_null=True)
    organiser = serializers.CharField()
    members = MemberReferenceSerializer(many=True, help_text="The members involved.")
    themes = ThemeSerializer(many=True)
    image = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    ics_url = serializers.SerializerMethodField()

    @extend_schema_field(ChoiceSerializer)
    def get_scope(self, event) -> dict:
        return ChoiceSerializer.of(Scope, event.scope)

    @extend_schema_field(ChoiceSerializer)
    def get_status(self, event) -> dict:
        return ChoiceSerializer.of(Status, event.status)

    @extend_schema_field(serializers.URLField(allow_null=True, help_text="The image, 640×360 WebP."))
    def get_image(self, event) -> str | None:
        return rendition_url(event.image, CARD_IMAGE_FILTER, self.context["request"])

    @extend_schema_field(serializers.URLField(help_text="The event's page on the site."))
    def get_url(self, event) -> str:
        return page_url(event, self.context["request"])

    @extend_schema_field(serializers.URLField(help_text="The event (with all its dates) as an iCalendar file."))
    def get_ics_url(self, event) -> str:
        # On the same host as the event's page (its site's), as the site's own links are.
        path = f"{reverse('event_ics', args=[event.pk])}?{urlencode({'language': get_language()})}"
        return urljoin(page_url(event, self.context["request"]), path)


class OccurrenceSerializer(serializers.Serializer):
    """One date of an event, e.g. {"start": "2026-03-02T10:00:00+03:00", "end": "…", "is_cancelled": false, …}."""

    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    is_cancelled = serializers.SerializerMethodField()
    is_moved = serializers.BooleanField(help_text="Moved from its usual date or time.")

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_start(self, occurrence) -> str:
        return _in_zone(occurrence.starts_at, self._event(occurrence))

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_end(self, occurrence) -> str:
        return _in_zone(occurrence.ends_at, self._event(occurrence))

    @extend_schema_field(serializers.BooleanField(help_text="This date, or the whole event, is cancelled."))
    def get_is_cancelled(self, occurrence) -> bool:
        return occurrence.is_cancelled or self._event(occurrence).is_cancelled

    def _event(self, occurrence) -> EventPage:
        return self.context.get("event") or occurrence.event


class DiaryEntrySerializer(OccurrenceSerializer):
    """A line of the diary: one date (times in the event's own time zone) and its event."""

    event = EventSummarySerializer()


class EventDetailSerializer(EventSummarySerializer):
    """An event with its description and every date it happens on."""

    description = serializers.SerializerMethodField()
    partners = serializers.CharField(help_text="Partners who are not members, separated by commas.")
    languages = serializers.SerializerMethodField()
    registration_url = serializers.CharField(help_text="The address to register at; empty when there is none.")
    starts_at = serializers.SerializerMethodField()
    ends_at = serializers.SerializerMethodField()
    occurrences = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(help_text="Rich text, as HTML."))
    def get_description(self, event) -> str:
        return expand_db_html(event.description)

    @extend_schema_field(LanguageSerializer(many=True, help_text="The languages the event is held in."))
    def get_languages(self, event) -> list[dict]:
        return [LanguageSerializer.of(code) for code in event.languages or []]

    @extend_schema_field(serializers.DateTimeField(help_text="The start of the first date."))
    def get_starts_at(self, event) -> str:
        return _in_zone(event.starts_at, event)

    @extend_schema_field(serializers.DateTimeField(help_text="The end of the last date."))
    def get_ends_at(self, event) -> str:
        return _in_zone(event.ends_at, event)

    @extend_schema_field(OccurrenceSerializer(many=True))
    def get_occurrences(self, event) -> list[dict]:
        return OccurrenceSerializer(event.occurrences.all(), many=True, context={**self.context, "event": event}).data


class DiaryFilterSet(django_filters.FilterSet):
    """The diary's filters (events/forms.py DiaryFilterForm), read by its selector."""

    view = django_filters.ChoiceFilter(
        choices=[(DiaryView.UPCOMING, _("Upcoming")), (DiaryView.PAST, _("Past"))],
        help_text="upcoming (default): dates not yet over, soonest first; past: dates over, latest first.",
    )
    scope = django_filters.ChoiceFilter(choices=Scope.choices)
    theme = SlugChoiceFilter(queryset=Theme.objects.all(), to_field_name="slug", help_text="A theme's slug.")
    country = django_filters.ChoiceFilter(choices=list(countries), help_text="An ISO 3166-1 code, e.g. KE.")
    city = django_filters.CharFilter(max_length=100, help_text="The city's name, in any case.")
    member = IdChoiceFilter(
        queryset=MemberPage.objects.live(), help_text="A member's id: the events it is involved in."
    )
    start = django_filters.DateFilter(help_text="Dates that end on or after this day.")
    end = django_filters.DateFilter(help_text="Dates that start on or before this day.")

    class Meta:
        model = EventOccurrence
        fields = []

    def is_valid(self) -> bool:
        valid = super().is_valid()
        start, end = self.form.cleaned_data.get("start"), self.form.cleaned_data.get("end")
        if valid and start and end and end < start:
            self.form.add_error("end", ValidationError(_("The end of the range is before its start."), code="invalid"))
            return False
        return valid

    def filter_queryset(self, queryset):
        """The diary's own selector makes the list; the queryset given is the unfiltered one."""
        data = self.form.cleaned_data
        filters = DiaryFilters(**{name: data.get(name) or None for name in DiaryFilters.__dataclass_fields__})
        if data.get("view") == DiaryView.PAST:
            occurrences = selectors.past_occurrences(filters)
        else:
            occurrences = selectors.upcoming_occurrences(filters)
        return _ready(occurrences)


def _ready(occurrences):
    return occurrences.prefetch_related("event__themes").annotate(last_published_at=F("event__last_published_at"))


class DiaryPagination(StablePagination):
    ordering = UPCOMING_ORDER

    def get_ordering(self, request, queryset, view):
        return PAST_ORDER if request.query_params.get("view") == DiaryView.PAST else UPCOMING_ORDER


@extend_schema_view(
    list=extend_schema(
        summary="The diary",
        description=(
            "The diary's dates, as the site lists them: one item per occurrence, so a repeating event "
            "appears once per date (each with its event). Upcoming dates first, soonest first; "
            "`view=past` for the dates that are over, latest first. Times are in each event's own time zone."
        ),
        responses={
            200: DiaryEntrySerializer(many=True),
            304: NOT_MODIFIED,
            400: error_response(BAD_FILTER),
        },
    ),
    retrieve=extend_schema(
        parameters=[ID_PARAMETER],
        summary="An event",
        description="One published event, with its description and every date it happens on.",
        responses={
            200: EventDetailSerializer,
            304: NOT_MODIFIED,
            404: error_response("No published event has this id."),
        },
    ),
)
class EventViewSet(PublicReadOnlyViewSet):
    pagination_class = DiaryPagination
    filterset_class = DiaryFilterSet
    ordering = UPCOMING_ORDER

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema needs the model only
            return (EventPage if self.action == "retrieve" else EventOccurrence).objects.none()
        if self.action == "retrieve":
            images = get_image_model().objects.prefetch_renditions(*CARD_IMAGE_FILTERS)
            return selectors.published_events().prefetch_related(
                Prefetch("image", queryset=images),
                Prefetch("members", queryset=MemberPage.objects.only("pk", "title", "url_path", "acronym")),
                "themes",
                Prefetch("occurrences", queryset=EventOccurrence.objects.order_by("starts_at", "pk")),
            )
        return _ready(selectors.upcoming_occurrences(DiaryFilters()))

    def get_serializer_class(self):
        return EventDetailSerializer if self.action == "retrieve" else DiaryEntrySerializer

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset
