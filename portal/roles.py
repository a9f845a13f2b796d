"""The site-wide roles, as Wagtail groups. Member editors' groups come with each member."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
)

COMMUNICATIONS_TEAM = "Communications team"
CITY_AND_PARTNER_CONTRIBUTORS = "City and partner contributors"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image", "delete_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document", "delete_document"],
}
COMMUNICATIONS_MODEL_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "frontend": ["view_pattern_library"],
    "portal": ["change_sitesettings", "add_theme", "change_theme", "delete_theme"],
    "wagtailforms": ["view_formsubmission", "delete_formsubmission"],
    "wagtailredirects": ["add_redirect", "change_redirect", "delete_redirect"],
    "news": ["feature_newspage"],
    "events": ["view_membercalendar", "change_membercalendar", "delete_membercalendar"],
    "members": [
        "view_proposal",
        "view_grantssyncrun",
        "add_servicestandard",
        "change_servicestandard",
        "delete_servicestandard",
        "add_sponsorcode",
        "change_sponsorcode",
        "delete_sponsorcode",
    ],
}


def _permissions(app_label: str, codenames: list[str]) -> list[Permission]:
    return list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


def ensure_role_groups() -> dict[str, Group]:
    """Create the role groups and their permissions; safe to run any number of times."""
    communications, _ = Group.objects.get_or_create(name=COMMUNICATIONS_TEAM)
    contributors, _ = Group.objects.get_or_create(name=CITY_AND_PARTNER_CONTRIBUTORS)

    for app_label, codenames in COMMUNICATIONS_MODEL_PERMISSIONS.items():
        communications.permissions.add(*_permissions(app_label, codenames))

    # Only the id: this runs after migrate, before wagtail-modeltranslation adds Page's columns.
    root_page_id = Page.objects.filter(depth=1).values_list("pk", flat=True).first()
    if root_page_id:
        for permission in _permissions("wagtailcore", PAGE_PERMISSIONS):
            GroupPagePermission.objects.get_or_create(group=communications, page_id=root_page_id, permission=permission)

    root_collection = Collection.get_first_root_node()
    if root_collection:
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for permission in _permissions(app_label, codenames):
                GroupCollectionPermission.objects.get_or_create(
                    group=communications, collection=root_collection, permission=permission
                )

    # The communications team moderates: it is the approver of Wagtail's default workflow.
    workflow = Workflow.objects.filter(active=True).first()
    if workflow:
        for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow):
            task.groups.add(communications)

    return {COMMUNICATIONS_TEAM: communications, CITY_AND_PARTNER_CONTRIBUTORS: contributors}
