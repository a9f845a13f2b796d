"""The kinds of page the site search looks through, each in its own section of the results.

Adding a kind is one entry in KINDS, e.g. for the publications:

    SearchKind("publications", _("Publications"), "publications.PublicationPage",
               fields=("title", "summary", "authors"), snippet_fields=("summary",),
               details=_publication_details)
"""

import html
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page


def _no_details(page: Page) -> list[str]:
    return []


@dataclass(frozen=True)
class SearchKind:
    key: str  # its value in the URL: ?kind=members
    label: Promise  # plural, as a section heading
    model_name: str  # "app_label.ModelName"
    fields: tuple[str, ...]  # searched, the title first
    snippet_fields: tuple[str, ...]  # the first filled one is the result's snippet
    details: Callable[[Page], list[str]] = field(default=_no_details)  # a short line under the title

    @property
    def model(self) -> type[Page]:
        return apps.get_model(self.model_name)

    def is_translated(self, name: str) -> bool:
        try:
            return name in translator.get_options_for_model(self.model).all_fields
        except NotRegistered:
            return False

    def is_stream(self, name: str) -> bool:
        return isinstance(self.model._meta.get_field(name), StreamField)

    def long_text_columns(self) -> list[str]:
        """The searched long texts a result never shows, in every language: left unread."""
        names = [
            name
            for name in self.fields
            if name not in self.snippet_fields
            and isinstance(self.model._meta.get_field(name), (StreamField, RichTextField))
        ]
        return [
            column
            for name in names
            for column in [name, *(build_localized_fieldname(name, code) for code in self.languages_of(name))]
        ]

    def snippet(self, page: Page) -> str:
        """The first filled snippet field in the visitor's language (English if not translated)."""
        for name in self.snippet_fields:
            text = getattr(page, name, "") or ""
            if isinstance(self.model._meta.get_field(name), RichTextField):
                text = html.unescape(strip_tags(text))
            if text.strip():
                return " ".join(text.split())
        return ""

    def languages_of(self, name: str) -> tuple[str, ...]:
        return settings.MODELTRANSLATION_LANGUAGES if self.is_translated(name) else ()


def _member_details(member) -> list[str]:
    return [value for value in (member.acronym, member.get_kind_display()) if value]


def _showcase_details(showcase) -> list[str]:
    return [value for value in (showcase.city, showcase.country.name if showcase.country else "") if value]


def _event_details(event) -> list[str]:
    return [value for value in (date_format(event.start_date), event.city) if value]


def _news_details(article) -> list[str]:
    return [date_format(article.date)]


def _publication_details(publication) -> list[str]:
    return [publication.get_series_display(), str(publication.year)]


KINDS: tuple[SearchKind, ...] = (
    SearchKind(
        "members",
        _("Members"),
        "members.MemberPage",
        fields=("title", "acronym", "summary", "body"),
        snippet_fields=("summary",),
        details=_member_details,
    ),
    SearchKind(
        "showcases",
        _("Showcases"),
        "showcases.ShowcasePage",
        fields=("title", "summary", "city", "body"),
        snippet_fields=("summary",),
        details=_showcase_details,
    ),
    SearchKind(
        "events",
        _("Events"),
        "events.EventPage",
        fields=("title", "summary", "city", "organiser", "description"),
        snippet_fields=("summary",),
        details=_event_details,
    ),
    SearchKind(
        "news",
        _("News"),
        "news.NewsPage",
        fields=("title", "summary", "body"),
        snippet_fields=("summary",),
        details=_news_details,
    ),
    SearchKind(
        "publications",
        _("Publications"),
        "publications.PublicationPage",
        fields=("title", "summary", "authors"),
        snippet_fields=("summary",),
        details=_publication_details,
    ),
    SearchKind(
        "pages",
        pgettext_lazy("search kind", "Pages"),
        "portal.StandardPage",
        fields=("title", "intro", "body"),
        snippet_fields=("intro", "search_description"),
    ),
)

KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
