"""Whole public pages kept in Django's cache for visitors who are not signed in, and the purge
of a CDN in front (Wagtail's front-end cache) when pages change.

A hit is answered before sessions, locale, authentication or any database query. The key is
the scheme, host, full path with query string and the visitor's time zone cookie (event times
are shown in it). Each entry carries the cache "generation" it was rendered under, and any
publish, unpublish, move or delete of a page, or save of something pages display (snippets,
settings, images, documents, sites, service standards), bumps the generation: content of one
page shows on many others (the home page lists news and events, index pages their children),
so everything is dropped at once rather than guessing which pages a change reaches. Events
turning from upcoming to past change no row at all: entries expire after PAGE_CACHE_SECONDS.
"""

import hashlib
import time
from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move
from wagtail.snippets.models import get_snippet_models

from events.views import visitor_zone
from members.grants.models import ServiceStandard

GENERATION_KEY = "page_cache:generation"
# The only Vary a stored page may carry. Cookie: the cookies a page can depend on are the session
# and messages cookies, whose holders never use the cache, and the time zone, which is in the key.
# Origin: django-cors-headers adds it everywhere, but answers the origin only under /api/.
STORABLE_VARY = {"cookie", "origin"}
UNCACHEABLE_CONTROL = ("private", "no-store", "no-cache")


def page_cache():
    """The "pages" cache when one is configured (production can give pages their own Redis
    database), else the default cache."""
    return caches["pages" if "pages" in settings.CACHES else "default"]


@cache
def _paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Where cached pages live (under a language prefix, so neither Accept-Language nor the
    language cookie changes them) and the personal or form-handling paths among them."""
    prefixes, excluded = [], []
    for code, _name in settings.LANGUAGES:
        prefixes.append(f"/{code}/")
        excluded += [f"/{code}/accounts/", f"/{code}/_util/"]  # _util: Wagtail's page password form
        with translation.override(code):
            excluded.append(reverse("members:dashboard"))
    return tuple(prefixes), tuple(excluded)


def _key(request) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Django answers it with a 400
    zone = visitor_zone(request)
    raw = f"{request.scheme}://{host}{request.get_full_path()}|{zone or ''}"
    return "page_cache:" + hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()


def _anonymous_request(request) -> bool:
    path = request.path_info
    prefixes, excluded = _paths()
    if not path.startswith(prefixes) or path.startswith(excluded) or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _storable(request, response) -> bool:
    """Only a page that is the same for every anonymous visitor: no cookie set (a page with a CSRF
    token always sets or renews the CSRF cookie, so forms are never stored), nothing private,
    nothing varying on what the key lacks."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "Access-Control-Allow-Origin" in response:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in UNCACHEABLE_CONTROL):
        return False
    vary = {field.strip().lower() for field in response.get("Vary", "").split(",") if field.strip()}
    return vary <= STORABLE_VARY


class PageCacheMiddleware:
    """Right after SecurityMiddleware and WhiteNoise: a hit skips every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD") or not _anonymous_request(request):
            return self.get_response(request)
        key = _key(request)
        if key is None:
            return self.get_response(request)
        store = page_cache()
        found = store.get_many([GENERATION_KEY, key])
        generation, entry = found.get(GENERATION_KEY), found.get(key)
        if entry is not None and entry[0] == generation:
            response = HttpResponse(entry[1], headers=entry[2])
            response["X-Cache"] = "hit"
            return response
        if generation is None:
            generation = _start_generation(store)
        response = self.get_response(request)
        # HEAD is answered from a GET's entry but never stored: its body may be empty.
        if request.method == "GET" and _storable(request, response):
            store.set(key, (generation, response.content, list(response.items())), seconds)
            response["X-Cache"] = "miss"
        return response


def _start_generation(store) -> int:
    # From the clock, not 0: if the key is ever evicted, no older entry can match the new value.
    store.add(GENERATION_KEY, time.time_ns(), timeout=None)
    return store.get(GENERATION_KEY)


def invalidate() -> None:
    """Drop every cached page, now and again once the transaction commits: a page rendered
    from the old rows in between cannot then be stored under the generation that follows."""
    _bump()
    transaction.on_commit(_bump)


def _bump() -> None:
    store = page_cache()
    try:
        store.incr(GENERATION_KEY)
    except ValueError:
        _start_generation(store)


def _shown_on_pages(model) -> bool:
    # Not cached: at ready() Wagtail has not registered the snippets yet (wagtail.snippets comes later).
    shown = (AbstractImage, AbstractDocument, BaseSiteSetting, BaseGenericSetting, Site, ServiceStandard)
    return issubclass(model, shown) or model in get_snippet_models()


def _page_changed(sender, instance, **kwargs):
    invalidate()
    purge_frontend_cache(instance)


def _leaving(sender, instance, **kwargs):
    purge_frontend_cache(instance)  # its old URLs, while it still has them


def _deleting(sender, instance, **kwargs):
    if isinstance(instance, Page):
        _leaving(sender, instance)


def _saved(sender, **kwargs):
    if _shown_on_pages(sender):
        invalidate()


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) or _shown_on_pages(sender):
        invalidate()


def purge_frontend_cache(page) -> None:
    """Ask the CDN (WAGTAILFRONTENDCACHE) to forget the page and the pages above it, which list
    it, in every language: slugs are translated, so each language has its own URLs. Snippet and
    setting changes are left to the CDN's own expiry."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    pages = [page, *page.get_ancestors().filter(depth__gt=1).specific()]
    batch = PurgeBatch()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            batch.add_pages(pages)
    batch.purge()


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="page_cache.published")
    page_unpublished.connect(_page_changed, dispatch_uid="page_cache.unpublished")
    pre_page_move.connect(_leaving, dispatch_uid="page_cache.moving")
    post_page_move.connect(_page_changed, dispatch_uid="page_cache.moved")
    # Delete receivers only on the models pages show: one on every model would turn each bulk
    # delete in the project into a select of the rows first (Django's fast delete needs none).
    for model in apps.get_models():
        if issubclass(model, Page) or _shown_on_pages(model):
            pre_delete.connect(_deleting, sender=model, dispatch_uid=f"page_cache.deleting.{model._meta.label}")
            post_delete.connect(_deleted, sender=model, dispatch_uid=f"page_cache.deleted.{model._meta.label}")
    post_save.connect(_saved, dispatch_uid="page_cache.saved")
