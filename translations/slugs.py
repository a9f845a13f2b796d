"""Translated slugs at scale: wagtail-modeltranslation routes to a child page, and checks a new
slug against its siblings, by building every sibling in Python, which takes seconds per request
and per save under a diary of 20,000 events. These ask the database instead."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language, gettext, override
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.url_routing import RouteResult

# Wagtail's own message, so Wagtail's catalogues translate it.
SLUG_IN_USE = "The slug '%(page_slug)s' is already in use within the parent page at '%(parent_url_path)s'."


def _slug_matches(field: str, slug: str) -> Q:
    """Pages whose slug, read in the language of `field` with the English fallback, is `slug`."""
    untranslated = Q(**{f"{field}__isnull": True}) | Q(**{field: ""})
    return Q(**{field: slug}) | (untranslated & Q(slug_en=slug))


def validate_slugs(page) -> dict[str, str]:
    """The same rule as wagtail-modeltranslation's: in no language may a page's slug (with the
    fallback) equal a sibling's, one query per language."""
    parent = page.get_parent()
    if parent is None:
        return {}
    siblings = page.get_siblings(inclusive=False)
    errors = {}
    for code in mt_settings.AVAILABLE_LANGUAGES:
        with override(code):
            slug = page.slug
        field = build_localized_fieldname("slug", code)
        if slug and siblings.filter(_slug_matches(field, slug)).exists():
            errors[field] = gettext(SLUG_IN_USE) % {"page_slug": slug, "parent_url_path": parent.url}
    return errors


class TranslatedSlugRoutingMixin:
    """Routes to the one child whose slug in the active language (or, where that is empty, in
    English) matches. A routable page's own sub-URLs (the news feeds) come first."""

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        if isinstance(self, RoutablePageMixin) and self.live:
            try:
                match = self.resolve_subpage("/" + "/".join(path_components) + "/")
            except Http404:
                pass
            else:
                request.routable_resolver_match = match
                return RouteResult(self, args=tuple(match))
        slug, rest = path_components[0], path_components[1:]
        field = build_localized_fieldname("slug", get_language() or "en")
        child = self.get_children().filter(_slug_matches(field, slug)).first()
        if child is None:
            raise Http404
        return child.specific.route(request, rest)
