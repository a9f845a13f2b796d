"""What the library and a publication page show besides their own fields."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from . import selectors
from .forms import PublicationFilterForm
from .models import PublicationIndexPage, PublicationPage

PAGE_SIZE = 12
SAME_SERIES_COUNT = 3


def library_context(request, index: PublicationIndexPage) -> dict:
    form = PublicationFilterForm(request.GET or None)
    filters = form.filters()
    published = selectors.published_publications()
    form.show_counts(selectors.facet_options(published, filters), filters)
    publications = selectors.with_cards(selectors.filtered_publications(published, filters))
    asked_page = request.GET.get("page", "")
    page = Paginator(publications, PAGE_SIZE).get_page(asked_page)
    notices = []
    if form.errors:
        notices.append(
            _("Some of what you asked for could not be used as it was: see the messages beside the filters.")
        )
    if asked_page and asked_page != str(page.number):
        notices.append(_("That page does not exist: showing page %(number)s.") % {"number": page.number})
    return {
        "filter_form": form,
        "filters": filters,
        "is_filtered": filters.is_filtered,
        "publications": page,
        "cards": [(publication, selectors.downloads(list(publication.files.all()))) for publication in page],
        "notices": notices,
        "querystring": urlencode(filters.query_pairs()),
    }


def publication_context(request, publication: PublicationPage) -> dict:
    """Its files in the visitor's order, what it is about and more of its series. Read through
    the cluster, so previews show unsaved files and choices."""
    files = list(publication.files.all().select_related("document", "cover"))
    same_series = selectors.with_cards(
        selectors.published_publications().filter(series=publication.series).exclude(pk=publication.pk)
    )[:SAME_SERIES_COUNT]
    return {
        "library": PublicationIndexPage.objects.live().first(),
        "downloads": selectors.downloads(files),
        "themes": list(publication.themes.all()),
        "members": [member for member in publication.members.all() if member.live],
        "same_series": [(other, selectors.downloads(list(other.files.all()))) for other in same_series],
    }
