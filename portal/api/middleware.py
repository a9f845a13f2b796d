from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 under /api/ stays a 404.

    Django answers any 404 outside `i18n_patterns` with a redirect to the same path under the
    language prefix whenever that path would resolve there, and Wagtail's catch-all page route
    resolves every path: `/api/v1/nope/` would become a 302 to `/en/api/v1/nope/` (an HTML page)
    instead of the API's JSON 404."""

    def process_response(self, request, response):
        if not request.path_info.startswith("/api/"):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Language",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
