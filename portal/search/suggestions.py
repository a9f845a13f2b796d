"""What to offer when nothing matches: a close spelling from the portal's own names, and the
main sections. Four bounded queries, only when a search finds nothing."""

import difflib

from django.conf import settings
from django.db.models import Q
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from events.models import EventIndexPage, EventPage
from members.models import MemberPage, MembersIndexPage
from portal.models import Theme
from portal.news.models import NewsIndexPage
from showcases.models import ShowcaseIndexPage, ShowcasePage

from .text import WORD, SearchText

VOCABULARY_LIMIT = 2000  # names read from each source, whatever the data size
SECTION_TYPES = (MembersIndexPage, ShowcaseIndexPage, EventIndexPage, NewsIndexPage)


def _in(name: str, language: str) -> list[str]:
    return list(dict.fromkeys([build_localized_fieldname(name, language), build_localized_fieldname(name, "en")]))


def vocabulary(language: str) -> list[str]:
    """Theme names, member names and acronyms, and cities, in the visitor's language and English."""
    if language not in settings.MODELTRANSLATION_LANGUAGES:
        language = "en"
    sources = [
        Theme.objects.values_list(*_in("name", language)),
        MemberPage.objects.live().values_list(*_in("title", language), "acronym"),
        ShowcasePage.objects.live().exclude(city_en="").values_list(*_in("city", language)).distinct(),
        EventPage.objects.live().exclude(city="").values_list("city").distinct(),
    ]
    names = {value for source in sources for row in source[:VOCABULARY_LIMIT] for value in row if value}
    return sorted(names)


def did_you_mean(search: SearchText, names: list[str]) -> str:
    """The search with its unknown words replaced by the closest known ones, or ""."""
    by_folded = {name.casefold(): name for name in names}
    whole = difflib.get_close_matches(search.text.casefold(), by_folded, n=1, cutoff=0.75)
    if whole:
        return by_folded[whole[0]] if whole[0] != search.text.casefold() else ""
    words = {}
    for name in names:
        for word in WORD.findall(name):
            if len(word) > 2:
                words.setdefault(word.casefold(), word)
    replaced = []
    for term in search.terms:
        close = [] if term.casefold() in words else difflib.get_close_matches(term.casefold(), words, n=1, cutoff=0.75)
        replaced.append(words[close[0]] if close else term)
    return " ".join(replaced) if list(search.terms) != replaced else ""


def main_sections(*, private: Q) -> list[Page]:
    return list(Page.objects.live().exclude(private).type(*SECTION_TYPES).order_by("path"))
