"""What holds for the whole API, whatever endpoints it has: the schema, its documentation pages,
the error shape, throttling, CORS, and schemathesis run against every operation the schema lists."""

import io
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import hypothesis
import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from django.test import override_settings
from drf_spectacular.generators import EndpointEnumerator
from drf_spectacular.management.commands.spectacular import SchemaGenerationError
from rest_framework import throttling
from rest_framework.settings import api_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.models import APIToken

from events.models import EventPage
from members.models import MemberPage
from portal.api.models import ApiSettings
from portal.news.models import NewsPage
from portal.publications.models import PublicationPage
from showcases.models import ShowcasePage
from tests.conftest import build_demo_site

pytestmark = pytest.mark.django_db

DEMO_EDITOR = "member@demo.test"  # an admin of a demo member's team (members/demo.py)
MAX_EXAMPLES = 10  # per operation (plus schemathesis's coverage cases): the whole run stays near a minute


def assert_error_shape(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    return error


# --- the schema -------------------------------------------------------------------------------


def test_schema_generates_valid_openapi_3_without_warnings(tmp_path, capsys):
    out = tmp_path / "schema.yml"
    try:
        call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out), stdout=io.StringIO())
    except SchemaGenerationError:
        pytest.fail("drf-spectacular warned:\n" + capsys.readouterr().err)
    assert out.read_text().startswith("openapi: 3.")


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "{}", path)  # the schema renames {pk} after the lookup field


def test_schema_lists_every_v1_operation(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    documented = {(_shape(path), method) for path, operations in schema["paths"].items() for method in operations}
    routed = {
        (_shape(path), method.lower())
        for path, _regex, method, _view in EndpointEnumerator().get_api_endpoints()
        if path.startswith("/api/v1/")
    }
    assert routed - documented == set()


# --- the documentation pages ------------------------------------------------------------------


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.urls.append(value)


@pytest.mark.parametrize("path", ["/api/docs/", "/api/docs/redoc/"])
def test_docs_render_with_assets_served_by_the_portal(client, settings, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    parser = _Assets()
    parser.feed(html)
    assert parser.urls, "no script or stylesheet found"
    for url in parser.urls:
        parts = urlsplit(url)
        assert parts.netloc in ("", "testserver"), url
        assert not url.startswith("//"), url
    assert not re.search(r"https?://(?!testserver)[^\s\"']+\.(js|css)", html)  # nor loaded from a script
    for url in parser.urls:
        if url.startswith(settings.STATIC_URL):
            assert finders.find(url.removeprefix(settings.STATIC_URL)), url


# --- errors and limits ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/nope/", "/api/nope", "/api/v1/", "/api/v2/nope/"])
def test_unknown_paths_are_json_404s_in_the_error_shape(client, path):
    error = assert_error_shape(client.get(path), 404)
    assert error["code"] == "not_found"


@pytest.fixture
def anon_rate_3_per_minute(settings, monkeypatch):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "3/minute"},
    }
    # DRF binds the rates to the throttle class when it is imported: point it at the new ones.
    monkeypatch.setattr(throttling.SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)


def test_the_fourth_anonymous_request_in_a_minute_is_throttled(client, demo_site, anon_rate_3_per_minute):
    for _ in range(3):
        assert client.get("/api/v2/pages/").status_code == 200
    response = client.get("/api/v1/nope/")  # the limit is per client, across the API
    error = assert_error_shape(response, 429)
    assert error["code"] == "throttled"
    assert int(response["Retry-After"]) > 0


def test_a_forged_forwarded_for_header_does_not_reset_the_limit(client, demo_site, anon_rate_3_per_minute):
    for number in range(3):
        assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").status_code == 200

    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429


def test_behind_our_proxy_the_limit_follows_the_address_it_saw(client, demo_site, anon_rate_3_per_minute, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):  # the client's own entries come before the proxy's
        assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.9").status_code == 200

    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="4.4.4.4, 203.0.113.9").status_code == 429
    assert client.get("/api/v2/pages/", HTTP_X_FORWARDED_FOR="203.0.113.10").status_code == 200


# --- CORS -------------------------------------------------------------------------------------

OTHER = "https://other.example"


def preflight(client, method: str):
    return client.options("/api/v2/pages/", HTTP_ORIGIN=OTHER, HTTP_ACCESS_CONTROL_REQUEST_METHOD=method)


