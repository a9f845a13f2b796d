import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from translations.slugs import TranslatedSlugRoutingMixin

from . import schedule
from .fields import LanguageCodesField

DESCRIPTION_FEATURES = ["h3", "bold", "italic", "link", "ol", "ul"]


class Scope(models.TextChoices):
    CITY = "city", _("City")
    NATIONAL = "national", _("National")
    REGIONAL = "regional", _("Regional")
    INTERNATIONAL = "international", _("International")


class Status(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Repeat(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")
    YEARLY = "yearly", _("Every year")


def new_uid() -> str:
    return f"{uuid.uuid4()}@alliance-portal"


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(schedule.time_zone_names())]


class EventIndexPage(TranslatedSlugRoutingMixin, Page):
    """The global events diary."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = _("events diary")

    def get_context(self, request, *args, **kwargs):
        from .views import diary_context

        return {**super().get_context(request, *args, **kwargs), **diary_context(request, self)}


class EventPage(Page):
    """One event in the diary, posted from the site's form or in the admin, or imported."""

    summary = models.CharField(_("summary"), max_length=300, help_text=_("One or two sentences for the diary."))
    description = RichTextField(_("description"), blank=True, features=DESCRIPTION_FEATURES)
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices, default=Scope.CITY)
    themes = ParentalManyToManyField("portal.Theme", verbose_name=_("themes"), blank=True, related_name="+")

    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True, help_text=_("Leave empty for one day."))
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", choices=time_zone_choices, help_text=_("Where the event happens.")
    )
    repeat = models.CharField(_("repeats"), max_length=8, choices=Repeat.choices, blank=True)
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"), default=1, validators=[MinValueValidator(1), MaxValueValidator(99)], help_text=_("1 = every time")
    )
    repeat_count = models.PositiveSmallIntegerField(
        _("number of times"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)

    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    members = ParentalManyToManyField(
        "members.MemberPage", verbose_name=_("members involved"), blank=True, related_name="events"
    )
    partners = models.CharField(
        _("other partners"),
        max_length=300,
        blank=True,
        help_text=_("Partners who are not members, separated by commas."),
    )
    languages = LanguageCodesField(_("languages of the event"))
    registration_url = models.URLField(_("registration link"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    original_language = models.CharField(
        _("written in"), max_length=8, choices=settings.LANGUAGES, default="en", editable=False
    )

    # Calendar identity: kept across revisions (see with_content_json), never copied.
    uid = models.CharField(max_length=255, unique=True, default=new_uid, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    schedule_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # The span of all occurrences, for listing and feeds without expanding repeats.
    starts_at = models.DateTimeField(null=True, editable=False, db_index=True)
    ends_at = models.DateTimeField(null=True, editable=False, db_index=True)
    # Events imported from a member's calendar, keyed by the source's UID and occurrence.
    calendar = models.ForeignKey(
        "events.MemberCalendar", null=True, blank=True, on_delete=models.SET_NULL, related_name="events", editable=False
    )
    source_key = models.CharField(max_length=600, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("scope"), FieldPanel("status")]),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("all_day"), FieldPanel("time_zone")]),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldRowPanel([FieldPanel("repeat_count"), FieldPanel("repeat_until")]),
                InlinePanel("occurrence_changes", heading=_("Cancelled or moved dates"), label=_("Change")),
            ],
            heading=_("Repeats"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("members"),
                FieldPanel("partners"),
                FieldPanel("languages"),
                FieldPanel("registration_url"),
            ],
            heading=_("Who"),
        ),
        FieldPanel("image"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.SearchField("organiser"),
        index.FilterField("scope"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    exclude_fields_in_copy = ["uid", "sequence", "schedule_fingerprint", "calendar", "source_key"]

    class Meta:
        verbose_name = _("event")
        constraints = [
            models.UniqueConstraint(
                fields=["calendar", "source_key"], condition=~models.Q(source_key=""), name="unique_imported_event"
            )
        ]

    @property
    def is_cancelled(self) -> bool:
        return self.status == Status.CANCELLED

    @property
    def text_language(self) -> str:
        """The language the title and summary show in now: the visitor's, or the one they fall back to."""
        current = get_language() or "en"
        if getattr(self, f"title_{current.replace('-', '_')}", ""):
            return current
        original = self.original_language.replace("-", "_")
        if self.original_language != "en" and self.title_en == getattr(self, f"title_{original}", None):
            return self.original_language
        return "en"

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)

    @property
    def is_in_person(self) -> bool:
        return bool(self.venue or self.city or self.country)

    def get_context(self, request, *args, **kwargs):
        from .views import event_context

        return {**super().get_context(request, *args, **kwargs), **event_context(request, self)}

    def clean(self):
        super().clean()
        errors = {}
        if self.time_zone not in schedule.time_zone_names():
            errors["time_zone"] = _("Choose a time zone from the list.")
        if not self.all_day and self.start_time is None:
            errors["start_time"] = _("Give a start time, or mark the event as all day.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts.")
        elif (
            self.start_date
            and not self.all_day
            and self.start_time
            and self.end_time
            and (self.end_date or self.start_date) == self.start_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("The event cannot end before it starts.")
        if self.repeat and not (self.repeat_count or self.repeat_until):
            errors["repeat_count"] = _("Say how many times the event repeats, or until when.")
        elif self.repeat and self.repeat_count and self.repeat_until:
            errors["repeat_count"] = _("Give a number of times or an end date, not both.")
        if self.repeat_until and self.start_date and self.repeat_until < self.start_date:
            errors["repeat_until"] = _("The repeats cannot end before the event starts.")
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        for name in ("uid", "sequence", "schedule_fingerprint", "starts_at", "ends_at", "calendar_id", "source_key"):
            setattr(obj, name, getattr(self, name))
        return obj

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None and self.start_date and self.time_zone in schedule.time_zone_names():
            self._refresh_calendar_state()
        return super().save(*args, **kwargs)

    def _refresh_calendar_state(self) -> None:
        changes = list(self.occurrence_changes.all())
        spans = schedule.occurrences(self, changes)
        self.starts_at, self.ends_at = spans[0].start, max(occurrence.end for occurrence in spans)
        if self.live:
            current = schedule.fingerprint(self, changes)
            if self.schedule_fingerprint and current != self.schedule_fingerprint:
                self.sequence += 1
            self.schedule_fingerprint = current


class EventOccurrenceChange(Orderable):
    """One date of a repeating event that is cancelled or moved; the others stay as they are."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occurrence_changes")
    original_date = models.DateField(_("date of the occurrence"))
    cancelled = models.BooleanField(_("cancelled"), default=False)
    new_date = models.DateField(_("moved to date"), null=True, blank=True)
    new_start_time = models.TimeField(_("new start time"), null=True, blank=True)
    new_end_time = models.TimeField(_("new end time"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("cancelled")]),
        FieldRowPanel([FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("cancelled or moved date")


class EventOccurrence(models.Model):
    """Each time an event happens, in UTC, rebuilt whenever the event is saved: the diary and
    its filters read these rows instead of expanding repeats on every request."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="occurrences")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField(db_index=True)
    recurrence_id = models.DateTimeField(null=True)
    is_cancelled = models.BooleanField(default=False)
    is_moved = models.BooleanField(default=False)

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return f"{self.event_id} @ {self.starts_at:%Y-%m-%d %H:%M}"


class MemberCalendar(models.Model):
    """A member's own public iCalendar feed, imported into the diary as drafts for moderation."""

    member = models.OneToOneField("members.MemberPage", on_delete=models.CASCADE, related_name="calendar")
    url = models.URLField(_("calendar feed address"), max_length=500)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    last_imported_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    last_imported_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("member calendar")

    def __str__(self):
        return self.url
