from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.log_actions import LogContext
from wagtail.models import GroupPagePermission, ModelLogEntry, Page

from portal import audit
from portal.demo_content import DEMO_PASSWORD
from portal.roles import COMMUNICATIONS_TEAM


def _entries(instance, action):
    return ModelLogEntry.objects.for_instance(instance).filter(action=action)


def test_sign_ins_and_failed_sign_ins_are_in_the_site_history(client, demo_site):
    user = get_user_model().objects.get(email="city@demo.test")

    client.post("/en/accounts/login/", {"login": "city@demo.test", "password": "guess"}, REMOTE_ADDR="203.0.113.5")
    client.post("/en/accounts/login/", {"login": "nobody@demo.test", "password": "guess"})
    client.post(
        "/en/accounts/login/", {"login": "city@demo.test", "password": DEMO_PASSWORD}, REMOTE_ADDR="203.0.113.5"
    )

    failed = _entries(user, audit.SIGN_IN_FAILED).get()
    assert failed.data == {"address": "203.0.113.5"}
    signed_in = _entries(user, audit.SIGN_IN).get()
    assert signed_in.user == user and signed_in.data == {"address": "203.0.113.5"}
    assert not ModelLogEntry.objects.filter(label__icontains="nobody").exists()  # no record of unknown addresses


def test_who_put_whom_in_which_group_is_recorded(demo_site):
    admin = get_user_model().objects.create_superuser("root@demo.test", "root@demo.test", "x" * 12)
    member = get_user_model().objects.get(email="city@demo.test")
    team = Group.objects.get(name=COMMUNICATIONS_TEAM)

    with LogContext(user=admin):  # as the admin's views run
        member.groups.add(team)
        team.user_set.remove(member)

    added, removed = _entries(member, audit.GROUPS_CHANGED).filter(user=admin).order_by("timestamp", "pk")
    assert (added.user, added.data) == (admin, {"added": [COMMUNICATIONS_TEAM]})
    assert (removed.user, removed.data) == (admin, {"removed": [COMMUNICATIONS_TEAM]})


def test_granting_a_group_permissions_is_recorded(demo_site):
    group = Group.objects.create(name="Reviewers")
    page = Page.objects.get(depth=2)

    group.permissions.add(
        *get_user_model()._meta.apps.get_model("auth", "Permission").objects.filter(codename="access_admin")
    )
    granted = GroupPagePermission.objects.create(group=group, page=page, permission_id=_permission_id("publish_page"))
    granted.delete()

    changes = [entry.data for entry in _entries(group, audit.PERMISSIONS_CHANGED).order_by("timestamp", "pk")]
    assert changes == [
        {"added": ["access_admin"]},
        {"added": [f"publish_page on page {page.pk}"]},
        {"removed": [f"publish_page on page {page.pk}"]},
    ]


def test_the_site_history_report_lists_sign_ins(client, demo_site):
    client.post("/en/accounts/login/", {"login": "city@demo.test", "password": DEMO_PASSWORD})
    client.logout()
    client.force_login(get_user_model().objects.create_superuser("root@demo.test", "root@demo.test", "x" * 12))

    response = client.get("/admin/reports/site-history/")

    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


def _permission_id(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename).pk
