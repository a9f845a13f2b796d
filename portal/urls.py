from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from events import feeds
from frontend import views as frontend_views

from . import discovery, sitemaps, views
from .search import views as search_views

urlpatterns = [
    # Wagtail's own sign-in form would skip allauth's two-factor step: everyone signs in through allauth.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("portal.api.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("events/feed.ics", feeds.diary_feed, name="events_feed"),
    path("events/<int:event_id>.ics", feeds.event_feed, name="event_ics"),
    path("robots.txt", discovery.robots_txt, name="robots_txt"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap_section"),
]

# Account pages carry the language like every public page, so links in
# verification and reset emails open in the language the visitor used.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path(_("members-area/"), include("members.urls")),
    path(_("search/"), search_views.search, name="search"),
    path(_("pattern-library/"), frontend_views.pattern_library, name="pattern_library"),
    path("", include(wagtail_urls)),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
