"""/api/v1/proposals/: the proposals of the members the user edits, and nothing else.

Reads through the members' area's own rule (`proposals_visible_to`) and its prefetching, so the
API and the members' area always show the same proposals; any other proposal is a 404."""

from django import forms
from django.db.models import QuerySet
from django.http import Http404
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotFound

from portal.api.error_schema import error_response
from portal.api.views import PublicReadOnlyViewSet

from .models import Programme, Proposal, ProposalSponsor, ProposalStatus, ProposalStatusChange, SponsorRole
from .selectors import proposals_visible_to
from .views import _with_details


class ProposalSponsorSerializer(serializers.ModelSerializer):
    """A lead or co-sponsor, as the grants system names it, and the member it is when known."""

    role = serializers.ChoiceField(choices=SponsorRole.choices, help_text=_("lead or co-sponsor."))
    member = serializers.IntegerField(
        source="member_id", allow_null=True, help_text=_("The member's id (/api/v1/members/), if it is a member.")
    )
    member_title = serializers.SerializerMethodField(help_text=_("The member's name; null if not a member."))

    class Meta:
        model = ProposalSponsor
        fields = ["org_code", "role", "member", "member_title"]

    def get_member_title(self, sponsor: ProposalSponsor) -> str | None:
        return sponsor.member.title if sponsor.member_id else None


class ProposalStatusChangeSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(choices=ProposalStatus.choices)

    class Meta:
        model = ProposalStatusChange
        fields = ["status", "at"]


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal as the grants system last reported it. Example:
    `{"external_id": "P-2026-0001", "title": "Lagos drainage", "status": "technical_review", ...}`"""

    external_id = serializers.CharField(help_text=_("The proposal number in the grants system, e.g. P-2026-0001."))
    programme = serializers.ChoiceField(choices=Programme.choices)
    programme_label = serializers.CharField(source="get_programme_display", help_text=_("In the response language."))
    status = serializers.ChoiceField(choices=ProposalStatus.choices)
    status_label = serializers.CharField(source="get_status_display", help_text=_("In the response language."))
    country = serializers.CharField(source="country.code", help_text=_("ISO 3166-1 alpha-2; empty if not given."))
    sponsors = ProposalSponsorSerializer(many=True)
    history = ProposalStatusChangeSerializer(many=True, help_text=_("Every status the proposal went through."))

    class Meta:
        model = Proposal
        fields = [
            "external_id",
            "title",
            "language",
            "programme",
            "programme_label",
            "country",
            "city",
            "amount_requested",
            "currency_requested",
            "amount_approved",
            "currency_approved",
            "status",
            "status_label",
            "iati_identifier",
            "iati_status",
            "iati_dates",
            "remote_updated_at",
            "sponsors",
            "history",
        ]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    field_class = forms.IntegerField


class ProposalFilter(filters.FilterSet):
    """The members' area list's filters: one of the user's members, and the status."""

    member = IdFilter(
        method="filter_member",
        min_value=1,
        max_value=2**31 - 1,  # larger ids can't exist, and some databases fail on them instead of finding nothing
        help_text=_("A member's id: only that member's proposals (if you edit it)."),
    )
    status = filters.ChoiceFilter(choices=ProposalStatus.choices, help_text=_("The proposal's current status."))

    class Meta:
        model = Proposal
        fields = ["member", "status"]

    def filter_member(self, queryset: QuerySet[Proposal], name: str, value) -> QuerySet[Proposal]:
        user = getattr(self.request, "user", None)
        return queryset.filter(pk__in=proposals_visible_to(user=user, member_id=value).values("pk"))


INVALID_FILTER = error_response("A filter's value is not valid; `fields` says which.")
UNAUTHENTICATED = error_response("No session and no valid personal token, or a revoked one.")
NOT_FOUND = error_response("No such proposal among those of the members you edit.")


@extend_schema_view(
    list=extend_schema(
        summary="The proposals of the members you edit",
        responses={200: ProposalSerializer(many=True), 400: INVALID_FILTER, 401: UNAUTHENTICATED},
    ),
    retrieve=extend_schema(
        summary="One proposal of a member you edit",
        responses={200: ProposalSerializer, 401: UNAUTHENTICATED, 404: NOT_FOUND},
    ),
)
class ProposalViewSet(PublicReadOnlyViewSet):
    """Signed in (session or personal token) only; a proposal of a member you don't edit does not exist."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    ordering = ("-remote_updated_at", "external_id")  # as the members' area list; the number is unique
    lookup_field = "external_id"
    lookup_value_regex = "[^/]+"
    last_modified_field = "synced_at"

    def get_queryset(self) -> QuerySet[Proposal]:
        return _with_details(proposals_visible_to(user=self.request.user), sponsor_members=True)

    def get_object(self) -> Proposal:
        # Saying why: a proposal of another member is as absent as one that does not exist.
        try:
            return super().get_object()
        except Http404:
            raise NotFound(_("No such proposal among those of the members you edit.")) from None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # What one user may read is not another's: no shared cache may keep or serve it.
        patch_vary_headers(response, ("Authorization", "Cookie"))
        patch_cache_control(response, private=True)
        return response
