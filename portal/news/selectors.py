"""Reads for the news: each listing in a fixed number of queries whatever the number of articles."""

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from modeltranslation.utils import build_localized_fieldname
from wagtail.images import get_image_model

from members.models import MemberPage

from .models import NewsPage

CARD_IMAGE_FILTER = "fill-640x360|format-webp"
LOGO_FILTER = "max-96x96|format-webp"
BODIES = ["body", *(build_localized_fieldname("body", code) for code in settings.MODELTRANSLATION_LANGUAGES)]


def with_cards(articles: QuerySet[NewsPage]) -> QuerySet[NewsPage]:
    """What a card shows beyond the article: its image, its member (with logo) and its themes.
    Listings never show the body, the heaviest column in nine languages."""
    images = get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER)
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


def featured_news(*, limit: int) -> list[NewsPage]:
    """The articles the communications team features, newest first."""
    return list(published_news().filter(featured=True)[:limit])


def members_news(*, limit: int) -> list[NewsPage]:
    """The newest articles members published under their own pages."""
    return list(published_news().filter(member__isnull=False)[:limit])


def mentioning(member: MemberPage) -> Q:
    """Articles a member published, or that name it."""
    named = NewsPage.related_members.through.objects.filter(memberpage=member).values("newspage_id")
    return Q(member=member) | Q(pk__in=named)


def news_of_member(*, member: MemberPage, limit: int) -> list[NewsPage]:
    """A member's own news and the articles that mention it, newest first."""
    return list(published_news().filter(mentioning(member))[:limit])
