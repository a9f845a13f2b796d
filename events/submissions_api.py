"""POST /api/v1/event-submissions/: posting an event as the site's form does.

The same form (`EventPostForm`) checks it, the same service (`services.post_event`) saves it,
and the same permission (`add` on the diary) allows it, so an event posted here goes into
moderation exactly like one posted on the site. The JSON body is first checked for its types
(so a wrong type is a 400, never a 500), then handed to the form as the site would post it."""

from datetime import date, time

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, parsers, permissions, serializers, status, viewsets
from rest_framework.response import Response

from portal.api.error_schema import error_response

from . import services
from .forms import EventPostForm
from .models import EventIndexPage, EventPage, Repeat, Scope

# Fields of the site's form the API does not take: an image needs an upload, and cancelling
# single dates is for events already in the diary.
FORM_ONLY_FIELDS = {"image", "image_alt", "cancelled_dates"}
MAX_ID = 2**31 - 1  # larger ids can't exist, and some databases fail on them instead of finding nothing


def _ids(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, help_text=help_text
    )


class EventSubmissionSerializer(serializers.Serializer):
    """An event, as the site's posting form takes it. Dates and times in ISO 8601."""

    language = serializers.ChoiceField(choices=settings.LANGUAGES, help_text=_("The language of your text."))
    title = serializers.CharField(max_length=255)
    summary = serializers.CharField(max_length=300, help_text=_("One or two sentences for the diary."))
    description = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=10_000,
        help_text=_("Plain text; an empty line between two paragraphs."),
    )
    scope = serializers.ChoiceField(choices=Scope.choices)
    themes = _ids(_("Theme ids."))
    start_date = serializers.DateField(help_text=_("Not in the past."))
    start_time = serializers.TimeField(required=False, allow_null=True, help_text=_("Required unless all_day."))
    end_date = serializers.DateField(required=False, allow_null=True, help_text=_("Empty for one day."))
    end_time = serializers.TimeField(required=False, allow_null=True)
    all_day = serializers.BooleanField(required=False)
    time_zone = serializers.CharField(help_text=_("The IANA time zone of the place, e.g. Africa/Lagos."))
    repeat = serializers.ChoiceField(choices=Repeat.choices, required=False, allow_blank=True)
    repeat_interval = serializers.IntegerField(
        required=False, min_value=1, max_value=99, help_text=_("1 = every time, 2 = every other time; 1 if not given.")
    )
    repeat_count = serializers.IntegerField(required=False, allow_null=True, min_value=2, max_value=500)
    repeat_until = serializers.DateField(required=False, allow_null=True)
    venue = serializers.CharField(required=False, allow_blank=True, max_length=200)
    city = serializers.CharField(required=False, allow_blank=True, max_length=100)
    country = serializers.CharField(required=False, allow_blank=True, help_text=_("ISO 3166-1 alpha-2, e.g. NG."))
    online_url = serializers.CharField(required=False, allow_blank=True, max_length=500)
    organiser = serializers.CharField(required=False, allow_blank=True, max_length=200)
    members = _ids(_("Ids of the members involved (/api/v1/members/)."))
    partners = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text=_("Partners who are not members, comma-separated.")
    )
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=settings.LANGUAGES), required=False, help_text=_("Languages spoken.")
    )
    registration_url = serializers.CharField(required=False, allow_blank=True, max_length=500)
    publish = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Publish at once instead of going to moderation: only if you may publish in the diary."),
    )


class EventSubmissionResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The event page's id."))
    title = serializers.CharField()
    live = serializers.BooleanField(help_text=_("False while it waits for the communications team's approval."))
    in_moderation = serializers.BooleanField()


def _as_posted(value) -> str | list[str]:
    """A checked JSON value as a browser would post it to the site's form."""
    if isinstance(value, list):
        return [str(item) for item in value]
    if value is None or value is False:
        return ""
    if value is True:
        return "on"
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _form_errors(form: EventPostForm) -> dict[str, list[str]]:
    return {
        ("non_field_errors" if name == "__all__" else name): [str(message) for message in messages]
        for name, messages in form.errors.items()
    }


class PostingLimitReached(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "posting_limit"
    default_detail = _("You have reached today's limit of new events. You can post again tomorrow.")


class EventSubmissionViewSet(viewsets.GenericViewSet):
    """Signed in (session with its CSRF token, or personal token), with the right to post in the diary."""

    permission_classes = [permissions.IsAuthenticated]
    parser_classes = [parsers.JSONParser]
    serializer_class = EventSubmissionSerializer
    queryset = EventPage.objects.none()  # nothing is listed here

    @extend_schema(
        summary="Post an event to the diary",
        description=(
            "Checked and saved as the site's posting form does. It waits for the communications team's "
            "approval unless `publish` is true and you may publish in the diary."
        ),
        request=EventSubmissionSerializer,
        responses={
            201: EventSubmissionResultSerializer,
            400: error_response("The event is not valid; `fields` says what to fix."),
            401: error_response("No session and no valid personal token, or a revoked one."),
            403: error_response("You may not post events (or not publish them), or the CSRF token is missing."),
            404: error_response("The site has no events diary."),
            429: error_response("Today's limit of new events, or too many requests."),
        },
        examples=[
            OpenApiExample(
                "A one-day workshop",
                request_only=True,
                value={
                    "language": "en",
                    "title": "Slum upgrading workshop",
                    "summary": "A day on citywide upgrading.",
                    "scope": "city",
                    "start_date": "2027-03-04",
                    "start_time": "09:30",
                    "end_time": "17:00",
                    "time_zone": "Africa/Lagos",
                    "city": "Lagos",
                    "country": "NG",
                },
            )
        ],
    )
    def create(self, request, *args, **kwargs):
        diary = EventIndexPage.objects.live().first()
        if diary is None:
            raise exceptions.NotFound(_("The site has no events diary."))
        page_permissions = diary.permissions_for_user(request.user)
        if not page_permissions.can_add_subpage():
            raise exceptions.PermissionDenied(_("You may not post events to the diary."))
        if not isinstance(request.data, dict):
            raise exceptions.ValidationError({"non_field_errors": [_("Send the event as a JSON object.")]})
        checked = self.get_serializer(data=request.data)
        checked.is_valid(raise_exception=True)
        data = dict(checked.validated_data)
        publish = data.pop("publish", False)
        if publish and not page_permissions.can_publish_subpage():
            raise exceptions.PermissionDenied(
                _("You may post events, not publish them: leave out “publish” and the team will review it.")
            )
        posted = {name: _as_posted(value) for name, value in data.items()}
        posted.setdefault("repeat_interval", "1")  # the site form's initial value
        form = EventPostForm(data=posted)
        if not form.is_valid():
            raise exceptions.ValidationError(_form_errors(form))
        try:
            event = services.post_event(
                diary=diary, user=request.user, text=form.text(), details=form.details(), publish=publish
            )
        except services.PostingLimitReached:
            raise PostingLimitReached() from None
        event = EventPage.objects.get(pk=event.pk)  # as saved: publishing changed the row, not this instance
        result = {"id": event.pk, "title": event.title, "live": event.live, "in_moderation": event.workflow_in_progress}
        return Response(EventSubmissionResultSerializer(result).data, status=status.HTTP_201_CREATED)