def test_any_origin_may_read(client, demo_site):
    response = client.get("/api/v2/pages/", HTTP_ORIGIN=OTHER)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] in (OTHER, "*")
    assert preflight(client, "GET").has_header("Access-Control-Allow-Origin")


def test_only_allowed_origins_may_write(client, demo_site):
    assert not preflight(client, "POST").has_header("Access-Control-Allow-Origin")

    api_settings_ = ApiSettings.load()
    api_settings_.write_origins = f"https://member-city.example\n{OTHER}/\n"
    api_settings_.save()

    response = preflight(client, "POST")
    assert response["Access-Control-Allow-Origin"] == OTHER
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert not client.options(
        "/api/v2/pages/", HTTP_ORIGIN="https://third.example", HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
    ).has_header("Access-Control-Allow-Origin")


# --- schemathesis on every operation ----------------------------------------------------------


@pytest.fixture(scope="module")
def media_root(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def media(settings, media_root):
    """One media folder for the module (tests/api/conftest.py gives each test its own), where
    the demo data's images are."""
    settings.MEDIA_ROOT = media_root


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, media_root):
    """The demo site with members, events, news, showcases and publications, made once for all
    the operations and rolled back after them (each test's own transaction nests inside this one)."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        build_demo_site(
            with_members=True, with_events=True, with_news=True, with_showcases=True, with_publications=True
        )
        yield
        transaction.set_rollback(True)


@pytest.fixture
def no_throttling(settings, monkeypatch):
    """Throttling has its own test; here it would only turn the later examples into 429s."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    monkeypatch.setattr(throttling.SimpleRateThrottle, "THROTTLE_RATES", api_settings.DEFAULT_THROTTLE_RATES)


@pytest.fixture
def kept_connection():
    """Schemathesis calls the WSGI application itself, whose request_finished signal closes the
    database connection, and with it the test's transaction (PostgreSQL). Django's test client
    disconnects that receiver around each request; so does this, for the whole test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# What the API promises. Left out: positive_data_acceptance (a filter naming a member that does
# not exist is a 400, which the schema cannot know) and negative_data_rejection (DRF ignores
# a malformed page_size and uses the default, on purpose).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

# Loaded from /api/schema/ when the tests are collected (it needs no database), so each operation
# the schema lists then is a test of its own.
schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True, no_shrink=True)  # fast, reproducible


@schema.parametrize()
# The database and settings fixtures stay the same across one operation's examples, on purpose.
@hypothesis.settings(
    max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture]
)
def test_every_operation_keeps_to_the_schema(case, demo_data, db, no_throttling, kept_connection):
    """No 500 and no response that breaks the schema (status, content type, headers, body), for
    anonymous clients, with valid and invalid input."""
    case.call_and_validate(checks=CHECKS)


# The generated examples try a few ids; these try every object the demo data has, so that each
# shape real content takes (an event without a registration link, a member without a logo) is
# checked against the schema, whatever ids the database handed out.
DETAIL_OPERATIONS = {
    "/api/v1/events/{id}/": EventPage,
    "/api/v1/members/{id}/": MemberPage,
    "/api/v1/news/{id}/": NewsPage,
    "/api/v1/publications/{id}/": PublicationPage,
    "/api/v1/showcases/{id}/": ShowcasePage,
}


@pytest.mark.parametrize("path", DETAIL_OPERATIONS)
def test_every_demo_object_keeps_to_the_schema(path, demo_data, db, no_throttling, kept_connection):
    model = DETAIL_OPERATIONS[path]
    ids = model.objects.live().values_list("pk", flat=True)
    assert ids, f"the demo data has no {model.__name__}"
    operation = schema[path]["GET"]
    for pk in ids:
        operation.Case(path_parameters={"id": pk}).call_and_validate(checks=CHECKS)


@pytest.fixture
def editor_token(demo_data, db) -> dict:
    """A member editor's personal API token, as the Authorization header (schemathesis's WSGI
    client keeps its own cookie jar and drops a Cookie header, so no session here)."""
    _token, key = APIToken.create_token(user=get_user_model().objects.get(email=DEMO_EDITOR), name="schemathesis")
    return {"Authorization": f"Bearer {key}"}


@schema.parametrize()
@hypothesis.settings(
    max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture]
)
def test_every_operation_keeps_to_the_schema_for_a_member_editor(case, editor_token, no_throttling, kept_connection):
    """The same for a member editor's token, which gets past the permission checks."""
    case.call_and_validate(checks=CHECKS, headers=editor_token)
