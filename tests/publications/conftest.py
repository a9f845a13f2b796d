import pytest

from tests.publication_fixtures import library, make_document, make_publication  # noqa: F401


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # documents, covers and renditions stay out of var/media
