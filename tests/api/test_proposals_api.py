"""/api/v1/proposals/: only the proposals of the members the user edits, by session or token."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import APIToken

from tests.grants.test_proposals_area import make_proposal

LIST = "/api/v1/proposals/"


def _detail(proposal) -> str:
    return f"{LIST}{proposal.external_id}/"


@pytest.fixture
def token_a(editor_a) -> str:
    return APIToken.create_token(user=editor_a, name="Lagos website")[1]


@pytest.fixture
def as_editor_a(api, token_a):
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token_a}")
    return api


def _numbers(response) -> list[str]:
    return [item["external_id"] for item in response.json()["results"]]


def test_a_token_of_member_as_editor_reads_no_proposal_of_member_b(as_editor_a, member_a, member_b, editor_b):
    led = make_proposal(1, lead=member_a, title="Lagos drainage")
    co_sponsored = make_proposal(2, lead=member_b, co_sponsors=(member_a,))
    theirs = make_proposal(3, lead=member_b, title="Cotonou markets")

    listed = as_editor_a.get(LIST)

    assert listed.status_code == 200
    assert sorted(_numbers(listed)) == [led.external_id, co_sponsored.external_id]
    assert "Cotonou markets" not in listed.content.decode()
    assert as_editor_a.get(_detail(led)).status_code == 200
    assert as_editor_a.get(_detail(co_sponsored)).status_code == 200
    refused = as_editor_a.get(_detail(theirs))
    assert refused.status_code == 404
    assert refused.json()["error"]["status"] == 404
    assert as_editor_a.get(f"{LIST}P-9999-0000/").status_code == 404
    # Nor by filtering on the other member: a member you don't edit has no proposals for you.
    assert _numbers(as_editor_a.get(LIST, {"member": member_b.pk})) == []


def test_the_list_has_the_members_area_filters(as_editor_a, member_a, member_b):
    other_member = make_proposal(1, lead=member_b, co_sponsors=(member_a,))
    own = make_proposal(2, lead=member_a, history=[("received", other_member.remote_updated_at)])
    reviewed = make_proposal(3, lead=member_a, history=[("technical_review", other_member.remote_updated_at)])

    assert sorted(_numbers(as_editor_a.get(LIST, {"status": "technical_review"}))) == [reviewed.external_id]
    assert sorted(_numbers(as_editor_a.get(LIST, {"member": member_a.pk}))) == sorted(
        [other_member.external_id, own.external_id, reviewed.external_id]
    )
    bad = as_editor_a.get(LIST, {"status": "nonsense"})
    assert bad.status_code == 400
    assert "status" in bad.json()["error"]["fields"]
    for nonsense in ("x", "1.5", "-1", str(10**30)):
        assert as_editor_a.get(LIST, {"member": nonsense}).status_code == 400, nonsense
    assert as_editor_a.get(LIST, {"cursor": "nonsense"}).status_code == 400


def test_the_detail_shows_sponsors_and_history(as_editor_a, member_a, member_b):
    proposal = make_proposal(1, lead=member_b, co_sponsors=(member_a,), title="Lagoon")

    body = as_editor_a.get(_detail(proposal)).json()

    assert body["title"] == "Lagoon"
    assert body["status"] == "received" and body["status_label"] == "Received"
    assert body["country"] == "BJ"
    assert body["amount_requested"] == "450000.00"
    assert {(s["role"], s["member"], s["member_title"]) for s in body["sponsors"]} == {
        ("lead", member_b.pk, "Cotonou"),
        ("co-sponsor", member_a.pk, "Lagos State"),
    }
    assert [change["status"] for change in body["history"]] == ["received"]
    assert "payload" not in body


def test_a_deleted_proposal_is_absent(as_editor_a, member_a):
    deleted = make_proposal(1, lead=member_a, deleted=True)

    assert _numbers(as_editor_a.get(LIST)) == []
    assert as_editor_a.get(_detail(deleted)).status_code == 404


def test_a_session_works_too_and_anonymous_gets_401(api, client, login_as, editor_a, member_a):
    proposal = make_proposal(1, lead=member_a)

    anonymous = api.get(LIST)
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["code"] == "not_authenticated"
    assert api.get(_detail(proposal)).status_code == 401

    login_as("member@demo.test")
    assert client.get(LIST).json()["results"][0]["external_id"] == proposal.external_id


def test_a_user_who_edits_no_member_sees_nothing(api, demo_site, member_a):
    make_proposal(1, lead=member_a)
    user = get_user_model().objects.create_user(username="visitor", email="visitor@example.org", password="x")
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {APIToken.create_token(user=user, name='t')[1]}")

    response = api.get(LIST)

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_responses_are_private_to_their_user(as_editor_a, member_a):
    response = as_editor_a.get(LIST)

    assert "private" in response["Cache-Control"]
    assert {"Authorization", "Cookie"} <= {part.strip() for part in response["Vary"].split(",")}


def test_pages_are_stable_and_304_when_unchanged(as_editor_a, member_a):
    proposals = [make_proposal(number, lead=member_a) for number in range(1, 6)]

    first = as_editor_a.get(LIST, {"page_size": 2}).json()
    second = as_editor_a.get(first["next"]).json()
    seen = [item["external_id"] for item in first["results"] + second["results"]]
    assert len(set(seen)) == 4
    assert set(seen) <= {proposal.external_id for proposal in proposals}

    response = as_editor_a.get(LIST)
    again = as_editor_a.get(LIST, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_list_takes_the_same_number_of_queries_at_two_sizes(as_editor_a, member_a, member_b, count_queries):
    for number in range(1, 4):
        make_proposal(number, lead=member_a, co_sponsors=(member_b,))
    as_editor_a.get(LIST)  # the token's first use of the minute writes last_used_at: not part of the list's cost
    few, response = count_queries(as_editor_a, LIST)
    assert len(response.json()["results"]) == 3

    for number in range(4, 19):
        history = [("received", timezone.now() - timedelta(days=20)), ("approved", timezone.now() - timedelta(days=2))]
        make_proposal(number, lead=member_b, co_sponsors=(member_a,), history=history)
    many, response = count_queries(as_editor_a, LIST)

    assert len(response.json()["results"]) == 18
    assert few == many, (few, many)
    print(f"proposals list: {few} queries at 3 proposals, {many} at 18")  # noqa: T201
