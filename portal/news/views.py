"""What the news index and a news article show besides their own fields."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from showcases.models import ShowcasePage

from . import selectors
from .feeds import feed_links
from .forms import NewsFilterForm
from .models import NewsIndexPage, NewsPage
from .selectors import Source

PAGE_SIZE = 12
FEATURED_COUNT = 3
MEMBERS_STREAM_COUNT = 4
RECENT_COUNT = 3


def _tabs(form: NewsFilterForm, filters: selectors.NewsFilters) -> list[dict]:
    others = [pair for pair in filters.query_pairs() if pair[0] != "source"]
    return [
        {
            "label": label,
            "query": urlencode([*others, *([("source", value)] if value else [])]),
            "is_current": value == filters.source,
        }
        for value, label in form.fields["source"].choices
    ]


def index_context(request, index: NewsIndexPage) -> dict:
    published = selectors.published_news()
    form = NewsFilterForm(request.GET or None)
    filters = form.filters()
    form.offer(selectors.filter_choices(published), filters)
    articles = selectors.filtered_news(published, filters)
    featured, from_members = [], []
    if not filters.is_filtered:
        # Featured articles lead the news; they are not repeated below.
        featured = selectors.featured_news(limit=FEATURED_COUNT, published=published)
        articles = articles.exclude(pk__in=[article.pk for article in featured])
    asked_page = request.GET.get("page", "")
    page = Paginator(articles, PAGE_SIZE).get_page(asked_page)
    if not filters.is_filtered and page.number == 1:
        from_members = selectors.members_news(limit=MEMBERS_STREAM_COUNT, published=published)
    notices = []
    if form.errors:
        notices.append(
            _("Some of what you asked for could not be used as it was: see the messages beside the filters.")
        )
    if asked_page and asked_page != str(page.number):
        notices.append(_("That page does not exist: showing page %(number)s.") % {"number": page.number})
    query = urlencode(filters.query_pairs())
    return {
        "filter_form": form,
        "filters": filters,
        "is_filtered": filters.is_filtered,
        "tabs": _tabs(form, filters),
        "featured": featured if page.number == 1 else [],
        "articles": page,
        "from_members": from_members,
        "members_stream_query": urlencode([("source", Source.MEMBERS)]),
        "notices": notices,
        "querystring": query,
        "feeds": feed_links(index, request=request, query=query),
    }


def article_context(request, article: NewsPage) -> dict:
    """Its publisher, the members and showcases it names (live ones), and a few recent articles.
    Read through the cluster, so previews show unsaved choices."""
    index = NewsIndexPage.objects.live().first()
    named_showcases = [showcase.pk for showcase in article.related_showcases.all()]
    return {
        "news_index": index,
        "themes": list(article.themes.all()),
        "related_members": [member for member in article.related_members.all() if member.live],
        "related_showcases": list(
            ShowcasePage.objects.live().public().filter(pk__in=named_showcases).order_by("-start_date", "pk")
        ),
        "recent_news": list(selectors.published_news().exclude(pk=article.pk)[:RECENT_COUNT]),
        "feeds": feed_links(index, request=request) if index else [],
    }
