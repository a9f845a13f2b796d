"""Reads for the project database, each in a fixed number of queries whatever the data size."""

import html
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields

from django.conf import settings
from django.db.models import Case, CharField, Count, F, IntegerField, Max, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Coalesce, Lower, NullIf, Substr
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django_countries import countries
from modeltranslation.utils import build_localized_fieldname
from wagtail.images import get_image_model

from members.models import MemberPage
from portal.models import Theme

from .models import ActivityType, Region, ShowcaseInvolvement, ShowcasePage, ShowcasePartner, ShowcaseStatus

# The widths the card templates' srcset asks for, the API's among them.
CARD_IMAGE_FILTERS = ("fill-320x180|format-webp", "fill-640x360|format-webp")
CARD_IMAGE_FILTER = CARD_IMAGE_FILTERS[1]
FIRST_YEAR, LAST_YEAR = 1950, 2100


class Sort:
    RELEVANCE = "relevance"
    TITLE = "title"
    NEWEST = "newest"
    UPDATED = "updated"


@dataclass(frozen=True)
class ShowcaseFilters:
    q: str = ""
    country: str = ""
    city: str = ""
    region: str = ""
    theme: Theme | None = None
    member: MemberPage | None = None
    status: str = ""
    activity_type: str = ""
    year: int | None = None
    sort: str = ""

    FACETS = ("country", "city", "region", "theme", "member", "status", "activity_type", "year")

    @property
    def is_filtered(self) -> bool:
        return bool(self.q) or any(getattr(self, name) for name in self.FACETS)

    @property
    def effective_sort(self) -> str:
        if self.sort == Sort.RELEVANCE or not self.sort:
            return Sort.RELEVANCE if self.q else Sort.TITLE
        return self.sort

    def without(self, facet: str) -> "ShowcaseFilters":
        return ShowcaseFilters(**{**{f.name: getattr(self, f.name) for f in fields(self)}, facet: None})

    def param(self, name: str) -> str:
        """A filter as it goes in a URL: themes by slug, members by id."""
        value = getattr(self, name)
        if isinstance(value, Theme):
            return value.slug
        if isinstance(value, MemberPage):
            return str(value.pk)
        return str(value or "")

    def query_pairs(self) -> list[tuple[str, str]]:
        """The filters as GET parameters, so a shared link shows the same results."""
        return [(field.name, self.param(field.name)) for field in fields(self) if getattr(self, field.name)]


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int


def _localized(name: str) -> str:
    language = get_language() or "en"
    if language not in settings.MODELTRANSLATION_LANGUAGES:
        language = "en"
    return build_localized_fieldname(name, language)


def _both(name: str) -> list[str]:
    """The field in the visitor's language, then its English fallback."""
    return list(dict.fromkeys([_localized(name), build_localized_fieldname(name, "en")]))


def _translated(name: str) -> Coalesce:
    localized, english = _both(name)[0], build_localized_fieldname(name, "en")
    return Coalesce(NullIf(localized, Value("")), english, output_field=CharField())


def published_showcases() -> QuerySet[ShowcasePage]:
    """Live showcases visitors may see. Make it once per request: `public()` reads the view
    restrictions when called, so each call is a query."""
    return ShowcasePage.objects.live().public()


def _contains(names: list[str], query: str) -> Q:
    condition = Q()
    for name in names:
        condition |= Q(**{f"{name}__icontains": query})
    return condition


def _story_text(raw) -> str:
    """The words of a stored story, without its block names, ids and markup."""
    if isinstance(raw, str):
        return html.unescape(strip_tags(raw))
    if isinstance(raw, Mapping):
        return " ".join(_story_text(value) for key, value in raw.items() if key not in {"type", "id"})
    if isinstance(raw, Sequence):
        return " ".join(_story_text(item) for item in raw)
    return ""


def search_condition(published: QuerySet[ShowcasePage], query: str) -> Q:
    """Showcases whose title, summary, city or story, in the visitor's language or in English,
    contain the query. Stories are JSON, so the database finds candidates (the query as typed
    and as JSON escapes it) and their text is read here, leaving out block names and markup."""
    if not query:
        return Q()
    text = _contains([*_both("title"), *_both("summary"), *_both("city")], query)
    stories = _both("body")
    in_json = _contains(stories, query) | _contains(stories, json.dumps(query)[1:-1])
    candidates = published.filter(in_json).exclude(text).values_list("pk", *stories)
    needle = query.casefold()
    in_story = [
        pk
        for pk, *bodies in candidates
        if any(body is not None and needle in _story_text(body.raw_data).casefold() for body in bodies)
    ]
    return text | Q(pk__in=in_story)


