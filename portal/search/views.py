"""The search page: results grouped by kind, one kind's results page by page, suggestions."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet, Window
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from . import suggestions
from .backends import matching_pages
from .kinds import KINDS, KINDS_BY_KEY, SearchKind
from .text import MAX_LENGTH, SearchText, excerpt, highlight, read_search_text

RESULTS_PER_KIND = 5
PAGE_SIZE = 20


@dataclass(frozen=True)
class Hit:
    title: SafeString
    url: str
    snippet: SafeString
    details: list[str]


@dataclass(frozen=True)
class Section:
    kind: SearchKind
    total: int
    hits: list[Hit]


def _visible(kind: SearchKind, pages: QuerySet, private: Q) -> QuerySet:
    """Live pages outside private sections, without the long texts a result never shows."""
    return pages.filter(live=True).exclude(private).defer(*kind.long_text_columns())


def _hit(kind: SearchKind, page: Page, search: SearchText, request: HttpRequest) -> Hit:
    snippet = kind.snippet(page)
    return Hit(
        title=highlight(page.title, search.terms),
        url=page.get_url(request),
        snippet=highlight(excerpt(snippet, search.terms), search.terms),
        details=kind.details(page),
    )


def _sections(request, search: SearchText, language: str, private: Q) -> list[Section]:
    """Each kind's best results with its total: one query per kind."""
    sections = []
    for kind in KINDS:
        pages = _visible(kind, matching_pages(kind, language, search), private)
        found = list(pages.annotate(search_total=Window(Count("pk")))[:RESULTS_PER_KIND])
        total = found[0].search_total if found else 0
        sections.append(Section(kind, total, [_hit(kind, page, search, request) for page in found]))
    return sections


def _read_kind(request, notices: list[str]) -> SearchKind | None:
    key = request.GET.get("kind", "")
    if key and key not in KINDS_BY_KEY:
        notices.append(_("There is no such kind of page: showing results of every kind."))
    return KINDS_BY_KEY.get(key)


def search(request: HttpRequest) -> HttpResponse:
    language = get_language() or "en"
    search_text = read_search_text(request.GET.get("q", ""))
    notices: list[str] = []
    if search_text.shortened:
        notices.append(_("Your search was shortened to its first %(count)s characters.") % {"count": MAX_LENGTH})
    kind = _read_kind(request, notices)
    context = {"search_query": search_text.text, "search": search_text, "kind": kind, "kinds": KINDS}
    if search_text.is_empty:
        if search_text.text:
            notices.append(_("Type a word to search for: punctuation alone finds nothing."))
        return TemplateResponse(request, "portal/search.html", {**context, "notices": notices})

    private = Page.objects.private_q()
    if kind:
        pages = _visible(kind, matching_pages(kind, language, search_text), private)
        asked_page = request.GET.get("page", "")
        results = Paginator(pages, PAGE_SIZE).get_page(asked_page)
        if asked_page and asked_page != str(results.number):
            notices.append(_("That page does not exist: showing page %(number)s.") % {"number": results.number})
        hits = [_hit(kind, page, search_text, request) for page in results]
        total = results.paginator.count
        querystring = urlencode({"q": search_text.text, "kind": kind.key})
        context.update(results=results, hits=hits, total=total, kind_querystring=querystring)
    else:
        sections = _sections(request, search_text, language, private)
        total = sum(section.total for section in sections)
        context.update(sections=[section for section in sections if section.total], total=total)
    if not total:
        context.update(
            suggestion=suggestions.did_you_mean(search_text, suggestions.vocabulary(language)),
            main_sections=[
                {"title": page.title, "url": page.get_url(request)}
                for page in suggestions.main_sections(private=private)
            ],
        )
    return TemplateResponse(request, "portal/search.html", {**context, "notices": notices})
