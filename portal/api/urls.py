"""/api/v1/ (Django REST framework), its OpenAPI schema and its documentation pages."""

from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework import routers
from rest_framework.exceptions import NotFound
from rest_framework.views import APIView

from events.api import EventViewSet
from events.submissions_api import EventSubmissionViewSet
from members.api import MemberViewSet
from members.grants.api import ProposalViewSet
from portal.news.api import NewsViewSet
from portal.publications.api import PublicationViewSet
from showcases.api import ShowcaseViewSet

from . import wagtail_api

router = routers.SimpleRouter(trailing_slash=True)
router.register("members", MemberViewSet, basename="member")
router.register("showcases", ShowcaseViewSet, basename="showcase")
router.register("events", EventViewSet, basename="event")
router.register("news", NewsViewSet, basename="news")
router.register("publications", PublicationViewSet, basename="publication")
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("event-submissions", EventSubmissionViewSet, basename="event-submission")


@extend_schema(exclude=True)
class UnknownEndpoint(APIView):
    """Any other address under /api/: a 404 in the API's error shape, not the site's HTML page."""

    permission_classes = []
    authentication_classes = []

    def get(self, request, *args, **kwargs):
        raise NotFound()

    post = put = patch = delete = get


urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's set-up script at ?script= rather than inline: the Content Security Policy runs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("docs/redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"),
    path("v2/", wagtail_api.api_router.urls),
    re_path(r"^.*$", UnknownEndpoint.as_view(), name="api-unknown"),  # after v2/: its unknown paths too
]
