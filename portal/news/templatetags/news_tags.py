from django import template

from .. import selectors
from ..feeds import FeedLink, feed_links
from ..models import NewsIndexPage

register = template.Library()

MEMBER_NEWS_COUNT = 5


def _member_query(member) -> str:
    return f"member={member.pk}"


@register.simple_tag(takes_context=True)
def member_news(context, member) -> dict | None:
    """`{% member_news page as news %}`: a member's newest articles (its own and those naming it)
    and the address of the news index filtered by that member; None without a news index."""
    index = NewsIndexPage.objects.live().first()
    if index is None:
        return None
    return {
        "articles": selectors.news_of_member(member=member, limit=MEMBER_NEWS_COUNT),
        "index_url": f"{index.get_url(request=context.get('request'))}?{_member_query(member)}",
    }


@register.simple_tag(takes_context=True)
def member_news_feeds(context, member) -> list[FeedLink]:
    """`{% member_news_feeds page as feeds %}`: the RSS and Atom feeds of a member's news."""
    index = NewsIndexPage.objects.live().first()
    if index is None:
        return []
    return feed_links(
        index, request=context.get("request"), query=_member_query(member), title=f"{index.title} · {member.title}"
    )
