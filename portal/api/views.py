"""What every endpoint of /api/v1/ shares: the language asked for, conditional requests, the
cursor pages and the filters."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.response import Response

from .pagination import StablePagination
from .references import ID_PATTERN

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
LOCALE_PARAMETER = OpenApiParameter(
    "locale",
    OpenApiTypes.STR,
    enum=LANGUAGE_CODES,
    description="The language of the translated fields; else the Accept-Language header; else English.",
)


class LanguageMixin:
    """`?locale=` chooses the language of translated fields (LocaleMiddleware has already read
    Accept-Language); the response says which it is in Content-Language."""

    def initial(self, request, *args, **kwargs):
        locale = request.query_params.get("locale")
        if locale in LANGUAGE_CODES:
            translation.activate(locale)
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        response.setdefault("Vary", "Accept-Language")
        return response


class ConditionalMixin:
    """ETag (of the body) and Last-Modified (the newest `last_modified` of what is shown) on
    successful reads, and 304 Not Modified when the client already has them."""

    last_modified = None  # set by the view while it builds the response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        set_response_etag(response)
        timestamp = self.last_modified.timestamp() if self.last_modified else None
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=int(timestamp) if timestamp else None, response=response
        )


@extend_schema(parameters=[LOCALE_PARAMETER])
class PublicReadOnlyViewSet(LanguageMixin, ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """A public, read-only resource: list (cursor pages, the site's filters) and detail."""

    permission_classes = [permissions.AllowAny]
    lookup_value_regex = ID_PATTERN
    pagination_class = StablePagination
    filter_backends = [DjangoFilterBackend]
    last_modified_field = "last_published_at"

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        shown = getattr(self, "_shown", [])
        dates = [getattr(item, self.last_modified_field) for item in shown if getattr(item, self.last_modified_field)]
        self.last_modified = max(dates, default=None)
        return response

    def paginate_queryset(self, queryset):
        self._shown = super().paginate_queryset(queryset)
        return self._shown

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.last_modified = getattr(instance, self.last_modified_field, None)
        return Response(self.get_serializer(instance).data)
