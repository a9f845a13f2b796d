"""Who may see the coverage report and act on a page's translations: the one place that says so.

The report covers the whole tree, so it is for those who may change the whole tree (the
communications team, through its page permissions on the root) and for whoever is given the
`translations.view_coverage` permission (a translators' group, say). Marking a page's machine
drafts reviewed or asking for a machine draft is editing that page: Wagtail's change permission
on it, as for every other edit."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

VIEW_COVERAGE = "translations.view_coverage"


def can_view_coverage(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_active or not user.has_perm("wagtailadmin.access_admin"):
        return False
    if user.has_perm(VIEW_COVERAGE):
        return True
    root = Page.get_first_root_node()
    return root is not None and PagePermissionPolicy().user_has_permission_for_instance(user, "change", root)


def can_edit_translations(user: AbstractBaseUser | AnonymousUser, page: Page) -> bool:
    return user.is_active and page.permissions_for_user(user).can_edit()
