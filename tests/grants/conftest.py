import pytest

from members.grants.models import SponsorCode

from .server import TOKEN, GrantsServer


@pytest.fixture
def grants_server():
    server = GrantsServer().start()
    yield server
    server.stop()


@pytest.fixture
def grants_api(db, settings, grants_server) -> GrantsServer:
    """The sync pointed at the local server, with backoffs short enough for tests."""
    settings.GRANTS_API_URL = grants_server.url
    settings.GRANTS_API_TOKEN = TOKEN
    settings.GRANTS_API_TIMEOUT_SECONDS = 2
    settings.GRANTS_API_MAX_RETRIES = 2
    settings.GRANTS_API_BACKOFF_SECONDS = 0.01
    settings.GRANTS_API_BACKOFF_MAX_SECONDS = 0.05
    settings.GRANTS_API_RETRY_AFTER_MAX_SECONDS = 5
    return grants_server


@pytest.fixture
def sponsor_codes(member_a, member_b) -> dict[str, int]:
    """The grants codes the server's records use, as the communications team would set them."""
    SponsorCode.objects.create(code="WB", member=member_a)
    SponsorCode.objects.create(code="AFD", member=member_b)
    return {"WB": member_a.pk, "AFD": member_b.pk}
