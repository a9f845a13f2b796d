"""Local development: safe defaults, so `make run` needs no configuration."""

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-not-secret")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

LINKCHECK_ALLOW_PRIVATE_ADDRESSES = True
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "0"))  # off, so template edits show at once
