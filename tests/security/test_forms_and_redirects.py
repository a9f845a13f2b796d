"""Attacks on forms and redirects: a cross-site POST without the CSRF token, and `next` sending
a visitor who signs in to another site."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from members.models import MemberTeam
from portal.demo_content import DEMO_PASSWORD
from tests.conftest import build_demo_site

FORM = re.compile(r'<form\b[^>]*method="post"[^>]*>', re.I)
ACTION = re.compile(r'action="([^"]*)"')


def _post_forms(client: Client, path: str) -> set[str]:
    """The addresses every POST form on the page submits to."""
    html = client.get(path).content.decode()
    return {(ACTION.search(tag).group(1) if ACTION.search(tag) else "") or path for tag in FORM.findall(html)}


@pytest.fixture
def member_editor(db):
    build_demo_site(with_members=True)
    return get_user_model().objects.get(email="member@demo.test")  # the World Bank's admin


def test_every_form_a_member_editor_can_reach_refuses_a_post_without_its_csrf_token(member_editor):
    browser = Client()
    browser.force_login(member_editor)
    team = MemberTeam.objects.get(admins__user=member_editor)
    with translation.override("en"):
        pages = [
            reverse("members:dashboard"),
            reverse("members:api_tokens"),
            reverse("members:team", args=[team.member_id]),
            reverse("members:events:new"),
            reverse("account_email"),
            reverse("account_change_password"),
            reverse("account_logout"),
        ]
    actions = set().union(*(_post_forms(browser, page) for page in pages))
    anonymous_actions = set().union(
        *(
            _post_forms(Client(), page)
            for page in ("/en/accounts/login/", "/en/accounts/signup/", "/en/accounts/password/reset/")
        )
    )

    forger = Client(enforce_csrf_checks=True)
    forger.force_login(member_editor)
    accepted = {action: status for action in actions if (status := forger.post(action, {}).status_code) != 403}
    accepted |= {
        action: status
        for action in anonymous_actions
        if (status := Client(enforce_csrf_checks=True).post(action, {}).status_code) != 403
    }

    assert len(actions) >= 6 and len(anonymous_actions) >= 3  # the forms were found
    assert accepted == {}


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "javascript:alert(1)"],
)
def test_signing_in_never_sends_the_visitor_to_another_site(client, demo_site, target):
    response = client.post(
        "/en/accounts/login/?next=" + target, {"login": "comms@demo.test", "password": DEMO_PASSWORD, "next": target}
    )

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.netloc in ("", "testserver") and location.scheme in ("", "http")
    assert not response["Location"].startswith(("//", "/\\"))
