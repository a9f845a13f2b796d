import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from tests.publication_fixtures import library, make_document, make_publication  # noqa: F401


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # documents, images and renditions stay out of var/media


@pytest.fixture
def api(demo_site) -> APIClient:
    return APIClient()


@pytest.fixture
def count_queries():
    """The queries one GET takes, and its response (asserted 200)."""

    def count(client, path: str, **headers):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **headers)
        assert response.status_code == 200, response.content[:500]
        return len(queries), response

    return count