def _active_in(year: int) -> Q:
    """Started by the end of `year` and not ended before it; open-ended showcases run to this year."""
    ongoing = Q(end_date__year__gte=year) | Q(end_date__isnull=True, start_date__year__gte=year)
    if year <= timezone.localdate().year:
        ongoing |= Q(end_date__isnull=True)
    return Q(start_date__year__lte=year) & ongoing


def filtered_showcases(
    published: QuerySet[ShowcasePage], filters: ShowcaseFilters, search: Q
) -> QuerySet[ShowcasePage]:
    showcases = published.filter(search)
    for name in ("country", "region", "status", "activity_type"):
        if value := getattr(filters, name):
            showcases = showcases.filter(**{name: value})
    if filters.city:
        showcases = showcases.filter(city_en=filters.city)
    if filters.theme:
        showcases = showcases.filter(
            pk__in=ShowcasePage.themes.through.objects.filter(theme=filters.theme).values("showcasepage_id")
        )
    if filters.member:
        showcases = showcases.filter(
            pk__in=ShowcaseInvolvement.objects.filter(member=filters.member).values("showcase_id")
        )
    if filters.year:
        showcases = showcases.filter(_active_in(filters.year))
    return showcases


def _title_order() -> Lower:
    return Lower(_translated("title"))


