"""/api/v2/: Wagtail's own API for pages, images and documents.

One page tree carries every language (modeltranslation, WAGTAIL_I18N_ENABLED off), so `locale`
here means the language of the translated fields (title, slug, url, intro, body), not Wagtail's
per-locale trees: the `locale` parameter, else Accept-Language (LocaleMiddleware), else English.
The response says which language it is in: the Content-Language header and `meta.locale`.
Errors come in the API's one shape (portal/api/errors.py)."""

from django.http import Http404
from django.utils import translation
from rest_framework import permissions
from rest_framework.response import Response
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    OrderingFilter,
    SearchFilter,
)
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .errors import error_body
from .views import LANGUAGE_CODES, LanguageMixin


class PortalAPIMixin(LanguageMixin):
    """Public reads like /api/v1/ (the project's default permission is IsAuthenticated), the
    language asked for, and the API's error shape instead of Wagtail's `{"message": ...}`."""

    permission_classes = [permissions.AllowAny]

    def initial(self, request, *args, **kwargs):
        locale = request.query_params.get("locale")
        if locale is not None and locale not in LANGUAGE_CODES:
            raise BadRequestError(f"locale must be one of: {', '.join(LANGUAGE_CODES)}")
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        if isinstance(exc, Http404):
            return Response(error_body(404, "not_found", str(exc)), status=404)
        if isinstance(exc, BadRequestError):
            return Response(error_body(400, "invalid", str(exc)), status=400)
        return super().handle_exception(exc)

    def _with_locale(self, response):
        if isinstance(getattr(response, "data", None), dict) and isinstance(response.data.get("meta"), dict):
            response.data["meta"]["locale"] = translation.get_language()
        return response

    def listing_view(self, request):
        return self._with_locale(super().listing_view(request))

    def detail_view(self, request, pk):
        return self._with_locale(super().detail_view(request, pk))


class PortalPagesAPIViewSet(PortalAPIMixin, PagesAPIViewSet):
    """Live, public pages (Wagtail's default queryset). Wagtail's LocaleFilter and
    TranslationOfFilter are left out: they select between locale trees, and there is one tree."""

    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        OrderingFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = (PagesAPIViewSet.known_query_parameters - {"translation_of"}) | {"locale"}


class PortalImagesAPIViewSet(PortalAPIMixin, ImagesAPIViewSet):
    known_query_parameters = ImagesAPIViewSet.known_query_parameters | {"locale"}


class PortalDocumentsAPIViewSet(PortalAPIMixin, DocumentsAPIViewSet):
    """Documents in private collections are left out (Wagtail's default)."""

    known_query_parameters = DocumentsAPIViewSet.known_query_parameters | {"locale"}


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PortalPagesAPIViewSet)
api_router.register_endpoint("images", PortalImagesAPIViewSet)
api_router.register_endpoint("documents", PortalDocumentsAPIViewSet)
