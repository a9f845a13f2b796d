"""The Content Security Policy of each area of the site.

One strict policy (`CONTENT_SECURITY_POLICY`) for everything, and for the few areas whose
third-party code cannot live with it (`CONTENT_SECURITY_POLICY_AREAS`: a path prefix and the
directives it replaces), only those directives loosened. Wagtail's admin has hundreds of views
we don't own, so the area is chosen here by path rather than by decorating views."""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class AreaCSPMiddleware(CSPMiddleware):
    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.replace is None:  # a view's own @csp_replace wins
            if getattr(request, "is_preview", False):
                # Wagtail renders a preview through this middleware at the page's public path,
                # for the editor's preview panel, which frames it.
                parts.replace = {"frame-ancestors": [SELF]}
            else:
                parts.replace = area_directives(request.path_info)
        return parts


def area_directives(path: str) -> dict[str, list[str]] | None:
    """The directives replaced for the area the path is in (the longest matching prefix)."""
    matches = [prefix for prefix in settings.CONTENT_SECURITY_POLICY_AREAS if path.startswith(prefix)]
    return settings.CONTENT_SECURITY_POLICY_AREAS[max(matches, key=len)] if matches else None
