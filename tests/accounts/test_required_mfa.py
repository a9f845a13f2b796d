"""Two-factor sign-in is required of the communications team and superusers (members/middleware.py)."""

import io

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation

from portal import demo, demo_content
from portal.demo_content import DEMO_PASSWORD

ACTIVATE = "/en/accounts/2fa/totp/activate/"
NOTICE = "so it must be protected by two-factor authentication"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True  # the test settings turn it off for the rest of the suite


def _current_totp(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def _members_area(language: str) -> str:
    with translation.override(language):
        return reverse("members:dashboard")


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/", "/en/members-area/", "ar"])
def test_the_communications_team_without_an_authenticator_is_sent_to_set_one_up(client, login_as, path):
    login_as("comms@demo.test")
    path = _members_area("ar") if path == "ar" else path

    response = client.get(path)

    assert response.status_code == 302
    assert response.url.endswith("/accounts/2fa/totp/activate/")


def test_the_set_up_page_says_why_and_sign_out_stays_open(client, login_as):
    login_as("comms@demo.test")

    landing = client.get("/admin/", follow=True)
    assert landing.redirect_chain[0][0] == ACTIVATE
    assert NOTICE in landing.content.decode(), "the first page they land on says why"
    # allauth confirms the password before adding an authenticator, then shows the set-up form.
    if landing.redirect_chain[-1][0].startswith("/en/accounts/reauthenticate/"):
        landing = client.post(landing.redirect_chain[-1][0], {"password": DEMO_PASSWORD}, follow=True)

    assert landing.redirect_chain[-1][0] == ACTIVATE
    assert landing.status_code == 200
    assert 'name="code"' in landing.content.decode()
    assert client.get("/en/").status_code == 200, "the public site stays open"
    client.post("/en/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_once_the_authenticator_is_activated_the_admin_opens(client, login_as):
    user = login_as("comms@demo.test")
    reauthenticate = client.get(ACTIVATE)
    if reauthenticate.status_code == 302:
        client.post(reauthenticate.url, {"password": DEMO_PASSWORD})
    assert client.get(ACTIVATE).status_code == 200
    secret = client.session["mfa.totp.secret"]

    assert client.post(ACTIVATE, {"code": _current_totp(secret)}).status_code == 302

    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get("/admin/").status_code == 200
    assert client.get("/en/members-area/").status_code == 200


def test_a_member_editor_without_an_authenticator_is_not_asked_for_one(client, login_as, editor_a):
    login_as("member@demo.test")

    assert client.get("/en/members-area/").status_code == 200
    admin = client.get("/admin/")
    assert not (admin.status_code == 302 and admin.url.endswith("/totp/activate/"))


def test_a_superuser_without_an_authenticator_is_sent_to_set_one_up(client, demo_site):
    user = get_user_model().objects.create_superuser("root", "root@demo.test", DEMO_PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    client.post("/en/accounts/login/", {"login": "root@demo.test", "password": DEMO_PASSWORD})

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == ACTIVATE


def test_the_wagtail_admin_sign_in_form_is_not_a_way_around_the_second_factor(client, demo_site):
    user = get_user_model().objects.get(email="comms@demo.test")
    TOTP.activate(user, generate_totp_secret())

    assert client.get("/admin/login/?next=/admin/pages/").url == "/en/accounts/login/?next=/admin/pages/"
    client.post("/admin/login/", {"username": "comms@demo.test", "password": DEMO_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").url.startswith("/en/accounts/login/")


def test_with_an_authenticator_sign_in_asks_for_the_code_and_only_the_right_one_lets_in(client, demo_site):
    user = get_user_model().objects.get(email="comms@demo.test")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    response = client.post("/en/accounts/login/", {"login": "comms@demo.test", "password": DEMO_PASSWORD})
    assert response.url == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    right = _current_totp(secret)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    refused = client.post("/en/accounts/2fa/authenticate/", {"code": wrong})
    assert refused.status_code == 200
    assert "Incorrect code." in refused.content.decode()
    assert "_auth_user_id" not in client.session

    client.post("/en/accounts/2fa/authenticate/", {"code": right})
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/admin/").status_code == 200


def test_the_demo_account_signs_in_with_the_secret_published_in_the_readme(client, demo_site):
    demo.ensure_demo_authenticator(stdout=io.StringIO())
    demo.ensure_demo_authenticator(stdout=io.StringIO())  # seed_demo runs again without a second one
    assert Authenticator.objects.filter(user__email="comms@demo.test").count() == 1

    client.post("/en/accounts/login/", {"login": "comms@demo.test", "password": DEMO_PASSWORD})
    client.post("/en/accounts/2fa/authenticate/", {"code": _current_totp(demo_content.DEMO_TOTP_SECRET)})

    assert client.get("/admin/").status_code == 200
