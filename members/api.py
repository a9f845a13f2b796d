"""/api/v1/members/: the member directory and the members' public profiles, with their links'
health, read through the directory's own selector (`member_directory`)."""

from django.db.models import CharField, Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce, Lower, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_filters import rest_framework as filters
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from portal.api.error_schema import error_response
from portal.api.views import PublicReadOnlyViewSet

from . import selectors
from .models import LinkKind, MemberKind, MemberLink, MemberPage

SEARCH_LIMIT = 100  # as the directory's search box


class MemberKindField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=MemberKind.choices, **kwargs)


class MemberKindFieldExtension(OpenApiSerializerFieldExtension):
    """The kinds as one named component: both the list's and the detail's serializers use them, and
    drf-spectacular would otherwise give a choice set shared by two serializers a made-up name."""

    target_class = MemberKindField

    def map_serializer_field(self, auto_schema, direction):
        choices = "\n".join(f"* `{value}` - {label}" for value, label in MemberKind.choices)
        component = ResolvedComponent(
            name="MemberKindEnum",
            type=ResolvedComponent.SCHEMA,
            object="MemberKindEnum",
            schema={"type": "string", "enum": MemberKind.values, "description": choices},
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class CountrySerializer(serializers.Serializer):
    """A country as its ISO 3166 code and its name in the language asked for; null when not given."""

    code = serializers.CharField(help_text=_("ISO 3166-1 alpha-2, e.g. KE."))
    name = serializers.CharField(help_text=_("In the language of the response, e.g. Kenya."))

    def to_representation(self, country):
        return {"code": country.code, "name": str(country.name)} if country else None


class LinkHealthSerializer(serializers.Serializer):
    """What the link checker last saw at the link's address. Links found broken are not listed."""

    status = serializers.ChoiceField(
        choices=[("unchecked", "unchecked"), ("ok", "ok"), ("failing", "failing")],
        help_text=_("unchecked: never checked yet; ok: the last check worked; failing: recent checks failed."),
    )
    checked_at = serializers.DateTimeField(allow_null=True, help_text=_("When the address was last checked."))
    last_ok_at = serializers.DateTimeField(allow_null=True, help_text=_("When the address last worked."))
    status_code = serializers.IntegerField(allow_null=True, help_text=_("The HTTP status of the last check."))
    moved_to = serializers.URLField(
        allow_blank=True, help_text=_("Where a permanent redirect now sends visitors; empty if it did not move.")
    )
    problem = serializers.CharField(
        allow_blank=True, help_text=_("What went wrong at the last check, in the language of the response.")
    )

    def to_representation(self, item: selectors.CheckedLink):
        check = item.check
        if check is None or check.checked_at is None:
            return {
                "status": "unchecked",
                "checked_at": None,
                "last_ok_at": None,
                "status_code": None,
                "moved_to": "",
                "problem": "",
            }
        failing = check.consecutive_failures > 0
        field = serializers.DateTimeField()
        return {
            "status": "failing" if failing else "ok",
            "checked_at": field.to_representation(check.checked_at),
            "last_ok_at": field.to_representation(check.last_ok_at) if check.last_ok_at else None,
            "status_code": check.status_code,
            "moved_to": check.moved_to,
            "problem": str(check.problem) if failing else "",
        }


class MemberLinkSerializer(serializers.Serializer):
    """One of the member's links (`CheckedLink`: the link and its last check)."""

    title = serializers.CharField(source="link.title", help_text=_("In the language of the response."))
    url = serializers.URLField(source="link.url")
    kind = serializers.ChoiceField(choices=LinkKind.choices, source="link.kind")
    kind_label = serializers.CharField(source="link.get_kind_display", help_text=_("e.g. Publication."))
    health = LinkHealthSerializer(source="*")


class MemberSerializer(serializers.ModelSerializer):
    """A member as the directory shows it, with its profile's facts and its working links.

    Example: `{"id": 12, "title": "Lagos State", "acronym": "LAG", "kind": "city", "kind_label": "City",
    "headquarters_country": {"code": "NG", "name": "Nigeria"}, "links": [{"title": "Website",
    "url": "https://lagos.test/", "kind": "website", "health": {"status": "ok", ...}}], ...}`"""

    kind = MemberKindField(read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True, help_text=_("e.g. City."))
    summary = serializers.CharField(read_only=True, help_text=_("One or two sentences, in the language asked for."))
    headquarters_country = CountrySerializer(read_only=True, allow_null=True)
    active_countries = CountrySerializer(many=True, read_only=True)
    logo = serializers.SerializerMethodField(help_text=_("A 160×160 WebP image; null without a logo."))
    url = serializers.SerializerMethodField(help_text=_("The member's page on the portal, in the language asked for."))
    links = MemberLinkSerializer(source="public_links", many=True, read_only=True)

    class Meta:
        model = MemberPage
        fields = [
            "id",
            "title",
            "acronym",
            "slug",
            "kind",
            "kind_label",
            "summary",
            "headquarters_country",
            "active_countries",
            "website",
            "year_joined",
            "contact_name",
            "contact_email",
            "logo",
            "url",
            "links",
            "last_published_at",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_logo(self, member: MemberPage) -> str | None:
        if not member.logo:
            return None
        return self.context["request"].build_absolute_uri(member.logo.get_rendition(selectors.LOGO_FILTER).url)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, member: MemberPage) -> str | None:
        return member.get_full_url(request=self.context["request"])


class MemberDetailSerializer(MemberSerializer):
    """A member's whole public profile: its description besides what the directory shows."""

    body = serializers.SerializerMethodField(help_text=_("The description as HTML, in the language asked for."))

    class Meta(MemberSerializer.Meta):
        fields = [*MemberSerializer.Meta.fields, "body"]
        read_only_fields = fields

    def get_body(self, member: MemberPage) -> str:
        return expand_db_html(member.body)


class MemberFilter(filters.FilterSet):
    """The directory's filters, applied by the directory's selector."""

    q = filters.CharFilter(
        max_length=SEARCH_LIMIT, help_text=_("Words in the name, acronym or description, e.g. lagos.")
    )
    kind = filters.ChoiceFilter(choices=MemberKind.choices, help_text=_("The kind of member."))
    country = filters.ChoiceFilter(
        choices=list(countries), help_text=_("Headquartered or active in this country (ISO 3166 code), e.g. KE.")
    )

    class Meta:
        model = MemberPage
        fields = []

    def filter_queryset(self, queryset: QuerySet[MemberPage]) -> QuerySet[MemberPage]:
        data = self.form.cleaned_data
        return selectors.member_directory(
            kind=data.get("kind") or "", country=data.get("country") or "", query=(data.get("q") or "").strip()
        )


def _with_public_links(members: list[MemberPage]) -> list[MemberPage]:
    """Each member's links as visitors see them (broken ones left out), checks read in one query."""
    links_by_member: dict[int, list[selectors.CheckedLink]] = {member.pk: [] for member in members}
    every_link = [link for member in members for link in member.links.all()]
    for item in selectors.checked_links(links=every_link):
        if not item.is_broken:
            links_by_member[item.link.member_id].append(item)
    for member in members:
        member.public_links = links_by_member[member.pk]
    return members


def _sort_name() -> Lower:
    """The directory's order: by name in the language asked for, else in English."""
    title = build_localized_fieldname("title", get_language() or "en")
    return Lower(Coalesce(NullIf(title, Value("")), "title_en", output_field=CharField()))


NOT_MODIFIED = OpenApiResponse(description=_("Not modified: the ETag or date the client sent is still current."))


@extend_schema_view(
    list=extend_schema(
        summary=_("The member directory"),
        description=_("Members A to Z by name in the language asked for, with the directory's filters."),
        responses={
            200: MemberSerializer(many=True),
            304: NOT_MODIFIED,
            400: error_response(_("A filter is not valid.")),
        },
    ),
    retrieve=extend_schema(
        summary=_("A member's profile"),
        responses={
            200: MemberDetailSerializer,
            304: NOT_MODIFIED,
            400: error_response(_("A filter is not valid.")),
            404: error_response(_("No published member has this id.")),
        },
    ),
)
class MemberViewSet(PublicReadOnlyViewSet):
    serializer_class = MemberSerializer
    filterset_class = MemberFilter
    ordering = ("sort_name", "pk")  # `sort_name` is annotated in filter_queryset: the directory's order
    queryset = MemberPage.objects.none()  # for the schema; requests read `get_queryset`

    def get_queryset(self) -> QuerySet[MemberPage]:
        # MemberFilter reads through selectors.member_directory (live, public, the directory's
        # order): this one only names the model, and costs no query.
        return MemberPage.objects.none()

    def get_serializer_class(self):
        return MemberDetailSerializer if self.action == "retrieve" else MemberSerializer

    def filter_queryset(self, queryset: QuerySet[MemberPage]) -> QuerySet[MemberPage]:
        links = Prefetch("links", queryset=MemberLink.objects.order_by("sort_order", "pk"))
        return super().filter_queryset(queryset).prefetch_related(links).annotate(sort_name=_sort_name())

    def paginate_queryset(self, queryset):
        return _with_public_links(super().paginate_queryset(queryset))

    def get_object(self) -> MemberPage:
        return _with_public_links([super().get_object()])[0]
