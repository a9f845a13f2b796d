"""Reads for the news: each listing in a fixed number of queries whatever the number of articles."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname
from wagtail.images import get_image_model

from members.models import MemberPage
from portal.models import Theme

from .models import NewsPage

# The widths the card templates' srcset asks for, the API's among them.
CARD_IMAGE_FILTERS = ("fill-320x180|format-webp", "fill-640x360|format-webp")
CARD_IMAGE_FILTER = CARD_IMAGE_FILTERS[1]
LOGO_FILTER = "max-96x96|format-webp"
BODIES = ["body", *(build_localized_fieldname("body", code) for code in settings.MODELTRANSLATION_LANGUAGES)]


def with_cards(articles: QuerySet[NewsPage]) -> QuerySet[NewsPage]:
    """What a card shows beyond the article: its image, its member (with logo) and its themes.
    Listings never show the body, the heaviest column in nine languages."""
    images = get_image_model().objects.prefetch_renditions(*CARD_IMAGE_FILTERS)
    logos = get_image_model().objects.prefetch_renditions(LOGO_FILTER)
    members = MemberPage.objects.prefetch_related(Prefetch("logo", queryset=logos))
    return articles.defer(*BODIES).prefetch_related(
        Prefetch("image", queryset=images), Prefetch("member", queryset=members), "themes"
    )


def published_news(*, language: str | None = None) -> QuerySet[NewsPage]:
    """Live, public articles, newest first, ready for cards. With `language`, only those written
    in it (their title is translated); without, all of them, each read in the active language
    with the English fallback. Make it once per request: `public()` reads the view restrictions
    when called."""
    articles = NewsPage.objects.live().public()
    if language and language != settings.LANGUAGE_CODE:
        field = build_localized_fieldname("title", language)
        articles = articles.exclude(Q(**{f"{field}__isnull": True}) | Q(**{field: ""}))
    return with_cards(articles.order_by("-date", "-pk"))


def featured_news(*, limit: int, published: QuerySet[NewsPage] | None = None) -> list[NewsPage]:
    """The articles the communications team features, newest first. Pass `published` when the
    request already has it, to save reading the view restrictions again."""
    return list((published if published is not None else published_news()).filter(featured=True)[:limit])


def members_news(*, limit: int, published: QuerySet[NewsPage] | None = None) -> list[NewsPage]:
    """The newest articles members published under their own pages."""
    return list((published if published is not None else published_news()).filter(member__isnull=False)[:limit])


def mentioning(member: MemberPage) -> Q:
    """Articles a member published, or that name it."""
    named = NewsPage.related_members.through.objects.filter(memberpage=member).values("newspage_id")
    return Q(member=member) | Q(pk__in=named)


def news_of_member(*, member: MemberPage, limit: int) -> list[NewsPage]:
    """A member's own news and the articles that mention it, newest first."""
    return list(published_news().filter(mentioning(member))[:limit])


class Source:
    MEMBERS = "members"


@dataclass(frozen=True)
class NewsFilters:
    source: str = ""
    theme: Theme | None = None
    country: str = ""
    member: MemberPage | None = None

    @property
    def is_filtered(self) -> bool:
        return any([self.source, self.theme, self.country, self.member])

    def query_pairs(self) -> list[tuple[str, str]]:
        """The filters as GET parameters (themes by slug, members by id), for links and feeds."""
        values = {
            "source": self.source,
            "theme": self.theme.slug if self.theme else "",
            "country": self.country,
            "member": str(self.member.pk) if self.member else "",
        }
        return [(name, value) for name, value in values.items() if value]


def filtered_news(published: QuerySet[NewsPage], filters: NewsFilters) -> QuerySet[NewsPage]:
    articles = published
    if filters.source == Source.MEMBERS:
        articles = articles.filter(member__isnull=False)
    if filters.theme:
        tagged = NewsPage.themes.through.objects.filter(theme=filters.theme).values("newspage_id")
        articles = articles.filter(pk__in=tagged)
    if filters.country:
        # Stored as "KE,NG": two-letter codes only ever match whole codes.
        articles = articles.filter(countries__contains=filters.country)
    if filters.member:
        articles = articles.filter(mentioning(filters.member))
    return articles


@dataclass(frozen=True)
class FilterChoices:
    country_codes: list[str]
    members: list[tuple[int, str]]  # (id, title in the active language)


def filter_choices(published: QuerySet[NewsPage]) -> FilterChoices:
    """The countries and members the published news is about, for the filters' options. Members
    are read as plain values: building 27 pages with their fields in nine languages costs more."""
    codes = set()
    for stored in published.order_by().exclude(countries="").values_list("countries", flat=True).distinct():
        codes.update(code for code in stored.split(",") if code)
    ids = published.order_by().values("pk")
    named = NewsPage.related_members.through.objects.filter(newspage_id__in=ids).values("memberpage_id")
    members = MemberPage.objects.live().filter(Q(pk__in=published.order_by().values("member_id")) | Q(pk__in=named))
    language = get_language() or settings.LANGUAGE_CODE
    localized = build_localized_fieldname(
        "title", language if language in settings.MODELTRANSLATION_LANGUAGES else "en"
    )
    names = list(dict.fromkeys([localized, "title_en"]))  # the same field once, for English
    titles = [(pk, next(filter(None, found), "")) for pk, *found in members.values_list("pk", *names)]
    return FilterChoices(country_codes=sorted(codes), members=sorted(titles, key=lambda member: member[1].casefold()))
