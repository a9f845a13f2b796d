"""/api/v1/showcases/: the project database, with its filters, read through its own selectors."""

from django import forms
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers

from members.api import NOT_MODIFIED, CountrySerializer
from members.models import MemberPage
from portal.api.error_schema import error_response
from portal.api.references import IdChoiceFilter
from portal.api.views import PublicReadOnlyViewSet
from portal.models import Theme

from . import selectors
from .database import ShowcaseCard
from .forms import SEARCH_LIMIT
from .models import ActivityType, InvolvementRole, Region, ShowcasePage, ShowcasePartner, ShowcaseStatus


class MemberRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The member's id at /api/v1/members/{id}/."))
    name = serializers.CharField(source="title", help_text=_("In the language of the response."))


class InvolvementSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="member.id", help_text=_("The member's id at /api/v1/members/{id}/."))
    name = serializers.CharField(source="member.title", help_text=_("In the language of the response."))
    role = serializers.ChoiceField(choices=InvolvementRole.choices)
    role_label = serializers.CharField(source="get_role_display", help_text=_("e.g. Co-sponsor."))


class ThemeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(help_text=_("In the language of the response."))

    class Meta:
        model = Theme
        fields = ["slug", "name"]


class PartnerSerializer(serializers.ModelSerializer):
    """A partner or consultant who is not a member."""

    kind_label = serializers.CharField(source="get_kind_display", help_text=_("e.g. Consultant."))

    class Meta:
        model = ShowcasePartner
        fields = ["name", "url", "kind", "kind_label"]


class ShowcaseSerializer(serializers.ModelSerializer):
    """A showcase as the project database shows it and its CSV export lists it.

    Example: `{"id": 40, "title": "Slum upgrading in Cotonou", "city": "Cotonou", "country": {"code": "BJ",
    "name": "Benin"}, "region": "africa", "status": "ongoing", "activity_type": "project", "years": "2015–",
    "lead_member": {"id": 12, "name": "Cotonou"}, "themes": [{"slug": "slum-upgrading", ...}], ...}`"""

    summary = serializers.CharField(read_only=True, help_text=_("Two or three sentences, in the language asked for."))
    city = serializers.CharField(read_only=True, help_text=_("In the language asked for; empty if not given."))
    country = CountrySerializer(read_only=True, allow_null=True)
    region = serializers.ChoiceField(choices=[("", ""), *Region.choices], read_only=True)
    region_label = serializers.CharField(source="get_region_display", read_only=True)
    status = serializers.ChoiceField(choices=ShowcaseStatus.choices, read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    activity_type = serializers.ChoiceField(choices=ActivityType.choices, read_only=True)
    activity_type_label = serializers.CharField(source="get_activity_type_display", read_only=True)
    years = serializers.SerializerMethodField(help_text=_("The years it runs, e.g. 2015–2019, or 2015– if ongoing."))
    lead_member = serializers.SerializerMethodField()
    members = serializers.SerializerMethodField()
    themes = ThemeSerializer(many=True, read_only=True)
    partners = PartnerSerializer(source="outside_partners", many=True, read_only=True)
    image = serializers.SerializerMethodField(help_text=_("A 640×360 WebP image; null without one."))
    url = serializers.SerializerMethodField(
        help_text=_("The showcase's page on the portal, in the language asked for.")
    )

    class Meta:
        model = ShowcasePage
        fields = [
            "id",
            "title",
            "slug",
            "summary",
            "city",
            "country",
            "region",
            "region_label",
            "status",
            "status_label",
            "activity_type",
            "activity_type_label",
            "start_date",
            "end_date",
            "years",
            "budget",
            "co_financing",
            "latitude",
            "longitude",
            "lead_member",
            "members",
            "themes",
            "partners",
            "image",
            "url",
            "last_published_at",
        ]
        read_only_fields = fields

    def get_years(self, showcase: ShowcasePage) -> str:
        return ShowcaseCard(showcase).years

    @extend_schema_field(MemberRefSerializer(allow_null=True))
    def get_lead_member(self, showcase: ShowcasePage):
        lead = ShowcaseCard(showcase).lead
        return MemberRefSerializer(lead).data if lead and lead.live else None

    @extend_schema_field(InvolvementSerializer(many=True))
    def get_members(self, showcase: ShowcasePage):
        """Every live member involved, the lead included, in the order the page lists them."""
        involvements = [involvement for involvement in showcase.involvements.all() if involvement.member.live]
        return InvolvementSerializer(involvements, many=True).data

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_image(self, showcase: ShowcasePage) -> str | None:
        if not showcase.image:
            return None
        rendition = showcase.image.get_rendition(selectors.CARD_IMAGE_FILTER)
        return self.context["request"].build_absolute_uri(rendition.url)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, showcase: ShowcasePage) -> str | None:
        return showcase.get_full_url(request=self.context["request"])


