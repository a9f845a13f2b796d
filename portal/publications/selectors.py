"""Reads for the library, each in a fixed number of queries whatever the number of publications."""

from collections import Counter
from dataclasses import dataclass, fields

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import get_language, get_language_info
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname
from wagtail.images import get_image_model

from portal.models import Theme

from .models import PublicationFile, PublicationPage, Series

# The sizes the cover templates' srcset asks for, the API's among them.
COVER_FILTERS = ("max-88x126|format-webp", "max-176x252|format-webp", "max-320x460|format-webp")
COVER_FILTER = COVER_FILTERS[-1]


def published_publications() -> QuerySet[PublicationPage]:
    """Live publications visitors may see, newest first. Make it once per request: `public()`
    reads the view restrictions when called."""
    return PublicationPage.objects.live().public().order_by("-year", "-first_published_at", "-pk")


def with_cards(publications: QuerySet[PublicationPage]) -> QuerySet[PublicationPage]:
    """What a card (and the home page's brochure) shows: the cover and each file with its document."""
    covers = get_image_model().objects.prefetch_renditions(*COVER_FILTERS)
    files = (
        PublicationFile.objects.select_related("document")
        .prefetch_related(Prefetch("cover", queryset=covers))
        .order_by("sort_order", "pk")
    )
    return publications.prefetch_related(Prefetch("cover", queryset=covers), Prefetch("files", queryset=files))


@dataclass(frozen=True)
class Downloads:
    """A publication's files as a visitor gets them: `primary` (in the visitor's language, else
    English, else the first) and the `others`, in the site's language order."""

    primary: PublicationFile | None
    others: list[PublicationFile]
    language: str  # the visitor's

    @property
    def cover(self):
        """The front page of the file offered first, when it has its own."""
        return self.primary.cover if self.primary is not None and self.primary.cover_id else None

    @property
    def in_visitor_language(self) -> bool:
        return self.primary is not None and self.primary.language == self.language

    @property
    def visitor_language_info(self) -> dict:
        return get_language_info(self.language)


LANGUAGE_ORDER = [code for code, _name in settings.LANGUAGES]


def downloads(files: list[PublicationFile], *, language: str | None = None) -> Downloads:
    language = language or get_language() or settings.LANGUAGE_CODE
    files = [file for file in files if file.document_id]
    by_language = {}
    for file in files:
        by_language.setdefault(file.language, file)
    primary = by_language.get(language) or by_language.get(settings.LANGUAGE_CODE) or (files[0] if files else None)
    others = sorted(
        (file for file in by_language.values() if file is not primary),
        key=lambda file: (
            LANGUAGE_ORDER.index(file.language) if file.language in LANGUAGE_ORDER else len(LANGUAGE_ORDER)
        ),
    )
    return Downloads(primary, others, language)


@dataclass(frozen=True)
class PublicationFilters:
    series: str = ""
    theme: Theme | None = None
    country: str = ""
    language: str = ""
    year: int | None = None

    FACETS = ("series", "theme", "country", "language", "year")

    @property
    def is_filtered(self) -> bool:
        return any(getattr(self, name) for name in self.FACETS)

    def without(self, facet: str) -> "PublicationFilters":
        return PublicationFilters(**{**{f.name: getattr(self, f.name) for f in fields(self)}, facet: None})

    def param(self, name: str) -> str:
        """A filter as it goes in a URL: themes by slug."""
        value = getattr(self, name)
        if isinstance(value, Theme):
            return value.slug
        return str(value or "")

    def query_pairs(self) -> list[tuple[str, str]]:
        return [(name, self.param(name)) for name in self.FACETS if getattr(self, name)]


def filtered_publications(published: QuerySet[PublicationPage], filters: PublicationFilters) -> QuerySet:
    publications = published
    if filters.series:
        publications = publications.filter(series=filters.series)
    if filters.theme:
        tagged = PublicationPage.themes.through.objects.filter(theme=filters.theme).values("publicationpage_id")
        publications = publications.filter(pk__in=tagged)
    if filters.country:
        # Stored as "KE,NG": two-letter codes only ever match whole codes.
        publications = publications.filter(countries__contains=filters.country)
    if filters.language:
        publications = publications.filter(
            pk__in=PublicationFile.objects.filter(language=filters.language).values("page_id")
        )
    if filters.year:
        publications = publications.filter(year=filters.year)
    return publications


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int


def _localized(name: str) -> list[str]:
    """The field in the visitor's language, then its English fallback."""
    language = get_language() or "en"
    if language not in settings.MODELTRANSLATION_LANGUAGES:
        language = "en"
    return list(dict.fromkeys([build_localized_fieldname(name, language), build_localized_fieldname(name, "en")]))


def _series_options(publications) -> list[FacetOption]:
    counts = dict(publications.order_by().values_list("series").annotate(count=Count("pk", distinct=True)))
    return [FacetOption(value, str(label), counts[value]) for value, label in Series.choices if value in counts]


def _theme_options(publications) -> list[FacetOption]:
    names = [f"theme__{name}" for name in _localized("name")]
    rows = (
        PublicationPage.themes.through.objects.filter(publicationpage_id__in=publications.order_by().values("pk"))
        .order_by()
        .values("theme__slug", "theme__sort_order", *names)
        .annotate(count=Count("publicationpage_id", distinct=True))
    )
    rows = sorted(rows, key=lambda row: (row["theme__sort_order"], row["theme__slug"]))
    return [
        FacetOption(row["theme__slug"], next(filter(None, (row[name] for name in names)), ""), row["count"])
        for row in rows
    ]


def _country_options(publications) -> list[FacetOption]:
    counts = Counter()
    for stored in publications.order_by().exclude(countries="").values_list("countries", flat=True):
        counts.update({code for code in stored.split(",") if code})
    options = [FacetOption(code, str(countries.name(code)), count) for code, count in counts.items()]
    return sorted(options, key=lambda option: option.label.casefold())


def _language_options(publications) -> list[FacetOption]:
    counts = dict(
        PublicationFile.objects.filter(page_id__in=publications.order_by().values("pk"))
        .order_by()
        .values_list("language")
        .annotate(count=Count("page_id", distinct=True))
    )
    return [
        FacetOption(code, get_language_info(code)["name_local"], counts[code])
        for code in LANGUAGE_ORDER
        if code in counts
    ]


def _year_options(publications) -> list[FacetOption]:
    counts = dict(publications.order_by().values_list("year").annotate(count=Count("pk", distinct=True)))
    return [FacetOption(str(year), str(year), counts[year]) for year in sorted(counts, reverse=True)]


def facet_options(published: QuerySet[PublicationPage], filters: PublicationFilters) -> dict[str, list[FacetOption]]:
    """For each filter, its options counted under the other filters: one query each."""

    def others(facet: str) -> QuerySet[PublicationPage]:
        return filtered_publications(published, filters.without(facet))

    return {
        "series": _series_options(others("series")),
        "theme": _theme_options(others("theme")),
        "country": _country_options(others("country")),
        "language": _language_options(others("language")),
        "year": _year_options(others("year")),
    }


def latest_brochure(published: QuerySet[PublicationPage] | None = None) -> PublicationPage | None:
    """The newest live publication of the Brochure series, ready to show with its files."""
    published = published if published is not None else published_publications()
    return with_cards(published.filter(series=Series.BROCHURE)).first()
