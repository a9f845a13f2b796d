"""Personal API tokens: made, listed and revoked in the members' area; read by the API as their user."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken

TOKENS_URL = "members:api_tokens"
PROPOSALS = "/api/v1/proposals/"


@pytest.fixture
def member_user(demo_site):
    return get_user_model().objects.get(email="member@demo.test")


@pytest.fixture
def other_user(demo_site):
    return get_user_model().objects.get(email="member2@demo.test")


def _bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_making_a_token_shows_its_key_once_and_stores_only_its_digest(client, login_as):
    user = login_as("member@demo.test")

    response = client.post(reverse(TOKENS_URL), {"name": "Our website"})

    assert response.status_code == 200
    token = APIToken.objects.get(user=user)
    html = response.content.decode()
    key = html.split('<code class="api-token-key">', 1)[1].split("</code>", 1)[0]
    assert key.startswith(token.prefix) and len(key) > len(token.prefix) + 8
    assert response["Cache-Control"] == "no-store"
    # Only the HMAC-SHA-256 digest is kept: no column holds the key.
    assert token.key_hash in APIToken.candidate_key_hashes(key) and len(token.key_hash) == 64
    stored = APIToken.objects.filter(pk=token.pk).values().get()
    assert all(key not in str(value) for value in stored.values())
    assert token.name == "Our website"
    # Shown once: the list shows the prefix only.
    again = client.get(reverse(TOKENS_URL)).content.decode()
    assert key not in again
    assert token.prefix in again and "Our website" in again


def test_the_list_shows_only_your_own_tokens(client, login_as, other_user):
    APIToken.create_token(user=other_user, name="Someone else's dashboard")
    login_as("member@demo.test")
    client.post(reverse(TOKENS_URL), {"name": "Mine"})

    html = client.get(reverse(TOKENS_URL)).content.decode()

    assert "Mine" in html
    assert "Someone else" not in html


def test_a_name_is_required(client, login_as):
    login_as("member@demo.test")

    response = client.post(reverse(TOKENS_URL), {"name": ""})

    assert response.status_code == 200
    assert not APIToken.objects.exists()
    assert "form-field--error" in response.content.decode()


def test_revoking_needs_a_post_with_the_csrf_token(demo_site, member_user):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(member_user)
    token, key = APIToken.create_token(user=member_user, name="Website")
    url = reverse("members:revoke_api_token", args=[token.pk])

    assert browser.get(url).status_code == 405
    assert browser.post(url).status_code == 403, "no CSRF token"
    token.refresh_from_db()
    assert token.revoked_at is None

    page = browser.get(reverse(TOKENS_URL))
    assert f'action="{url}"' in page.content.decode()
    response = browser.post(url, {"csrfmiddlewaretoken": page.cookies["csrftoken"].value})

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked" in browser.get(reverse(TOKENS_URL)).content.decode()


def test_another_users_token_cannot_be_revoked(client, login_as, other_user):
    theirs, key = APIToken.create_token(user=other_user, name="Theirs")
    login_as("member@demo.test")

    response = client.post(reverse("members:revoke_api_token", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_the_token_pages_need_sign_in(client, demo_site, member_user):
    token, _key = APIToken.create_token(user=member_user, name="Website")
    for method, url in (
        (client.get, reverse(TOKENS_URL)),
        (client.post, reverse(TOKENS_URL)),
        (client.post, reverse("members:revoke_api_token", args=[token.pk])),
    ):
        response = method(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert APIToken.objects.get().revoked_at is None


def test_the_members_area_links_to_the_token_page(client, login_as):
    login_as("member@demo.test")

    assert reverse(TOKENS_URL) in client.get(reverse("members:dashboard")).content.decode()


def test_a_token_authenticates_as_its_user(api, member_user):
    _token, key = APIToken.create_token(user=member_user, name="Website")

    assert api.get(PROPOSALS, **_bearer(key)).status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "Bearer wagtail_notatokenatall",
        "Bearer ",
        "Bearer two parts",
        "Bearer " + "wagtail_" + "0" * 34,
    ],
)
def test_an_unknown_or_malformed_token_is_refused(api, demo_site, header):
    response = api.get(PROPOSALS, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_a_revoked_token_is_refused(api, member_user):
    token, key = APIToken.create_token(user=member_user, name="Website")
    assert api.get(PROPOSALS, **_bearer(key)).status_code == 200
    token.revoke()

    response = api.get(PROPOSALS, **_bearer(key))

    assert response.status_code == 401
    assert response.json() == {
        "error": {
            "status": 401,
            "code": "authentication_failed",
            "message": "This token is not valid or has been revoked.",
        }
    }
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_refused_after_revoking_in_the_members_area(api, client, login_as):
    user = login_as("member@demo.test")
    token, key = APIToken.create_token(user=user, name="Website")
    client.post(reverse("members:revoke_api_token", args=[token.pk]))

    assert api.get(PROPOSALS, **_bearer(key)).status_code == 401


def test_the_token_of_a_deactivated_user_is_refused(api, member_user):
    _token, key = APIToken.create_token(user=member_user, name="Website")
    member_user.is_active = False
    member_user.save()

    assert api.get(PROPOSALS, **_bearer(key)).status_code == 401


def test_last_use_is_written_at_most_once_a_minute(api, member_user):
    token, key = APIToken.create_token(user=member_user, name="Website")
    assert token.last_used_at is None

    api.get(PROPOSALS, **_bearer(key))
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None

    api.get(PROPOSALS, **_bearer(key))
    token.refresh_from_db()
    assert token.last_used_at == first, "not written again within the minute"

    APIToken.objects.filter(pk=token.pk).update(last_used_at=first - timedelta(minutes=2))
    api.get(PROPOSALS, **_bearer(key))
    token.refresh_from_db()
    assert token.last_used_at > first - timedelta(seconds=1)
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)


def test_anonymous_requests_to_a_protected_endpoint_get_401_in_the_error_shape(api, demo_site):
    response = api.get(PROPOSALS)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
