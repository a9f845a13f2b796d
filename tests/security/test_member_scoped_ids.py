"""Attacks by changing an id: an editor of one member reading or changing another member's objects
through every member-scoped address of the members' area and the API, and account enumeration
through the sign-in, sign-up and password reset forms."""

import re
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.test import APIClient
from wagtail.models import APIToken

from events.models import EventPage, MemberCalendar
from members.models import LinkCheck, MemberInvitation, MemberLink
from portal.demo_content import DEMO_PASSWORD
from tests.grants.test_proposals_area import make_proposal

AREA = "/en/members-area"


@dataclass(frozen=True)
class Owned:
    """One kind of object a member owns: how to make one, its address, and what must not change."""

    method: str
    make: Any  # (world, member, user) -> object
    url: Any  # object -> path
    state: Any  # object -> what an attacker would change, read back from the database
    data: Any = lambda world: {}  # world -> the posted data
    works: int = 200  # the owner's status


def _member(world, member, user):
    return member


def _colleague(world, member, user):
    colleague = get_user_model().objects.create_user(f"colleague{member.pk}", f"colleague{member.pk}@x.test", "x")
    colleague.groups.add(member.team.editors)
    return member, colleague


def _moved_link(world, member, user):
    link = member.links.first()
    LinkCheck.objects.create(url=link.url, moved_to=f"{link.url}/moved", status_code=200, checked_at=timezone.now())
    return link


def _token(world, member, user):
    return APIToken.create_token(user=user, name=f"{member.title} website")[0]


def _event(world, member, user):
    return world.make_event(f"{member.title} forum", owner=user)


def _proposal(world, member, user):
    return make_proposal(member.pk, lead=member, title=f"{member.title} drainage")


def _event_state(event):
    event = EventPage.objects.get(pk=event.pk)
    return event.title, event.status, event.live, event.revisions.count()


CASES = {
    "see the team page": Owned("get", _member, lambda m: f"{AREA}/{m.pk}/team/", lambda m: m.pk),
    "invite someone to the team": Owned(
        "post",
        _member,
        lambda m: f"{AREA}/{m.pk}/team/",
        lambda m: list(MemberInvitation.objects.filter(member=m).values_list("email", flat=True)),
        data=lambda world: {"email": "intruder@evil.test", "role": "admin"},
        works=302,
    ),
    "remove someone from the team": Owned(
        "post",
        _colleague,
        lambda mc: f"{AREA}/{mc[0].pk}/team/{mc[1].pk}/remove/",
        lambda mc: sorted(mc[1].groups.values_list("pk", flat=True)),
        works=302,
    ),
    "apply a moved link": Owned(
        "post",
        _moved_link,
        lambda link: f"{AREA}/links/{link.pk}/apply-move/",
        lambda link: (MemberLink.objects.get(pk=link.pk).url, link.member.revisions.count()),
        works=302,
    ),
    "revoke an API token": Owned(
        "post",
        _token,
        lambda token: f"{AREA}/api-tokens/{token.pk}/revoke/",
        lambda token: APIToken.objects.get(pk=token.pk).revoked_at,
        works=302,
    ),
    "open an event to edit": Owned("get", _event, lambda e: f"{AREA}/events/{e.pk}/edit/", _event_state),
    "edit an event": Owned(
        "post",
        _event,
        lambda e: f"{AREA}/events/{e.pk}/edit/",
        _event_state,
        data=lambda world: world.event_form_data(title="Defaced"),
        works=302,
    ),
    "open an event to cancel": Owned("get", _event, lambda e: f"{AREA}/events/{e.pk}/cancel/", _event_state),
    "cancel an event": Owned("post", _event, lambda e: f"{AREA}/events/{e.pk}/cancel/", _event_state, works=302),
    "see the calendar import": Owned("get", _member, lambda m: f"{AREA}/events/calendars/{m.pk}/", lambda m: m.pk),
    "set the calendar import": Owned(
        "post",
        _member,
        lambda m: f"{AREA}/events/calendars/{m.pk}/",
        lambda m: list(MemberCalendar.objects.filter(member=m).values_list("url", flat=True)),
        data=lambda world: {"url": "https://evil.example/events.ics"},
        works=302,
    ),
    "read a proposal": Owned("get", _proposal, lambda p: f"{AREA}/proposals/{p.external_id}/", lambda p: p.pk),
    "read a proposal through the API": Owned(
        "get", _proposal, lambda p: f"/api/v1/proposals/{p.external_id}/", lambda p: p.pk
    ),
}


@dataclass
class World:
    make_event: Any
    event_form_data: Any


@pytest.fixture
def world(make_event, event_form_data, moderation_workflow):
    return World(make_event=make_event, event_form_data=event_form_data)


@pytest.fixture
def signed_in_as_a(client, editor_a, editor_b):
    client.force_login(editor_a)
    return client


