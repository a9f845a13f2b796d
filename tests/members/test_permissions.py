"""Member editors change their own member and nothing else, asked with real requests."""

import pytest
from django.utils import translation

from members.models import MemberPage


@pytest.fixture
def b_with_draft(member_b):
    draft = member_b.get_latest_revision_as_object()
    draft.summary = "Unpublished plans of Cotonou"
    draft.save_revision()
    return member_b


def _b_urls(member_b) -> list[str]:
    link = member_b.links.first()
    revision = member_b.latest_revision
    return [
        f"/admin/pages/{member_b.pk}/edit/",
        f"/admin/pages/{member_b.pk}/delete/",
        f"/admin/pages/{member_b.pk}/unpublish/",
        f"/admin/pages/{member_b.pk}/move/",
        f"/admin/pages/{member_b.pk}/copy/",
        f"/admin/pages/{member_b.pk}/edit/preview/",
        f"/admin/pages/{member_b.pk}/history/",
        f"/admin/pages/{member_b.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/add/members/memberpage/{member_b.get_parent().pk}/",
        f"/admin/pages/add/members/memberpage/{member_b.pk}/",
        f"/en/members-area/{member_b.pk}/team/",
        f"/en/members-area/links/{link.pk}/apply-move/",
    ]


def test_editor_of_a_is_refused_every_edit_url_of_b(client, login_as, editor_a, b_with_draft):
    login_as("member@demo.test")

    for url in _b_urls(b_with_draft):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in {302, 403, 404, 405}, (method.__name__, url, response.status_code)
            if response.status_code == 302:
                assert "/login/" in response.url or response.url == "/admin/", (url, response.url)
            assert b"Unpublished plans of Cotonou" not in response.content

    assert MemberPage.objects.get(pk=b_with_draft.pk).live


def test_editor_of_a_edits_and_publishes_a_directly(client, login_as, editor_a, member_a):
    login_as("member@demo.test")

    response = client.get(f"/admin/pages/{member_a.pk}/edit/")

    assert response.status_code == 200
    assert member_a.permissions_for_user(editor_a).can_publish()


def test_editor_of_a_cannot_touch_the_home_page_or_the_directory(client, login_as, editor_a, member_a):
    login_as("member@demo.test")
    home = member_a.get_parent().get_parent()

    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in {302, 403}
    assert client.get(f"/admin/pages/{member_a.get_parent().pk}/edit/").status_code in {302, 403}
    assert not home.permissions_for_user(editor_a).can_edit()


def test_the_admin_opens_an_editor_at_their_member(client, login_as, editor_a, member_a, member_b):
    login_as("member@demo.test")

    html = client.get("/admin/pages/", follow=True).content.decode()

    assert member_a.title in html
    assert member_b.title not in html


def test_members_area_lists_only_your_members(client, login_as, editor_a, member_a, member_b):
    login_as("member@demo.test")

    html = client.get("/en/members-area/").content.decode()

    assert member_a.title in html
    assert member_b.title not in html
    assert f"/admin/pages/{member_a.pk}/edit/" in html


def test_the_members_area_needs_signing_in(client, demo_site):
    response = client.get("/fr/espace-membres/")

    assert response.status_code == 302
    assert response.url.startswith("/fr/accounts/login/")


def test_communications_team_edits_every_member(client, login_as, member_a, member_b):
    login_as("comms@demo.test")

    assert client.get(f"/admin/pages/{member_a.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{member_b.pk}/edit/").status_code == 200


def test_renaming_a_member_renames_its_groups_and_deleting_it_removes_them(member_b):
    team = member_b.team
    with translation.override("en"):
        member_b.title = "Cotonou Municipality"
        member_b.save_revision().publish()

    team.editors.refresh_from_db()
    assert team.editors.name == "Cotonou Municipality: editors"

    group_ids = [team.editors_id, team.admins_id]
    member_b.delete()
    from django.contrib.auth.models import Group

    assert not Group.objects.filter(pk__in=group_ids).exists()