def _relevance(query: str) -> Case:
    return Case(
        When(_contains(_both("title"), query), then=Value(3)),
        When(_contains(_both("summary"), query), then=Value(2)),
        When(_contains(_both("city"), query), then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )


def ordered(showcases: QuerySet[ShowcasePage], filters: ShowcaseFilters) -> QuerySet[ShowcasePage]:
    sort = filters.effective_sort
    if sort == Sort.RELEVANCE:
        return showcases.annotate(relevance=_relevance(filters.q)).order_by("-relevance", _title_order(), "pk")
    if sort == Sort.NEWEST:
        return showcases.order_by(F("start_date").desc(nulls_last=True), _title_order(), "pk")
    if sort == Sort.UPDATED:
        return showcases.order_by(F("last_published_at").desc(nulls_last=True), "pk")
    return showcases.order_by(_title_order(), "pk")


def _without_stories(showcases: QuerySet[ShowcasePage]) -> QuerySet[ShowcasePage]:
    """Listings never show the story; reading it in nine languages costs more than the rest."""
    stories = ["body", *(build_localized_fieldname("body", code) for code in settings.MODELTRANSLATION_LANGUAGES)]
    return showcases.defer(*stories)


def with_cards(showcases: QuerySet[ShowcasePage]) -> QuerySet[ShowcasePage]:
    """What a card shows beyond the showcase itself: its image, its members and its themes."""
    images = get_image_model().objects.prefetch_renditions(*CARD_IMAGE_FILTERS)
    return _without_stories(showcases).prefetch_related(
        Prefetch("image", queryset=images),
        Prefetch("involvements", queryset=ShowcaseInvolvement.objects.select_related("member").order_by("sort_order")),
        "themes",
    )


@dataclass(frozen=True)
class ExportDetails:
    """Members (role, name), theme names and outside partners (kind, name) by showcase id."""

    members: dict[int, list[tuple[str, str]]]
    themes: dict[int, list[str]]
    partners: dict[int, list[tuple[str, str]]]


EXPORT_FIELDS = (
    "pk",
    "country",
    "region",
    "status",
    "activity_type",
    "start_date",
    "end_date",
    "budget",
    "co_financing",
)


def for_export(showcases: QuerySet[ShowcasePage]) -> tuple[list[dict], ExportDetails]:
    """The showcases and their details as plain values, in four queries: model instances, with
    their fields in nine languages, would make an export of thousands of rows ten times slower."""
    rows = list(
        showcases.annotate(
            export_title=_translated("title"), export_city=_translated("city"), export_path=_translated("url_path")
        ).values(*EXPORT_FIELDS, "export_title", "export_city", "export_path")
    )
    ids = showcases.order_by().values("pk")
    members, themes, partners = defaultdict(list), defaultdict(list), defaultdict(list)
    involvements = ShowcaseInvolvement.objects.filter(showcase_id__in=ids).order_by("showcase_id", "sort_order", "pk")
    for showcase_id, role, *titles in involvements.values_list(
        "showcase_id", "role", *(f"member__{name}" for name in _both("title"))
    ):
        members[showcase_id].append((role, next(filter(None, titles), "")))
    links = ShowcasePage.themes.through.objects.filter(showcasepage_id__in=ids)
    for showcase_id, *names in links.order_by("theme__sort_order", "theme__slug").values_list(
        "showcasepage_id", *(f"theme__{name}" for name in _both("name"))
    ):
        themes[showcase_id].append(next(filter(None, names), ""))
    outside = ShowcasePartner.objects.filter(showcase_id__in=ids).order_by("showcase_id", "sort_order", "pk")
    for showcase_id, kind, name in outside.values_list("showcase_id", "kind", "name"):
        partners[showcase_id].append((kind, name))
    return rows, ExportDetails(members, themes, partners)


def _count(showcases: QuerySet, field: str) -> list[dict]:
    return list(showcases.exclude(**{field: ""}).order_by().values(field).annotate(count=Count("pk", distinct=True)))


def _choice_options(showcases, field: str, choices) -> list[FacetOption]:
    counts = {row[field]: row["count"] for row in _count(showcases, field)}
    return [FacetOption(value, str(label), counts[value]) for value, label in choices if value in counts]


def _country_options(showcases) -> list[FacetOption]:
    options = [
        FacetOption(row["country"], countries.name(row["country"]), row["count"])
        for row in _count(showcases, "country")
    ]
    return sorted(options, key=lambda option: option.label.casefold())


def _city_options(showcases) -> list[FacetOption]:
    label = Max(_translated("city"))
    rows = (
        showcases.filter(city_en__gt="")
        .order_by()
        .values("city_en")
        .annotate(count=Count("pk", distinct=True), label=label)
    )
    options = [FacetOption(row["city_en"], row["label"], row["count"]) for row in rows]
    return sorted(options, key=lambda option: option.label.casefold())


def _theme_options(showcases) -> list[FacetOption]:
    name, english = _both("name")[0], "theme__name_en"
    rows = (
        ShowcasePage.themes.through.objects.filter(showcasepage_id__in=showcases.values("pk"))
        .order_by()
        .values("theme__slug", "theme__sort_order", english, f"theme__{name}")
        .annotate(count=Count("showcasepage_id", distinct=True))
    )
    rows = sorted(rows, key=lambda row: (row["theme__sort_order"], row["theme__slug"]))
    return [FacetOption(row["theme__slug"], row[f"theme__{name}"] or row[english], row["count"]) for row in rows]


def _member_options(showcases) -> list[FacetOption]:
    title, english = f"member__{_both('title')[0]}", "member__title_en"
    rows = (
        ShowcaseInvolvement.objects.filter(showcase_id__in=showcases.values("pk"), member__live=True)
        .order_by()
        .values("member_id", english, title)
        .annotate(count=Count("showcase_id", distinct=True))
    )
    options = [FacetOption(str(row["member_id"]), row[title] or row[english], row["count"]) for row in rows]
    return sorted(options, key=lambda option: option.label.casefold())


def _year(field: str) -> Cast:
    """The year of a date read from its ISO text: SQLite extracts years in Python, row by row."""
    return Cast(Substr(Cast(field, CharField()), 1, 4), IntegerField())


def _year_options(showcases) -> list[FacetOption]:
    """The years each showcase was active in: one query groups them by first and last year."""
    spans = (
        showcases.filter(start_date__isnull=False)
        .order_by()
        .annotate(first=_year("start_date"), last=_year("end_date"))
        .values("first", "last")
        .annotate(count=Count("pk", distinct=True))
    )
    this_year = timezone.localdate().year
    counts = Counter()
    for span in spans:
        last = span["last"] or max(span["first"], this_year)
        for year in range(max(span["first"], FIRST_YEAR), min(last, LAST_YEAR) + 1):
            counts[year] += span["count"]
    return [FacetOption(str(year), str(year), counts[year]) for year in sorted(counts, reverse=True)]


def facet_options(
    published: QuerySet[ShowcasePage], filters: ShowcaseFilters, search: Q
) -> dict[str, list[FacetOption]]:
    """For each facet, its options counted under the other filters (one or two queries each)."""

    def others(facet: str) -> QuerySet[ShowcasePage]:
        return filtered_showcases(published, filters.without(facet), search)

    return {
        "country": _country_options(others("country")),
        "city": _city_options(others("city")),
        "region": _choice_options(others("region"), "region", Region.choices),
        "theme": _theme_options(others("theme")),
        "member": _member_options(others("member")),
        "status": _choice_options(others("status"), "status", ShowcaseStatus.choices),
        "activity_type": _choice_options(others("activity_type"), "activity_type", ActivityType.choices),
        "year": _year_options(others("year")),
    }
