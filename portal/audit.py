"""The audit trail of sign-ins and permission changes, kept in Wagtail's own log, where the
admin's Reports › Site history shows it. In the admin the acting user comes from Wagtail's
log context; a change made elsewhere (a command, an invitation) is logged without one."""

from allauth.account.adapter import get_adapter
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import GroupCollectionPermission, GroupPagePermission

SIGN_IN = "portal.sign_in"
SIGN_IN_FAILED = "portal.sign_in_failed"
GROUPS_CHANGED = "portal.groups_changed"
PERMISSIONS_CHANGED = "portal.permissions_changed"
ACTIONS = {
    SIGN_IN: (_("Sign in"), _("Signed in")),
    SIGN_IN_FAILED: (_("Failed sign-in"), _("A sign-in failed")),
    GROUPS_CHANGED: (_("Change groups"), _("Groups changed")),
    PERMISSIONS_CHANGED: (_("Change permissions"), _("Permissions changed")),
}
CHANGES = {"post_add": "added", "post_remove": "removed", "post_clear": "removed"}


def _address(request) -> str:
    """The client's address as allauth's limits see it; none for a request without one, such as
    the test client's `force_login`, which must still sign in."""
    try:
        return get_adapter(request).get_client_ip(request) if request is not None else ""
    except PermissionDenied:
        return ""


def _signed_in(sender, request, user, **kwargs):
    log(user, SIGN_IN, user=user, data={"address": _address(request)})


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    # Only failures against a real account: a list of every address tried would help no one.
    login = credentials.get("email") or credentials.get("username") or ""
    user = get_user_model().objects.filter(email__iexact=login).first() if login else None
    if user is not None:
        log(user, SIGN_IN_FAILED, data={"address": _address(request)})


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in CHANGES or (not pk_set and action != "post_clear"):
        return
    if reverse:  # group.user_set.add(...)
        users, groups = get_user_model().objects.filter(pk__in=pk_set), [instance.name]
    else:
        users, groups = [instance], list(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
    for user in users:
        log(user, GROUPS_CHANGED, data={CHANGES[action]: groups})


def _group_permissions_changed(sender, instance, action, reverse, pk_set, model, **kwargs):
    if action not in CHANGES or reverse or not pk_set:
        return
    codenames = sorted(model.objects.filter(pk__in=pk_set).values_list("codename", flat=True))
    log(instance, PERMISSIONS_CHANGED, data={CHANGES[action]: codenames})


def _object_permission_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        log(instance.group, PERMISSIONS_CHANGED, data={"added": [_describe(instance)]})


def _object_permission_deleted(sender, instance, **kwargs):
    log(instance.group, PERMISSIONS_CHANGED, data={"removed": [_describe(instance)]})


def _describe(permission) -> str:
    target = permission.page_id if isinstance(permission, GroupPagePermission) else permission.collection_id
    kind = "page" if isinstance(permission, GroupPagePermission) else "collection"
    return f"{permission.permission.codename} on {kind} {target}"


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="portal.audit.signed_in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="portal.audit.sign_in_failed")
    m2m_changed.connect(_groups_changed, sender=get_user_model().groups.through, dispatch_uid="portal.audit.groups")
    m2m_changed.connect(_group_permissions_changed, sender=Group.permissions.through, dispatch_uid="portal.audit.perms")
    for model in (GroupPagePermission, GroupCollectionPermission):
        post_save.connect(_object_permission_saved, sender=model, dispatch_uid=f"portal.audit.{model.__name__}.saved")
        post_delete.connect(
            _object_permission_deleted, sender=model, dispatch_uid=f"portal.audit.{model.__name__}.gone"
        )
