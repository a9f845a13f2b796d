"""Who may post to the diary: "add" on it, which Wagtail turns into "edit your own events"."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from portal.roles import CITY_AND_PARTNER_CONTRIBUTORS


def _add_permission() -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")


def grant_posting(*, diary: Page, groups) -> None:
    permission = _add_permission()
    for group in groups:
        GroupPagePermission.objects.get_or_create(group=group, page=diary, permission=permission)


def posting_groups() -> list[Group]:
    """City and partner contributors, and every member's editors and admins."""
    from members.models import MemberTeam

    contributors, _created = Group.objects.get_or_create(name=CITY_AND_PARTNER_CONTRIBUTORS)
    teams = MemberTeam.objects.select_related("editors", "admins")
    return [contributors, *(group for team in teams for group in (team.editors, team.admins))]
