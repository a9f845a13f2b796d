"""Settings shared by every environment. Values that differ come from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    return env(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
IS_PRODUCTION = False

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before any app that defines Page subclasses.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "portal",
    "members",
    "events",
    "showcases",
    "portal.news",
    "portal.publications",
    "portal.applications",
    "translations",
    "portal.api",
    "portal.background",
    "frontend",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.csp.AreaCSPMiddleware",  # CONTENT_SECURITY_POLICY, loosened per area
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.PageCacheMiddleware",  # before sessions: a cached page needs nothing below
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.api.middleware.LocaleMiddleware",  # Django's, with JSON 404s under /api/
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.RequireStaffTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages: English is the default and the fallback of every translated field.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ar", "العربية"),
    ("zh-hans", "简体中文"),
    ("fr", "Français"),
    ("ja", "日本語"),
    ("pt", "Português"),
    ("ru", "Русский"),
    ("es", "Español"),
    ("sw", "Kiswahili"),
]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# Ours first; then allauth's strings in the languages its own catalogues lack (pt, sw).
LOCALE_PATHS = [BASE_DIR / "translations" / "locale", BASE_DIR / "translations" / "locale_thirdparty"]
LANGUAGE_COOKIE_NAME = "portal_language"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
WAGTAIL_I18N_ENABLED = False  # one tree; content is translated field by field

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "frontend" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "applications": {"BACKEND": "portal.applications.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Content Security Policy (portal/csp.py), sent by every environment: nothing inline, nothing from
# another host but the video players of showcase stories (and uploads, if MEDIA_URL names a host).
_media = urlsplit(MEDIA_URL)
_VIDEO_PLAYERS = ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([f"{_media.scheme}://{_media.netloc}"] if _media.netloc else [])],
        "frame-src": _VIDEO_PLAYERS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The directives that a path prefix's third-party pages need instead (tests/security/test_content_security_policy.py
# finds them in Chromium). Wagtail's admin runs inline scripts (widgets' set-up, wagtail-modeltranslation's
# settings) and Draftail writes <style> elements; the page editor's preview panel frames the admin itself.
CONTENT_SECURITY_POLICY_AREAS = {
    "/admin/": {
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "frame-src": [SELF, *_VIDEO_PLAYERS],
        "frame-ancestors": [SELF],
    },
    # Redoc's styled-components write <style> elements, and its search runs in a worker made from a blob.
    "/api/docs/redoc/": {"style-src": [SELF, UNSAFE_INLINE], "worker-src": ["blob:"]},
}

# Public pages cached whole for visitors who are not signed in (portal/page_cache.py), in the
# "pages" cache if CACHES has one, else "default"; 0 turns it off. Publishing drops them at once;
# the timeout bounds what changes with the date alone, such as upcoming events becoming past.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
# A CDN or proxy in front, purged when pages are published, unpublished, moved or deleted:
# an HTTP PURGE endpoint (Varnish, nginx), Cloudflare, or CloudFront; none unless set.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("FRONTEND_CACHE_CLOUDFLARE_TOKEN"),
        "ZONEID": env("FRONTEND_CACHE_CLOUDFLARE_ZONE_ID"),
    }
if env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION_ID"),
    }

# Wagtail
WAGTAIL_SITE_NAME = "Alliance Portal"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the machines have no route to the internet
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's database backend (SQLite FTS5 or PostgreSQL), indexing only filled language fields.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search.index_backend"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "csv", "txt", "zip", "pptx"]
# Uploads: refuse what is not an image we serve, too heavy, or a decompression bomb
# (Wagtail reads the pixel count from the header before decoding anything).
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "portal.images.ImageForm"  # a damaged file gets a message, not an error
WAGTAILADMIN_PERMITTED_LANGUAGES = [(code, name) for code, name in LANGUAGES]

# Accounts (django-allauth): email only, verified, rate limited, no user enumeration.
LOGIN_URL = "account_login"
WAGTAILADMIN_LOGIN_URL = LOGIN_URL  # allauth's, with its second factor; portal/urls.py closes Wagtail's own
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Alliance Portal] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", "http")
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Alliance Portal"
MFA_TOTP_TOLERANCE = 1  # one period either side, for phones whose clocks drift
# The communications team and superusers must set up two-factor sign-in before they reach the
# admin or the members' area (members/middleware.py). Always on in production; the test settings
# turn it off, and the tests of the requirement turn it back on.
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)

# Mail is queued for the background worker, which sends it with EMAIL_DELIVERY_BACKEND (portal/background/mail.py).
EMAIL_BACKEND = "portal.background.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Alliance Portal <portal@alliance.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who hears of a background task that failed for good: comma-separated addresses.
ADMINS = [(address, address) for address in env_list("ADMINS")]

# Background work (django-tasks with the database backend): `manage.py run_worker` runs what is
# queued and, on this schedule, the periodic tasks. A failed task is tried again after each of
# these delays, then logged as an error and mailed to ADMINS.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
TASK_SCHEDULE = {
    "members.tasks.sync_grants": timedelta(hours=1),
    "events.tasks.import_calendars": timedelta(hours=4),
    "members.tasks.check_links": timedelta(days=1),
}
TASK_RETRY_DELAYS = [60, 5 * 60, 30 * 60]

# The member link checker. Private and loopback addresses are refused unless allowed
# (development and tests, whose servers listen on 127.0.0.1).
LINKCHECK_ALLOW_PRIVATE_ADDRESSES = env_bool("LINKCHECK_ALLOW_PRIVATE_ADDRESSES")
LINKCHECK_TIMEOUT_SECONDS = float(env("LINKCHECK_TIMEOUT_SECONDS", "10"))
LINKCHECK_CONCURRENCY = int(env("LINKCHECK_CONCURRENCY", "10"))

# The secretariat's grants API (docs/grants-api.yaml). A local folder of JSON pages is the
# embedded default: the demo's sample data set.
GRANTS_API_URL = env("GRANTS_API_URL", str(BASE_DIR / "members" / "grants" / "sample"))
GRANTS_API_TOKEN = env("GRANTS_API_TOKEN")
GRANTS_API_TIMEOUT_SECONDS = float(env("GRANTS_API_TIMEOUT_SECONDS", "10"))
GRANTS_API_MAX_RETRIES = int(env("GRANTS_API_MAX_RETRIES", "4"))

CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# The events diary: how many events one account may post in a day, and how far ahead
# repeats in members' imported calendars are brought in.
EVENTS_POSTS_PER_DAY = int(env("EVENTS_POSTS_PER_DAY", "10"))
EVENTS_IMPORT_HORIZON_DAYS = int(env("EVENTS_IMPORT_HORIZON_DAYS", "365"))
EVENTS_IMPORT_TIMEOUT_SECONDS = float(env("EVENTS_IMPORT_TIMEOUT_SECONDS", "10"))
EVENTS_IMPORT_TOTAL_TIMEOUT_SECONDS = float(env("EVENTS_IMPORT_TOTAL_TIMEOUT_SECONDS", "60"))

# The application form: the largest attachment accepted, how many applications one address may
# send in an hour, and the folder (outside MEDIA_ROOT, never served) that keeps the attachments.
APPLICATIONS_MAX_UPLOAD_BYTES = int(env("APPLICATIONS_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
APPLICATIONS_PER_HOUR = int(env("APPLICATIONS_PER_HOUR", "5"))
APPLICATIONS_PRIVATE_ROOT = Path(env("APPLICATIONS_PRIVATE_ROOT", str(BASE_DIR / "var" / "private" / "applications")))

# Machine translation as a first draft of a page's empty fields (translations/machine.py): off
# unless a service is named, "libretranslate" or "deepl". The URL defaults to the service's own.
TRANSLATION_PROVIDER = env("TRANSLATION_PROVIDER")
TRANSLATION_PROVIDER_URL = env("TRANSLATION_PROVIDER_URL")
TRANSLATION_PROVIDER_API_KEY = env("TRANSLATION_PROVIDER_API_KEY")
TRANSLATION_PROVIDER_TIMEOUT_SECONDS = float(env("TRANSLATION_PROVIDER_TIMEOUT_SECONDS", "30"))
TRANSLATION_PROVIDER_CONNECT_TIMEOUT_SECONDS = float(env("TRANSLATION_PROVIDER_CONNECT_TIMEOUT_SECONDS", "5"))

# The REST API at /api/v1/ (portal/api/): public reads, cursor pages, one error shape.
API_PAGE_SIZE = int(env("API_PAGE_SIZE", "20"))
API_MAX_PAGE_SIZE = int(env("API_MAX_PAGE_SIZE", "100"))
# How many proxies of ours add to X-Forwarded-For (the load balancer: 1). Clients can forge the
# header, so only that many entries from its end are believed, by allauth's and the API's limits.
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

REST_FRAMEWORK = {
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.authentication.PersonalTokenAuthentication",  # first: anonymous requests get 401, not 403
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_ANON_RATE", "120/minute"),
        "user": env("API_USER_RATE", "600/minute"),
    },
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Alliance Portal API",
    "DESCRIPTION": "Members, showcases, events, news and publications of the Alliance, in nine languages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "PREPROCESSING_HOOKS": ["portal.api.schema.public_endpoints_only"],
    "SWAGGER_UI_DIST": "SIDECAR",  # served by the portal itself, no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": LANGUAGES,  # the language of a text and the languages of an event: one choice set
        "ProposalStatusEnum": "members.grants.models.ProposalStatus",
    },
}
CORS_URLS_REGEX = r"^/api/.*$"  # reads from anywhere, writes from the origins in the API settings (portal/api/cors.py)
