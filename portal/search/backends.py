"""How each database finds the pages of a kind that match a search, best first.

- SQLite (the embedded default): Wagtail's database search backend, SQLite FTS5. Its index
  holds a page's text in every language in one column, so a word is found whatever language
  it is written in; results are shown in the visitor's language, title matches first. FTS5
  folds accents (developpement finds développement) but does not stem.
- PostgreSQL: its full-text search with the visitor's language's configuration, over the
  visitor's language's columns with English where a page is not translated; stems words
  (logements finds logement) and ranks title matches first.
- Chinese and Japanese are written without spaces, so neither tokenizer splits them into
  words: a query in those scripts is matched as a substring on both databases.
"""

import json

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorCombinable,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, Func, IntegerField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce, NullIf
from modeltranslation.utils import build_localized_fieldname
from wagtail.search.backends import get_search_backend

from .kinds import SearchKind
from .text import SearchText

# PostgreSQL 15 ships these; Chinese, Japanese and Swahili have none and use "simple".
TEXT_SEARCH_CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "ru": "russian",
    "ar": "arabic",
}


def _columns(kind: SearchKind, name: str, language: str) -> list[str]:
    """The field's column in the visitor's language, then its English fallback."""
    if not kind.is_translated(name):
        return [name]
    return list(dict.fromkeys([build_localized_fieldname(name, language), build_localized_fieldname(name, "en")]))


def _title_first(kind: SearchKind, language: str, terms: tuple[str, ...]) -> Case:
    in_title = Q()
    for column in _columns(kind, kind.fields[0], language):
        for term in terms:
            in_title |= Q(**{f"{column}__icontains": term})
    return Case(When(in_title, then=Value(0)), default=Value(1), output_field=IntegerField())


def _substring_matches(kind: SearchKind, language: str, search: SearchText) -> QuerySet:
    """Pages with every term somewhere in their fields; title matches first."""
    condition = Q()
    for term in search.terms:
        anywhere = Q()
        for name in kind.fields:
            for column in _columns(kind, name, language):
                anywhere |= Q(**{f"{column}__icontains": term})
                if kind.is_stream(name):  # stored JSON may escape non-ASCII characters
                    anywhere |= Q(**{f"{column}__icontains": json.dumps(term)[1:-1]})
        condition &= anywhere
    return kind.model.objects.filter(condition).order_by(_title_first(kind, language, search.terms), "-pk")


def _index_matches(kind: SearchKind, language: str, search: SearchText) -> QuerySet:
    """Wagtail's relevance score is a subquery run again for every match, which took seconds
    for a common word among thousands of pages: matches come unordered from the index (kept a
    queryset, so visibility filters and the count join the one query), title matches first,
    then the most recently published."""
    results = get_search_backend().search(" ".join(search.terms), kind.model, operator="and", order_by_relevance=False)
    return results.get_queryset().order_by(
        _title_first(kind, language, search.terms), F("last_published_at").desc(nulls_last=True), "-pk"
    )


class _StreamWords(SearchVectorCombinable, Func):
    """The words of a StreamField in the visitor's language (English when it has no blocks),
    from its blocks' values only, leaving out block types and ids."""

    output_field = SearchVectorField()

    def __init__(self, localized: str, english: str, *, config: str, weight: str):
        super().__init__(F(localized), F(english))
        self.config, self.weight = config, weight

    def as_sql(self, compiler, connection, **extra_context):
        (local_sql, local_params), (english_sql, english_params) = (
            compiler.compile(expression) for expression in self.get_source_expressions()
        )
        blocks = f"COALESCE(NULLIF({local_sql}, '[]'::jsonb), {english_sql})"
        words = f"jsonb_to_tsvector(%s::regconfig, jsonb_path_query_array({blocks}, '$[*].value'), '[\"string\"]')"
        sql = f"COALESCE(setweight({words}, %s), ''::tsvector)"
        return sql, [self.config, *local_params, *english_params, self.weight]


def _vector(kind: SearchKind, language: str, config: str):
    vector = None
    for position, name in enumerate(kind.fields):
        weight = "A" if position == 0 else "B" if name in kind.snippet_fields else "C"
        columns = _columns(kind, name, language)
        if kind.is_stream(name):
            part = _StreamWords(columns[0], columns[-1], config=config, weight=weight)
        else:
            text = Coalesce(*(NullIf(column, Value("")) for column in columns), Value(""), output_field=TextField())
            part = SearchVector(text, config=config, weight=weight)
        vector = part if vector is None else vector + part
    return vector


def _postgres_matches(kind: SearchKind, language: str, search: SearchText) -> QuerySet:
    config = TEXT_SEARCH_CONFIGS.get(language, "simple")
    query = SearchQuery(search.text, search_type="websearch", config=config)
    vector = _vector(kind, language, config)
    return (
        kind.model.objects.alias(search_document=vector)
        .filter(search_document=query)
        .annotate(search_rank=SearchRank(vector, query))
        .order_by("-search_rank", "-pk")
    )


def matching_pages(kind: SearchKind, language: str, search: SearchText) -> QuerySet:
    """The kind's pages matching the search, best first, as one query still to be filtered."""
    if language not in settings.MODELTRANSLATION_LANGUAGES:
        language = "en"
    if search.is_cjk:
        return _substring_matches(kind, language, search)
    if connection.vendor == "postgresql":
        return _postgres_matches(kind, language, search)
    return _index_matches(kind, language, search)
