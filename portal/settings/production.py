"""Production: every secret and host comes from the environment; nothing has a default."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CONTENT_SECURITY_POLICY, env, env_bool, env_list

IS_PRODUCTION = True
DEBUG = False

SECRET_KEY = env("SECRET_KEY")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50 characters or more.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
MFA_REQUIRED_FOR_STAFF = True  # whatever the environment says: these accounts can change the whole site

# App servers keep no state of their own, so any number can run. The cache (cached pages and their
# invalidation, sign-in rate limits, sessions) is one Redis they all share.
REDIS_URL = env("REDIS_URL")
if not REDIS_URL:
    raise ImproperlyConfigured("REDIS_URL must name the Redis server the app servers share, e.g. redis://host:6379/0.")
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        # A Redis that is away makes pages slower, not errors: each miss is logged and rendered.
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Read from Redis, written to the database too: restarting Redis signs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Uploads on S3-compatible object storage when a bucket is named (images, renditions and documents
# in the public one, applicants' attachments in a private one behind signed links); otherwise on
# MEDIA_ROOT and APPLICATIONS_PRIVATE_ROOT, which must then be volumes every app server mounts.
# Credentials come from the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY or the instance's role.
if env("AWS_STORAGE_BUCKET_NAME"):
    _s3 = {
        "endpoint_url": env("AWS_S3_ENDPOINT_URL") or None,
        "region_name": env("AWS_S3_REGION_NAME") or None,
        "file_overwrite": False,
    }
    _media = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
        },
    }
    _applications = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3,
            "bucket_name": env("AWS_PRIVATE_BUCKET_NAME"),
            "location": "applications",
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }
    if not env("AWS_PRIVATE_BUCKET_NAME"):
        raise ImproperlyConfigured("AWS_PRIVATE_BUCKET_NAME must name the bucket for applicants' attachments.")
    _media_host = env("AWS_S3_CUSTOM_DOMAIN") or urlsplit(env("AWS_S3_ENDPOINT_URL")).netloc
    if _media_host:
        MEDIA_URL = f"https://{_media_host}/"
        CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"https://{_media_host}")
else:
    _media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    _applications = {"BACKEND": "portal.applications.storage.PrivateStorage"}
STORAGES = {
    "default": _media,
    "applications": _applications,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# No demo proposals in production: the sync fails loudly until the real API is configured.
GRANTS_API_URL = env("GRANTS_API_URL")
