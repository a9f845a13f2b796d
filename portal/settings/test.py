from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND
# Tasks run where they are queued; the worker's tests switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Off, so a test's second request still renders and counts its queries: tests/portal/test_page_cache.py
# turns the cache on.
PAGE_CACHE_SECONDS = 0
LINKCHECK_ALLOW_PRIVATE_ADDRESSES = True
LINKCHECK_TIMEOUT_SECONDS = 1.0
# Tests sign the communications team in with a password (login_as) in many places, and a TOTP
# code is accepted once: tests/accounts/test_required_mfa.py turns the requirement on.
MFA_REQUIRED_FOR_STAFF = False
