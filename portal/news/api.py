"""/api/v1/news/: the news index's articles, read-only and public, newest first."""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from members.api import NOT_MODIFIED, CountrySerializer
from members.models import MemberPage
from portal.api.error_schema import error_response
from portal.api.references import (
    BAD_FILTER,
    ID_PARAMETER,
    IdChoiceFilter,
    MemberReferenceSerializer,
    PageReferenceSerializer,
    SlugChoiceFilter,
    page_url,
    rendition_url,
)
from portal.api.views import PublicReadOnlyViewSet
from portal.models import Theme
from showcases.api import ThemeSerializer
from showcases.models import ShowcasePage

from . import selectors
from .models import NewsPage
from .selectors import CARD_IMAGE_FILTER, NewsFilters, Source

ORDERING = ("-date", "-pk")
MEMBER, SECRETARIAT = "member", "secretariat"


class NewsSourceSerializer(serializers.Serializer):
    """Who published the article: a member (under its own page) or the secretariat's communications team."""

    publisher = serializers.ChoiceField(choices=[MEMBER, SECRETARIAT])
    member = MemberReferenceSerializer(allow_null=True, help_text="The publishing member; null for the secretariat.")


class NewsSummarySerializer(serializers.Serializer):
    """An article as the news index's card shows it."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    date = serializers.DateField()
    summary = serializers.CharField()
    language = serializers.CharField(
        source="text_language", help_text="The language the title and summary are in (else they fall back to English)."
    )
    image = serializers.SerializerMethodField()
    themes = ThemeSerializer(many=True)
    countries = CountrySerializer(many=True)
    source = serializers.SerializerMethodField()
    featured = serializers.BooleanField(help_text="Featured by the communications team: first in the news.")
    url = serializers.SerializerMethodField()

    @extend_schema_field(serializers.URLField(allow_null=True, help_text="The image, 640×360 WebP."))
    def get_image(self, article) -> str | None:
        return rendition_url(article.image, CARD_IMAGE_FILTER, self.context["request"])

    @extend_schema_field(NewsSourceSerializer)
    def get_source(self, article) -> dict:
        if article.member is None:
            return {"publisher": SECRETARIAT, "member": None}
        return {"publisher": MEMBER, "member": MemberReferenceSerializer(article.member, context=self.context).data}

    @extend_schema_field(serializers.URLField(help_text="The article's page on the site."))
    def get_url(self, article) -> str:
        return page_url(article, self.context["request"])


class NewsDetailSerializer(NewsSummarySerializer):
    """An article with its body and the members and showcases it names."""

    body = serializers.SerializerMethodField()
    related_members = MemberReferenceSerializer(many=True, help_text="The members it mentions (published ones).")
    related_showcases = PageReferenceSerializer(many=True, help_text="The showcases it names (published ones).")

    @extend_schema_field(serializers.CharField(help_text="The body as the site renders it, as HTML."))
    def get_body(self, article) -> str:
        context = {"request": self.context["request"], "page": article}
        return "".join(
            expand_db_html(block.value.source) if block.block_type == "text" else block.render(context=context)
            for block in article.body
        )


class NewsFilterSet(django_filters.FilterSet):
    """The news index's filters (portal/news/forms.py NewsFilterForm), applied by its selector."""

    source = django_filters.ChoiceFilter(
        choices=[(Source.MEMBERS, _("From our members"))], help_text="members: only the news members published."
    )
    theme = SlugChoiceFilter(queryset=Theme.objects.all(), to_field_name="slug", help_text="A theme's slug.")
    country = django_filters.ChoiceFilter(choices=list(countries), help_text="An ISO 3166-1 code, e.g. KE.")
    member = IdChoiceFilter(
        queryset=MemberPage.objects.live(), help_text="A member's id: the news it published or that mentions it."
    )
    featured = django_filters.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        help_text="true: only the featured articles, which lead the news index; false: the others.",
    )

    class Meta:
        model = NewsPage
        fields = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        filters = NewsFilters(**{name: data[name] for name in ("source", "theme", "country", "member") if data[name]})
        articles = selectors.filtered_news(queryset, filters)
        if data.get("featured") in (True, False):
            articles = articles.filter(featured=data["featured"])
        return articles


@extend_schema_view(
    list=extend_schema(
        summary="The news",
        description="Published articles, newest first: the communications team's and the members' own news.",
        responses={
            200: NewsSummarySerializer(many=True),
            304: NOT_MODIFIED,
            400: error_response(BAD_FILTER),
        },
    ),
    retrieve=extend_schema(
        parameters=[ID_PARAMETER],
        summary="A news article",
        description="One published article, with its body.",
        responses={
            200: NewsDetailSerializer,
            304: NOT_MODIFIED,
            404: error_response("No published article has this id."),
        },
    ),
)
class NewsViewSet(PublicReadOnlyViewSet):
    filterset_class = NewsFilterSet
    ordering = ORDERING

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema needs the model only
            return NewsPage.objects.none()
        articles = selectors.published_news().prefetch_related("themes")
        if self.action != "retrieve":
            return articles
        return articles.defer(None).prefetch_related(
            Prefetch("related_members", queryset=MemberPage.objects.live().order_by("title_en", "pk")),
            Prefetch("related_showcases", queryset=ShowcasePage.objects.live().public().order_by("-start_date", "pk")),
        )

    def get_serializer_class(self):
        return NewsDetailSerializer if self.action == "retrieve" else NewsSummarySerializer

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset) if self.action == "list" else queryset
