"""iCalendar feeds of the diary (RFC 5545 with RFC 7986's calendar properties)."""


def diary_feed(request):
    raise NotImplementedError


def event_feed(request, event_id: int):
    raise NotImplementedError
