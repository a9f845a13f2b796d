import re
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from members.models import LinkCheck, MemberInvitation, MemberLink
from portal.demo_content import DEMO_PASSWORD

PASSWORD = "lagos-links-2026"


def _accept_path(message) -> str:
    return re.search(r"http://testserver(/\S+/invitations/\S+/)", message.body).group(1)


def test_members_area_shows_broken_and_moved_links(client, login_as, editor_a, member_a, make_member):
    broken = member_a.links.first()
    moved = MemberLink.objects.create(member=member_a, title="Old report", url="https://lagos.test/old")
    LinkCheck.objects.create(url=broken.url, consecutive_failures=3, status_code=404, checked_at=timezone.now())
    LinkCheck.objects.create(
        url=moved.url, moved_to="https://lagos.test/new", status_code=200, checked_at=timezone.now()
    )
    login_as("member@demo.test")

    html = client.get("/en/members-area/").content.decode()

    assert "Links to fix" in html and broken.url in html
    assert 'now sends visitors to <bdi dir="ltr">https://lagos.test/new</bdi>' in html


def test_one_click_update_of_a_moved_link_publishes_a_revision(client, login_as, editor_a, member_a):
    link = member_a.links.first()
    LinkCheck.objects.create(url=link.url, moved_to="https://lagos.test/moved-here", status_code=200)
    revisions_before = member_a.revisions.count()
    login_as("member@demo.test")

    response = client.post(f"/en/members-area/links/{link.pk}/apply-move/", follow=True)

    assert "The link now points to its new address." in response.content.decode()
    assert MemberLink.objects.get(pk=link.pk).url == "https://lagos.test/moved-here"
    assert member_a.revisions.count() == revisions_before + 1
    assert "https://lagos.test/moved-here" in client.get(member_a.url).content.decode()


def test_member_admin_invites_a_colleague_who_signs_up_and_joins(client, login_as, editor_a, member_a):
    login_as("member@demo.test")
    client.post(f"/en/members-area/{member_a.pk}/team/", {"email": "colleague@lagos.test", "role": "editor"})
    (message,) = mail.outbox
    assert message.to == ["colleague@lagos.test"]
    accept_path = _accept_path(message)
    client.post("/en/accounts/logout/")

    assert "Join Lagos State" in client.get(accept_path).content.decode()
    client.post("/en/accounts/signup/", {"email": "colleague@lagos.test", "password1": PASSWORD, "password2": PASSWORD})

    colleague = get_user_model().objects.get(email="colleague@lagos.test")
    assert colleague.groups.filter(pk=member_a.team.editors_id).exists()
    assert member_a.permissions_for_user(colleague).can_edit()
    assert len(mail.outbox) == 1, "the invited address needs no second verification"
    assert client.get(accept_path).status_code == 410, "an invitation works once"


def test_an_expired_invitation_is_refused(client, editor_a, member_a):
    invitation = MemberInvitation.objects.create(
        member=member_a, email="late@lagos.test", expires_at=timezone.now() - timedelta(minutes=1)
    )

    response = client.get(f"/en/members-area/invitations/{invitation.token}/")

    assert response.status_code == 410
    assert "cannot be used" in response.content.decode()


def test_signed_in_with_another_address_cannot_take_the_invitation(client, login_as, editor_a, member_a):
    invitation = MemberInvitation.objects.create(member=member_a, email="someone-else@lagos.test")
    login_as("city@demo.test")

    response = client.post(f"/en/members-area/invitations/{invitation.token}/", follow=True)

    assert "This invitation was sent to someone-else@lagos.test" in response.content.decode()
    assert not member_a.permissions_for_user(get_user_model().objects.get(email="city@demo.test")).can_edit()


def test_member_admin_removes_an_editor(client, login_as, editor_a, member_a):
    colleague = get_user_model().objects.get(email="city@demo.test")
    colleague.groups.add(member_a.team.editors)
    login_as("member@demo.test")

    client.post(f"/en/members-area/{member_a.pk}/team/{colleague.pk}/remove/")

    assert not member_a.permissions_for_user(colleague).can_edit()


def test_a_plain_editor_cannot_manage_the_team(client, login_as, member_a):
    editor = get_user_model().objects.get(email="member2@demo.test")
    editor.groups.add(member_a.team.editors)
    login_as("member2@demo.test")

    assert client.get(f"/en/members-area/{member_a.pk}/team/").status_code == 404
    assert (
        client.post(f"/en/members-area/{member_a.pk}/team/", {"email": "x@y.test", "role": "admin"}).status_code == 404
    )
    assert not MemberInvitation.objects.exists()


def test_invitation_form_keeps_a_bad_address_and_explains(client, login_as, editor_a, member_a):
    login_as("member@demo.test")

    response = client.post(f"/en/members-area/{member_a.pk}/team/", {"email": "not-an-address", "role": "editor"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid email address." in html
    assert 'value="not-an-address"' in html
    assert DEMO_PASSWORD not in html