def _ask(client, case: Owned, world, obj):
    return getattr(client, case.method)(case.url(obj), case.data(world) if case.method == "post" else None)


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_an_editor_of_another_member_gets_not_found_and_changes_nothing(
    signed_in_as_a, world, member_b, editor_b, case
):
    theirs = case.make(world, member_b, editor_b)
    before = case.state(theirs)

    response = _ask(signed_in_as_a, case, world, theirs)

    assert response.status_code == 404
    assert member_b.title.encode() not in response.content
    assert case.state(theirs) == before


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_same_address_works_for_the_members_own_editor(signed_in_as_a, world, member_a, editor_a, case):
    own = case.make(world, member_a, editor_a)
    before = case.state(own)

    response = _ask(signed_in_as_a, case, world, own)

    assert response.status_code == case.works, response.content[:500]
    if case.method == "post":
        assert case.state(own) != before


def test_a_token_of_one_member_cannot_change_any_proposal_through_the_api(editor_a, member_a, member_b):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {APIToken.create_token(user=editor_a, name='Lagos')[1]}")
    own, theirs = make_proposal(1, lead=member_a), make_proposal(2, lead=member_b)

    for proposal in (own, theirs):
        path = f"/api/v1/proposals/{proposal.external_id}/"
        assert api.patch(path, {"title": "Defaced"}, format="json").status_code == 405
        assert api.put(path, {"title": "Defaced"}, format="json").status_code == 405
        assert api.delete(path).status_code == 405
        proposal.refresh_from_db()
        assert proposal.title != "Defaced" and not proposal.deleted
    assert api.get("/api/v1/proposals/", {"member": member_b.pk}).json()["results"] == []


def test_event_submissions_reach_no_existing_event(world, editor_a, editor_b, member_b):
    theirs = world.make_event("Cotonou forum", owner=editor_b)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {APIToken.create_token(user=editor_a, name='Lagos')[1]}")
    before = _event_state(theirs)

    path = f"/api/v1/event-submissions/{theirs.pk}/"
    responses = [api.get(path), api.patch(path, {"title": "Defaced"}, format="json"), api.delete(path)]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert api.get("/api/v1/event-submissions/").status_code == 405
    assert _event_state(theirs) == before


def test_another_members_drafts_are_not_readable_anywhere(world, signed_in_as_a, editor_b, member_b, make_showcase):
    draft = world.make_event("Cotonou secret summit", owner=editor_b, publish=False)
    showcase = make_showcase("Cotonou secret summit plans", lead=member_b, publish=False)
    paths = [f"/api/v1/events/{draft.pk}/", f"/events/{draft.pk}.ics", f"/api/v2/pages/{draft.pk}/", draft.url]
    paths += [f"/api/v1/showcases/{showcase.pk}/", f"/api/v2/pages/{showcase.pk}/", showcase.url]

    responses = {path: signed_in_as_a.get(path) for path in paths if path}

    assert {path: response.status_code for path, response in responses.items()} == dict.fromkeys(responses, 404)
    assert not any(b"secret summit" in response.content for response in responses.values())


@pytest.mark.parametrize("action", ["edit", "delete", "unpublish"])
def test_an_editor_of_another_member_cannot_open_or_change_its_showcase_in_the_admin(
    signed_in_as_a, member_a, member_b, make_showcase, action
):
    own, theirs = make_showcase("Lagos markets", lead=member_a), make_showcase("Cotonou markets", lead=member_b)

    refused = [signed_in_as_a.get(f"/admin/pages/{theirs.pk}/{action}/")]
    refused.append(signed_in_as_a.post(f"/admin/pages/{theirs.pk}/{action}/", {"title": "Defaced"}))

    assert signed_in_as_a.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert [(response.status_code, response.get("Location")) for response in refused] == [(302, "/admin/")] * 2
    theirs.refresh_from_db()
    assert theirs.title == "Cotonou markets" and theirs.live


# Account enumeration


CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _page_text(response, email: str) -> str:
    """The page as the visitor reads it, apart from the address they typed (and the form's CSRF token)."""
    return CSRF_VALUE.sub("", response.content.decode().replace(email, "EMAIL"))


@pytest.mark.parametrize("path", ["/en/accounts/password/reset/", "/en/accounts/signup/"])
def test_the_form_answers_alike_whether_or_not_the_address_has_an_account(client, demo_site, path):
    def submit(email: str):
        data = {"email": email, "password1": "lagos-links-2026", "password2": "lagos-links-2026"}
        first = client.post(path, data)
        followed = client.get(first["Location"]) if first.status_code == 302 else first
        client.logout()
        return first.status_code, first.get("Location"), followed.status_code, _page_text(followed, email)

    assert get_user_model().objects.filter(email="member@demo.test").exists()
    known, unknown = submit("member@demo.test"), submit("nobody@demo.test")

    assert known == unknown
    assert known[0] == 302


def test_signing_in_fails_alike_for_a_wrong_password_and_an_unknown_address(client, demo_site):
    wrong_password = client.post("/en/accounts/login/", {"login": "member@demo.test", "password": "not-it"})
    unknown = client.post("/en/accounts/login/", {"login": "nobody@demo.test", "password": DEMO_PASSWORD})

    assert wrong_password.status_code == unknown.status_code == 200
    assert wrong_password.context["form"].errors == unknown.context["form"].errors
    assert _page_text(wrong_password, "member@demo.test") == _page_text(unknown, "nobody@demo.test")
