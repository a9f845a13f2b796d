"""Running on several machines: the production settings put the cache, sessions and uploads where
every app server sees them, and a real Redis (started here) serves the cache and sessions."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from portal.demo_content import DEMO_PASSWORD
from tests.conftest import build_demo_site

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_ENV = ROOT / "portal" / "settings" / "production.env.example"


def production_settings(**overrides: str) -> subprocess.CompletedProcess:
    """Load portal.settings.production in a fresh interpreter with the example environment file,
    as `make prod-check` does, and print what a deploy cares about."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    for line in EXAMPLE_ENV.read_text().splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value.strip('"')
    env.update(SECRET_KEY="s" * 60, **overrides)
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'cache': s.CACHES['default']['BACKEND'], 'sessions': s.SESSION_ENGINE, "
        "'storages': {k: v['BACKEND'] for k, v in s.STORAGES.items()}, "
        "'private': s.STORAGES['applications'].get('OPTIONS', {}), 'media_url': s.MEDIA_URL, "
        "'img_src': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_production_shares_cache_sessions_and_uploads_between_app_servers():
    loaded = production_settings()

    assert loaded.returncode == 0, loaded.stderr
    result = json.loads(loaded.stdout)
    assert result["cache"] == "django_redis.cache.RedisCache"
    assert result["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert result["storages"]["default"] == result["storages"]["applications"] == "storages.backends.s3.S3Storage"
    assert result["private"]["bucket_name"] == "alliance-portal-private"
    assert (result["private"]["default_acl"], result["private"]["querystring_auth"]) == ("private", True)
    assert result["media_url"] == "https://media.alliance.example/"
    assert "https://media.alliance.example" in result["img_src"]  # the CSP lets the pages show the images


def test_without_a_bucket_uploads_stay_on_the_shared_folders():
    result = json.loads(production_settings(AWS_STORAGE_BUCKET_NAME="").stdout)

    assert result["storages"]["default"] == "django.core.files.storage.FileSystemStorage"
    assert result["storages"]["applications"] == "portal.applications.storage.PrivateStorage"


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("REDIS_URL", "REDIS_URL must name the Redis server"),
        ("AWS_PRIVATE_BUCKET_NAME", "AWS_PRIVATE_BUCKET_NAME must"),
    ],
)
def test_production_refuses_to_start_without_shared_state(missing, message):
    loaded = production_settings(**{missing: ""})

    assert loaded.returncode != 0
    assert message in loaded.stderr


@pytest.fixture(scope="module")
def redis_server():
    server = shutil.which("redis-server")
    if not server:
        pytest.fail("redis-server is missing: `make system-packages` installs it")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _attempt in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield process, port, client
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def redis_cache(redis_server, settings):
    _process, port, client = redis_server
    client.flushall()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
        }
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.PAGE_CACHE_SECONDS = 300
    return client


def test_a_page_cached_by_one_app_server_is_served_by_another_from_redis(redis_cache, db, django_assert_num_queries):
    build_demo_site(with_members=True)
    first_server, second_server = Client(), Client()

    rendered = first_server.get("/en/")
    assert rendered.status_code == 200
    assert redis_cache.dbsize() > 0
    with django_assert_num_queries(0):
        served = second_server.get("/en/")
    assert served.content == rendered.content


def test_a_signed_in_session_lives_in_redis_and_survives_its_restart(redis_server, redis_cache, db):
    build_demo_site(with_members=True)
    browser = Client()
    response = browser.post("/en/accounts/login/", {"login": "member@demo.test", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    session_key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert any(session_key.encode() in key for key in redis_cache.keys("*"))

    redis_cache.flushall()  # Redis restarted empty

    dashboard = browser.get("/en/members-area/")
    assert dashboard.status_code == 200  # not sent to sign in
    assert get_user_model().objects.get(email="member@demo.test").email in dashboard.content.decode()


def test_pages_still_render_while_redis_is_away(settings, db):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",  # nothing listens there
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
        }
    }
    settings.PAGE_CACHE_SECONDS = 300
    build_demo_site(with_members=True)

    assert Client().get("/en/").status_code == 200
    assert Client().get("/en/members/").status_code == 200
