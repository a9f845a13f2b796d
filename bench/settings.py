"""The portal as `make bench` serves it: the shared settings with DEBUG off, and the page cache
as PAGE_CACHE_SECONDS says (300 unless set; 0 is the cold phase). Not production's: that one
redirects plain HTTP to HTTPS and wants collected static files."""

from portal.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "bench-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
