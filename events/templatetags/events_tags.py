from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

from django import template
from django.urls import reverse

from .. import selectors
from ..models import EventIndexPage
from ..views import event_time, visitor_zone

register = template.Library()


@register.simple_tag(takes_context=True)
def member_events(context, member):
    """The member's next events, for its page."""
    visitor = visitor_zone(context["request"])
    return [
        (occurrence, event_time(occurrence.starts_at, occurrence.ends_at, event=occurrence.event, visitor=visitor))
        for occurrence in selectors.upcoming_events_of(member=member)
    ]


@register.simple_tag(takes_context=True)
def posted_events_summary(context):
    """How the signed-in person's events stand in moderation, for the members' area."""
    user = context["request"].user
    posted = selectors.events_posted_by(user=user)
    diary = EventIndexPage.objects.live().first()
    can_post = diary is not None and diary.permissions_for_user(user).can_add_subpage()
    if not posted and not can_post:
        return None
    return {
        "can_post": can_post,
        "total": len(posted),
        "waiting": sum(item.state == selectors.ModerationState.WAITING for item in posted),
        "changes_requested": sum(item.state == selectors.ModerationState.CHANGES_REQUESTED for item in posted),
    }


@register.simple_tag(takes_context=True)
def subscribe_links(context, query: str, name: str) -> dict:
    """Where calendar applications subscribe to the diary's feed, with the view's filters."""
    request = context["request"]
    https_url = request.build_absolute_uri(reverse("events_feed")) + (f"?{query}" if query else "")
    webcal_url = "webcal://" + https_url.split("://", 1)[1]
    return {
        "https": https_url,
        "webcal": webcal_url,
        "google": "https://calendar.google.com/calendar/render?" + urlencode({"cid": webcal_url}),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?" + urlencode({"url": https_url, "name": name}),
    }


@register.simple_tag(takes_context=True)
def add_to_calendar_links(context, event, occurrence) -> dict:
    """One event into a calendar: its .ics, or Google's and Outlook's own forms."""
    request = context["request"]
    starts, ends = occurrence.starts_at, occurrence.ends_at
    if event.all_day:
        zone = ZoneInfo(event.time_zone)
        google_dates = f"{starts.astimezone(zone):%Y%m%d}/{ends.astimezone(zone):%Y%m%d}"
    else:
        google_dates = f"{starts:%Y%m%dT%H%M%SZ}/{ends:%Y%m%dT%H%M%SZ}"
    location = ", ".join(part for part in [event.venue, event.city, str(event.country.name or "")] if part)
    return {
        "ics": reverse("event_ics", args=[event.pk]),
        "google": "https://calendar.google.com/calendar/render?"
        + urlencode(
            {
                "action": "TEMPLATE",
                "text": event.title,
                "dates": google_dates,
                "ctz": event.time_zone,
                "details": f"{event.summary}\n\n{event.get_full_url(request)}",
                "location": location or event.online_url,
            },
            quote_via=quote,
        ),
        "outlook": "https://outlook.live.com/calendar/0/deeplink/compose?"
        + urlencode(
            {
                "path": "/calendar/action/compose",
                "rru": "addevent",
                "subject": event.title,
                "startdt": starts.isoformat(),
                "enddt": ends.isoformat(),
                "allday": "true" if event.all_day else "false",
                "body": event.summary,
                "location": location or event.online_url,
            },
            quote_via=quote,
        ),
    }
