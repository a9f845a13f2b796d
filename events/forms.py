from datetime import date, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from members.models import MemberPage
from portal.images import ImageUploadField
from portal.models import Theme

from .models import MemberCalendar, Repeat, Scope, time_zone_choices
from .selectors import DiaryFilters


class DiaryView:
    UPCOMING = "upcoming"
    MONTH = "month"
    PAST = "past"


class DiaryFilterForm(forms.Form):
    """The diary's filters, also read by its calendar feed: every filtered view has a feed."""

    view = forms.ChoiceField(
        label=_("Show"),
        required=False,
        widget=forms.HiddenInput,
        choices=[(DiaryView.UPCOMING, _("Upcoming")), (DiaryView.MONTH, _("Month")), (DiaryView.PAST, _("Past"))],
    )
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.HiddenInput,
        error_messages={"invalid": _("The month was not understood; showing this month.")},
    )
    scope = forms.ChoiceField(label=_("Scope"), required=False, choices=[("", _("All scopes")), *Scope.choices])
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)
    member = forms.ModelChoiceField(
        label=_("Member"), required=False, queryset=MemberPage.objects.none(), empty_label=_("All members")
    )
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    FEED_FIELDS = ("scope", "theme", "country", "city", "member", "start", "end")

    def __init__(self, *args, country_codes=(), cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        present = sorted(((code, countries.name(code)) for code in country_codes), key=lambda item: str(item[1]))
        self.fields["country"].choices = [("", _("All countries")), *present]
        self.fields["city"].choices = [("", _("All cities")), *((city, city) for city in cities)]
        self.fields["member"].queryset = MemberPage.objects.live().order_by("title_en")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the range is before its start."))
        return cleaned

    def filters(self) -> DiaryFilters:
        """The valid filters; invalid ones are dropped (and shown as errors on the form)."""
        if not self.is_bound or (not self.is_valid() and not hasattr(self, "cleaned_data")):
            return DiaryFilters()
        return DiaryFilters(**{name: self.cleaned_data.get(name) or None for name in self.FEED_FIELDS})


def _country_choices():
    return [("", "—"), *countries]


def _single_line(value: str) -> None:
    if any(character in value for character in "\r\n\t\x0b\x0c"):
        raise ValidationError(_("Keep this on one line."))


WEB_ADDRESS_MESSAGE = _("Enter a web address starting with http:// or https://.")
web_address = [URLValidator(schemes=["http", "https"], message=WEB_ADDRESS_MESSAGE)]


class EventPostForm(forms.Form):
    """What a member or partner fills in on the site to post an event, in any of the nine
    languages. Everything it accepts is plain text; the description becomes paragraphs."""

    language = forms.ChoiceField(label=_("Language of your text"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=255, validators=[_single_line])
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        validators=[_single_line],
        help_text=_("One or two sentences for the diary."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text. Leave an empty line between paragraphs."),
    )
    scope = forms.ChoiceField(label=_("Scope"), choices=Scope.choices)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), required=False, queryset=Theme.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    start_date = forms.DateField(label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}))
    start_time = forms.TimeField(label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end_date = forms.DateField(
        label=_("End date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for one day."),
    )
    end_time = forms.TimeField(label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    all_day = forms.BooleanField(label=_("All day"), required=False)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
        help_text=_("The time zone of the place where the event happens."),
    )
    repeat = forms.ChoiceField(
        label=_("Repeats"), required=False, choices=[("", _("Does not repeat")), *Repeat.choices]
    )
    repeat_interval = forms.IntegerField(
        label=_("Every"), min_value=1, max_value=99, initial=1, help_text=_("1 = every time, 2 = every other time")
    )
    repeat_count = forms.IntegerField(label=_("Number of times"), required=False, min_value=2, max_value=500)
    repeat_until = forms.DateField(
        label=_("Repeats until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    cancelled_dates = forms.TypedMultipleChoiceField(
        label=_("Cancelled dates"),
        required=False,
        coerce=date.fromisoformat,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick a date to cancel it alone; the other dates stay."),
    )
    venue = forms.CharField(label=_("Venue"), required=False, max_length=200, validators=[_single_line])
    city = forms.CharField(label=_("City"), required=False, max_length=100, validators=[_single_line])
    country = forms.ChoiceField(label=_("Country"), required=False, choices=_country_choices)
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=500,
        validators=web_address,
        assume_scheme="https",
        error_messages={"invalid": WEB_ADDRESS_MESSAGE},
    )
    organiser = forms.CharField(label=_("Organiser"), required=False, max_length=200, validators=[_single_line])
    members = forms.ModelMultipleChoiceField(
        label=_("Members involved"), required=False, queryset=MemberPage.objects.none()
    )
    partners = forms.CharField(
        label=_("Other partners"),
        required=False,
        max_length=300,
        validators=[_single_line],
        help_text=_("Partners who are not members, separated by commas."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the event"),
        required=False,
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    registration_url = forms.URLField(
        label=_("Registration link"),
        required=False,
        max_length=500,
        validators=web_address,
        assume_scheme="https",
        error_messages={"invalid": WEB_ADDRESS_MESSAGE},
    )
    image = forms.Field(required=False)  # made per form in __init__, so it reads the current upload limits
    image_alt = forms.CharField(
        label=_("Image description"),
        required=False,
        max_length=255,
        validators=[_single_line],
        help_text=_("What the image shows, for people who can't see it."),
    )

    def __init__(self, *args, event=None, occurrence_dates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["image"] = ImageUploadField(
            label=_("Image"), required=False, help_text=_("PNG, JPEG or WebP, at most 5 MB. Shown wide, 16 by 9.")
        )
        self.fields["members"].queryset = MemberPage.objects.live().order_by("title_en")
        self.fields["members"].label_from_instance = lambda member: member.title
        self.fields["language"].choices = [(code, _(name)) for code, name in settings.LANGUAGES]
        self.fields["languages"].choices = self.fields["language"].choices
        if occurrence_dates:
            self.fields["cancelled_dates"].choices = [
                (day.isoformat(), formats.date_format(day, "DATE_FORMAT")) for day in occurrence_dates
            ]
        else:
            del self.fields["cancelled_dates"]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        zone = ZoneInfo(data["time_zone"])
        start_date, end_date = data["start_date"], data.get("end_date")
        if self.event is None and start_date < datetime.now(zone).date():
            self.add_error("start_date", _("A new event can't start in the past."))
        if data["all_day"]:
            data["start_time"] = data["end_time"] = None
        elif data.get("start_time") is None:
            self.add_error("start_time", _("Give a start time, or tick “All day”."))
        if end_date and end_date < start_date:
            self.add_error("end_date", _("The event can't end before it starts."))
        elif (
            data.get("start_time")
            and data.get("end_time")
            and (end_date or start_date) == start_date
            and data["end_time"] <= data["start_time"]
        ):
            self.add_error("end_time", _("The event can't end before it starts."))
        if data.get("repeat"):
            if not (data.get("repeat_count") or data.get("repeat_until")):
                self.add_error("repeat_count", _("Say how many times the event repeats, or until when."))
            elif data.get("repeat_count") and data.get("repeat_until"):
                self.add_error("repeat_count", _("Give a number of times or an end date, not both."))
            if data.get("repeat_until") and data["repeat_until"] < start_date:
                self.add_error("repeat_until", _("The repeats can't end before the event starts."))
        if data.get("image") and not data.get("image_alt"):
            self.add_error("image_alt", _("Describe the image for people who can't see it."))
        return data

    def text(self):
        from .services import EventText

        data = self.cleaned_data
        return EventText(
            language=data["language"], title=data["title"], summary=data["summary"], description=data["description"]
        )

    def details(self) -> dict:
        """Everything but the text and the upload, as the services take it."""
        skipped = {"title", "summary", "description", "language", "image", "image_alt"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skipped}


class MemberCalendarForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Calendar feed address"),
        max_length=500,
        required=False,
        validators=web_address,
        assume_scheme="https",
        error_messages={"invalid": WEB_ADDRESS_MESSAGE},
        help_text=_(
            "The public iCalendar (.ics) address of your own calendar. Its future events come into the diary "
            "as drafts for the communications team to approve. Leave empty to stop importing."
        ),
    )

    class Meta:
        model = MemberCalendar
        fields = ["url"]
