"""Guessing passwords from one address behind our load balancer (one trusted proxy): allauth's
login_failed limit counts the address the proxy saw, whatever the client puts before it.
tests/accounts/test_accounts.py covers the same without a proxy."""

from django.test import override_settings

from portal.demo_content import DEMO_PASSWORD

PROXY_SAW = "192.0.2.7"  # the one address the load balancer appends to X-Forwarded-For


@override_settings(TRUSTED_PROXY_COUNT=1, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_a_forged_forwarded_for_does_not_reset_the_limit(client, demo_site):
    for attempt in range(10):
        client.post(
            "/en/accounts/login/",
            {"login": f"someone{attempt}@demo.test", "password": "guess"},
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}, {PROXY_SAW}",
        )

    refused = client.post(
        "/en/accounts/login/",
        {"login": "city@demo.test", "password": DEMO_PASSWORD},
        HTTP_X_FORWARDED_FOR=f"198.51.100.1, {PROXY_SAW}",
    )

    assert "Too many failed login attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session

    elsewhere = client.post(
        "/en/accounts/login/",
        {"login": "city@demo.test", "password": DEMO_PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.1, 192.0.2.99",
    )
    assert elsewhere.status_code == 302, "someone at another address still signs in"