class YearFilter(filters.NumberFilter):
    field_class = forms.IntegerField


@extend_schema_field(OpenApiTypes.STR)
class ThemeSlugFilter(filters.ModelChoiceFilter):
    """A theme by its slug (the schema cannot guess that from the model)."""


class ShowcaseFilter(filters.FilterSet):
    """The project database's filters (ShowcaseFilterForm), applied by its selectors."""

    q = filters.CharFilter(
        max_length=SEARCH_LIMIT, help_text=_("Words in the title, summary, city or story, e.g. water.")
    )
    country = filters.ChoiceFilter(choices=list(countries), help_text=_("ISO 3166 code, e.g. KE."))
    city = filters.CharFilter(max_length=100, help_text=_("The city's English name, e.g. Nairobi."))
    region = filters.ChoiceFilter(choices=Region.choices)
    theme = ThemeSlugFilter(
        queryset=Theme.objects.all(), to_field_name="slug", help_text=_("A theme's slug, e.g. slum-upgrading.")
    )
    member = IdChoiceFilter(
        queryset=MemberPage.objects.live(), help_text=_("A member's id: the showcases it is involved in.")
    )
    status = filters.ChoiceFilter(choices=ShowcaseStatus.choices)
    activity_type = filters.ChoiceFilter(choices=ActivityType.choices)
    year = YearFilter(
        min_value=selectors.FIRST_YEAR, max_value=selectors.LAST_YEAR, help_text=_("Active in this year, e.g. 2015.")
    )

    class Meta:
        model = ShowcasePage
        fields = []

    def filter_queryset(self, queryset: QuerySet[ShowcasePage]) -> QuerySet[ShowcasePage]:
        values = {name: self.form.cleaned_data.get(name) for name in self.filters}
        chosen = selectors.ShowcaseFilters(**{name: value for name, value in values.items() if value not in (None, "")})
        search = selectors.search_condition(queryset, chosen.q)
        return selectors.filtered_showcases(queryset, chosen, search)


@extend_schema_view(
    list=extend_schema(
        summary=_("The project database"),
        description=_("Showcases A to Z by title in the language asked for, with the project database's filters."),
        responses={
            200: ShowcaseSerializer(many=True),
            304: NOT_MODIFIED,
            400: error_response(_("A filter is not valid.")),
        },
    ),
    retrieve=extend_schema(
        summary=_("A showcase"),
        responses={
            200: ShowcaseSerializer,
            304: NOT_MODIFIED,
            400: error_response(_("A filter is not valid.")),
            404: error_response(_("No published showcase has this id.")),
        },
    ),
)
class ShowcaseViewSet(PublicReadOnlyViewSet):
    serializer_class = ShowcaseSerializer
    filterset_class = ShowcaseFilter
    ordering = ("sort_title", "pk")  # `sort_title` is annotated in filter_queryset: the database's title order
    queryset = ShowcasePage.objects.none()  # for the schema; requests read `get_queryset`

    def get_queryset(self) -> QuerySet[ShowcasePage]:
        return selectors.published_showcases()

    def filter_queryset(self, queryset: QuerySet[ShowcasePage]) -> QuerySet[ShowcasePage]:
        showcases = selectors.with_cards(super().filter_queryset(queryset))
        partners = Prefetch("outside_partners", queryset=ShowcasePartner.objects.order_by("sort_order", "pk"))
        return showcases.prefetch_related(partners).annotate(sort_title=selectors._title_order())
