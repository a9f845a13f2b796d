"""What the home page's listing sections show, each in a fixed number of queries whatever the
number of articles, events, showcases and members: the pages picked by hand, in the order the
communications team gave them, or, when none are, the newest."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlencode

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page

from events import selectors as event_selectors
from events.models import EventIndexPage, EventOccurrence, Status
from events.views import DiaryEntry, event_time, visitor_zone
from members.models import MembersIndexPage
from members.selectors import member_directory
from portal.news import selectors as news_selectors
from portal.news.models import NewsIndexPage, NewsPage
from portal.publications import selectors as publication_selectors
from portal.publications.models import PublicationIndexPage, PublicationPage
from showcases import selectors as showcase_selectors
from showcases.database import ShowcaseCard
from showcases.models import ShowcaseIndexPage

from .models import Theme


@dataclass(frozen=True)
class Listing:
    items: list
    index: Page | None = None  # where the whole list is
    query: str = ""  # the index's filters that match the section, as "?name=value"


def _pks(picked: Iterable[Page | None]) -> list[int]:
    return [page.pk for page in picked if page is not None]  # a deleted page is None


def _in_picked_order(objects: Iterable, picked: list[int], key=lambda obj: obj.pk) -> list:
    by_pk = {key(obj): obj for obj in objects}
    return [by_pk[pk] for pk in picked if pk in by_pk]


def _live(model) -> Page | None:
    return model.objects.live().first()


def _news(picked: list[int], automatic: QuerySet[NewsPage], limit: int, exclude: Iterable[int]) -> list[NewsPage]:
    if picked:
        return _in_picked_order(news_selectors.published_news().filter(pk__in=picked), picked)
    return list(automatic.exclude(pk__in=list(exclude))[:limit])


def featured_news(*, picked: Iterable[Page | None], limit: int, exclude: Iterable[int] = ()) -> Listing:
    """The articles picked, or the featured ones and then the newest (but those in `exclude`)."""
    newest_featured_first = news_selectors.published_news().order_by("-featured", "-date", "-pk")
    return Listing(_news(_pks(picked), newest_featured_first, limit, exclude), _live(NewsIndexPage))


def members_news(*, picked: Iterable[Page | None], limit: int, exclude: Iterable[int] = ()) -> Listing:
    """The articles picked, or the newest that members published under their own pages (but
    those in `exclude`)."""
    newest = news_selectors.published_news().filter(member__isnull=False)
    return Listing(_news(_pks(picked), newest, limit, exclude), _live(NewsIndexPage))


def _next_dates(occurrences: QuerySet[EventOccurrence]) -> QuerySet[EventOccurrence]:
    """Each event once, at its next date: a weekly call would otherwise fill the section."""
    first = occurrences.filter(event=OuterRef("event")).order_by("starts_at", "pk").values("pk")[:1]
    return occurrences.filter(pk=Subquery(first))


def upcoming_events(
    *,
    picked: Iterable[Page | None],
    limit: int,
    theme: Theme | None = None,
    request: HttpRequest | None = None,
    now: datetime | None = None,
) -> Listing:
    """The events picked, or the next in the diary (on the theme, if one is given), each at its
    next date that is neither past nor cancelled."""
    picked_pks = _pks(picked)
    filters = event_selectors.DiaryFilters(theme=None if picked_pks else theme)
    occurrences = (
        event_selectors.diary_occurrences(filters, start=now or timezone.now())
        .filter(is_cancelled=False)
        .exclude(event__status=Status.CANCELLED)
    )
    if picked_pks:
        occurrences = _in_picked_order(
            event_selectors.with_cards(_next_dates(occurrences.filter(event__in=picked_pks))),
            picked_pks,
            key=lambda occurrence: occurrence.event_id,
        )
    else:
        occurrences = event_selectors.with_cards(_next_dates(occurrences))[:limit]
    visitor = visitor_zone(request) if request else None
    entries = [DiaryEntry(o, event_time(o.starts_at, o.ends_at, event=o.event, visitor=visitor)) for o in occurrences]
    query = "?" + urlencode({"theme": theme.slug}) if theme and not picked_pks else ""
    return Listing(entries, _live(EventIndexPage), query)


def featured_showcases(*, picked: Iterable[Page | None], limit: int) -> Listing:
    """The showcases picked, or the most recently published."""
    picked_pks = _pks(picked)
    showcases = showcase_selectors.with_cards(showcase_selectors.published_showcases())
    if picked_pks:
        showcases = _in_picked_order(showcases.filter(pk__in=picked_pks), picked_pks)
    else:
        showcases = showcases.order_by("-first_published_at", "-pk")[:limit]
    return Listing([ShowcaseCard(showcase) for showcase in showcases], _live(ShowcaseIndexPage))


def member_logos(*, picked: Iterable[Page | None], limit: int, today: date | None = None) -> Listing:
    """The members picked, or `limit` of the members with a logo, by name: a window over them
    that moves on each day, so that every member has its turn. Their logos' renditions prefetched."""
    picked_pks = _pks(picked)
    members = member_directory().filter(logo__isnull=False)
    if picked_pks:
        members = _in_picked_order(members.filter(pk__in=picked_pks), picked_pks)
    else:
        members = members.filter(pk__in=_todays_turn(members, limit, today or timezone.localdate()))
    return Listing(list(members), _live(MembersIndexPage))


def _todays_turn(members: QuerySet, limit: int, today: date) -> list[int]:
    """`limit` consecutive pks of `members`, starting where yesterday's window ended."""
    pks = list(members.prefetch_related(None).order_by("pk").values_list("pk", flat=True))
    if len(pks) <= limit:
        return pks
    start = today.toordinal() * limit % len(pks)
    return (pks[start:] + pks[:start])[:limit]


@dataclass(frozen=True)
class Brochure:
    publication: PublicationPage
    downloads: publication_selectors.Downloads
    index: Page | None = None  # the library


def brochure(*, picked: Page | None) -> Brochure | None:
    """The publication picked or, when none is (or it is no longer live), the newest of the
    Brochure series, with its files in the visitor's order; None when there is none."""
    published = publication_selectors.published_publications()
    publication = None
    if picked is not None:
        publication = publication_selectors.with_cards(published.filter(pk=picked.pk)).first()
    if publication is None:
        publication = publication_selectors.latest_brochure(published)
    if publication is None:
        return None
    downloads = publication_selectors.downloads(list(publication.files.all()))
    return Brochure(publication, downloads, _live(PublicationIndexPage))
