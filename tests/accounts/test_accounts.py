import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import get_user_model
from django.core import mail

from portal.demo_content import DEMO_PASSWORD
from portal.roles import CITY_AND_PARTNER_CONTRIBUTORS

NEW_PASSWORD = "cotonou-planning-2026"


def _link_in(message) -> str:
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def test_sign_up_verify_email_and_become_a_contributor(client, demo_site):
    response = client.post(
        "/fr/accounts/signup/",
        {"email": "planner@cotonou.test", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="planner@cotonou.test")
    assert not EmailAddress.objects.get(user=user).verified

    (message,) = mail.outbox
    assert message.to == ["planner@cotonou.test"]
    assert "adresse" in message.subject.lower(), "the email is in the language of the sign-up"
    confirmation_path = _link_in(message)
    assert confirmation_path.startswith("/fr/accounts/confirm-email/")

    assert client.post(confirmation_path).status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert user.groups.filter(name=CITY_AND_PARTNER_CONTRIBUTORS).exists()


def test_an_unverified_account_cannot_sign_in(client, demo_site):
    client.post(
        "/en/accounts/signup/", {"email": "new@city.test", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    client.logout()

    response = client.post("/en/accounts/login/", {"login": "new@city.test", "password": NEW_PASSWORD})

    assert response.url == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_sign_in_by_email(client, login_as):
    user = login_as("comms@demo.test")

    assert client.session["_auth_user_id"] == str(user.pk)
    assert "Sign out" in client.get("/en/").content.decode()


def test_wrong_password_is_refused_with_a_clear_message_and_keeps_the_email(client, demo_site):
    response = client.post("/en/accounts/login/", {"login": "comms@demo.test", "password": "wrong"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "The email address and/or password you specified are not correct." in html
    assert 'value="comms@demo.test"' in html


def test_failed_sign_ins_are_rate_limited(client, demo_site):
    for _attempt in range(5):
        client.post("/en/accounts/login/", {"login": "city@demo.test", "password": "guess"})

    response = client.post("/en/accounts/login/", {"login": "city@demo.test", "password": DEMO_PASSWORD})

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_guessing_many_accounts_from_one_address_is_stopped_whatever_it_forwards(client, demo_site):
    for attempt in range(10):
        client.post(
            "/en/accounts/login/",
            {"login": f"someone{attempt}@demo.test", "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )

    response = client.post(
        "/en/accounts/login/",
        {"login": "city@demo.test", "password": DEMO_PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )

    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("view", ["signup", "password_reset"])
def test_known_and_unknown_addresses_get_the_same_answer(client, demo_site, view):
    def submit(email):
        if view == "signup":
            data = {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
            return client.post("/en/accounts/signup/", data, follow=True)
        return client.post("/en/accounts/password/reset/", {"email": email}, follow=True)

    known, unknown = submit("member@demo.test"), submit("nobody-here@demo.test")

    assert known.redirect_chain == unknown.redirect_chain
    strip = lambda html: html.replace("member@demo.test", "EMAIL").replace("nobody-here@demo.test", "EMAIL")  # noqa: E731
    assert strip(known.content.decode()) == strip(unknown.content.decode())
    assert {message.to[0] for message in mail.outbox} == {"member@demo.test", "nobody-here@demo.test"}


def test_password_reset_by_email(client, demo_site):
    client.post("/es/accounts/password/reset/", {"email": "city@demo.test"})
    reset_path = _link_in(mail.outbox[0])
    assert reset_path.startswith("/es/accounts/password/reset/key/")

    form_page = client.get(reset_path, follow=True)
    form_path = form_page.redirect_chain[-1][0]
    client.post(form_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert get_user_model().objects.get(email="city@demo.test").check_password(NEW_PASSWORD)


def _current_totp(secret: str) -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def test_anyone_can_turn_on_totp_two_factor_and_is_then_asked_for_it(client, login_as):
    user = login_as("city@demo.test")
    reauthenticate = client.get("/en/accounts/2fa/totp/activate/")
    assert reauthenticate.url.startswith("/en/accounts/reauthenticate/"), "confirms the password first"
    client.post(reauthenticate.url, {"password": DEMO_PASSWORD})
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session["mfa.totp.secret"]

    response = client.post("/en/accounts/2fa/totp/activate/", {"code": _current_totp(secret)})

    assert response.status_code == 302
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    client.post("/en/accounts/logout/")
    response = client.post("/en/accounts/login/", {"login": "city@demo.test", "password": DEMO_PASSWORD})
    assert response.url == "/en/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    client.post("/en/accounts/2fa/authenticate/", {"code": _current_totp(secret)})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_communications_team_reaches_the_admin_and_contributors_do_not(client, login_as):
    login_as("comms@demo.test")
    assert client.get("/admin/").status_code == 200

    client.logout()
    login_as("city@demo.test")
    assert client.get("/admin/").status_code == 302
