import os

import pytest
from django.conf import settings

from frontend.audits import CHROMIUM, CHROMIUM_FLAGS
from tests.conftest import build_demo_site

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses that by default.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # The machines can't download Playwright's browsers: drive Debian's Chromium.
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def site_url(live_server, transactional_db):
    build_demo_site()
    return live_server.url


@pytest.fixture
def site_with_members_url(live_server, transactional_db):
    build_demo_site(with_members=True)
    return live_server.url


# Lighthouse and axe audit what the browser is sent, which doesn't change with the database:
# they run in the SQLite pass of CI only, where they cost a third of the browser tests' time.
audits_once = pytest.mark.skipif(
    "postgresql" in settings.DATABASES["default"]["ENGINE"], reason="audited in the SQLite run"
)
