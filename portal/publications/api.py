"""/api/v1/publications/: the library, read-only and public, newest first."""

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Prefetch
from django_countries import countries
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from members.api import NOT_MODIFIED, CountrySerializer
from members.models import MemberPage
from portal.api.error_schema import error_response
from portal.api.references import (
    BAD_FILTER,
    ID_PARAMETER,
    ChoiceSerializer,
    LanguageSerializer,
    MemberReferenceSerializer,
    SlugChoiceFilter,
    page_url,
    rendition_url,
)
from portal.api.views import PublicReadOnlyViewSet
from portal.models import Theme
from showcases.api import ThemeSerializer

from . import selectors
from .models import FIRST_YEAR, LAST_YEAR, PublicationPage, Series
from .selectors import COVER_FILTER, PublicationFilters

ORDERING = ("-year", "-first_published_at", "-pk")


class PublicationFileSerializer(serializers.Serializer):
    """The publication in one language, e.g. {"language": {"code": "fr", …}, "url": "…/guide-fr.pdf",
    "size": 48213, "content_type": "application/pdf", "extension": "pdf"}."""

    language = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    size = serializers.IntegerField(source="document.file_size", allow_null=True, help_text="In bytes.")
    content_type = serializers.CharField(source="document.content_type", help_text="Its media type.")
    extension = serializers.CharField(source="document.file_extension", help_text="e.g. pdf")

    @extend_schema_field(LanguageSerializer)
    def get_language(self, file) -> dict:
        return LanguageSerializer.of(file.language)

    @extend_schema_field(serializers.URLField(help_text="Where to download it."))
    def get_url(self, file) -> str:
        return self.context["request"].build_absolute_uri(file.document.url)


class PublicationSerializer(serializers.Serializer):
    """A publication as the library shows it, with its files: the one in the language of the
    response first (else English), then the others in the site's language order."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    language = serializers.CharField(
        source="text_language", help_text="The language the title and summary are in (else they fall back to English)."
    )
    series = serializers.SerializerMethodField()
    authors = serializers.CharField()
    year = serializers.IntegerField()
    themes = ThemeSerializer(many=True)
    countries = CountrySerializer(many=True)
    members = MemberReferenceSerializer(many=True, help_text="The members involved (published ones).")
    cover = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(ChoiceSerializer)
    def get_series(self, publication) -> dict:
        return ChoiceSerializer.of(Series, publication.series)

    @extend_schema_field(serializers.URLField(allow_null=True, help_text="The front page, at most 320×460, WebP."))
    def get_cover(self, publication) -> str | None:
        cover = self._downloads(publication).cover or publication.cover
        return rendition_url(cover, COVER_FILTER, self.context["request"])

    @extend_schema_field(PublicationFileSerializer(many=True))
    def get_files(self, publication) -> list[dict]:
        downloads = self._downloads(publication)
        files = [downloads.primary, *downloads.others] if downloads.primary else []
        return PublicationFileSerializer(files, many=True, context=self.context).data

    @extend_schema_field(serializers.URLField(help_text="The publication's page on the site."))
    def get_url(self, publication) -> str:
        return page_url(publication, self.context["request"])

    def _downloads(self, publication) -> selectors.Downloads:
        if not hasattr(publication, "_api_downloads"):
            publication._api_downloads = selectors.downloads(list(publication.files.all()))
        return publication._api_downloads


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class PublicationFilterSet(django_filters.FilterSet):
    """The library's filters (portal/publications/forms.py PublicationFilterForm), applied by its selector."""

    series = django_filters.ChoiceFilter(choices=Series.choices)
    theme = SlugChoiceFilter(queryset=Theme.objects.all(), to_field_name="slug", help_text="A theme's slug.")
    country = django_filters.ChoiceFilter(choices=list(countries), help_text="An ISO 3166-1 code, e.g. KE.")
    language = django_filters.ChoiceFilter(choices=settings.LANGUAGES, help_text="Those with a file in this language.")
    year = YearFilter(min_value=FIRST_YEAR, max_value=LAST_YEAR, help_text="The year published.")

    class Meta:
        model = PublicationPage
        fields = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        values = {name: data.get(name) for name in PublicationFilters.FACETS}
        filters = PublicationFilters(**{name: value for name, value in values.items() if value not in (None, "")})
        return selectors.filtered_publications(queryset, filters)


@extend_schema_view(
    list=extend_schema(
        summary="The library",
        description="Published publications, newest first (by year, then by when first published), with their files.",
        responses={
            200: PublicationSerializer(many=True),
            304: NOT_MODIFIED,
            400: error_response(BAD_FILTER),
        },
    ),
    retrieve=extend_schema(
        parameters=[ID_PARAMETER],
        summary="A publication",
        description="One published publication, with its files.",
        responses={
            200: PublicationSerializer,
            304: NOT_MODIFIED,
            404: error_response("No published publication has this id."),
        },
    ),
)
class PublicationViewSet(PublicReadOnlyViewSet):
    filterset_class = PublicationFilterSet
    ordering = ORDERING
    serializer_class = PublicationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema needs the model only
            return PublicationPage.objects.none()
        return selectors.with_cards(selectors.published_publications()).prefetch_related(
            "themes", Prefetch("members", queryset=MemberPage.objects.live().order_by("title_en", "pk"))
        )

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset
