"""Writes for members: their teams' groups and rights, invitations, link updates."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .models import LinkCheck, MemberInvitation, MemberLink, MemberPage, MemberTeam

# Editors manage the member's page and everything below it, and publish without moderation.
TEAM_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
TEAM_COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def _team_names(member: MemberPage) -> tuple[str, str, str]:
    name = member.title_en[:120]
    return f"{name}: editors", f"{name}: member admins", name


def _grant(group: Group, member: MemberPage, collection: Collection) -> None:
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=TEAM_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=member, permission=permission)
    for app_label, codenames in TEAM_COLLECTION_PERMISSIONS.items():
        for permission in Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames):
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


@transaction.atomic
def sync_member_team(*, member: MemberPage) -> MemberTeam:
    """Create the member's groups and collection, or rename them after the member."""
    editors_name, admins_name, collection_name = _team_names(member)
    team = MemberTeam.objects.filter(member=member).select_related("editors", "admins", "collection").first()
    if team is None:
        root = Collection.get_first_root_node()
        collection = root.add_child(instance=Collection(name=collection_name))
        team = MemberTeam.objects.create(
            member=member,
            editors=Group.objects.create(name=editors_name),
            admins=Group.objects.create(name=admins_name),
            collection=collection,
        )
        for group in (team.editors, team.admins):
            _grant(group, member, collection)
        return team
    for group, name in ((team.editors, editors_name), (team.admins, admins_name)):
        if group.name != name:
            group.name = name
            group.save(update_fields=["name"])
    if team.collection and team.collection.name != collection_name:
        team.collection.name = collection_name
        team.collection.save(update_fields=["name"])
    return team


def delete_member_team(*, team: MemberTeam) -> None:
    """The member is gone: so are the rights its groups held. Its images stay in the library."""
    Group.objects.filter(pk__in=[team.editors_id, team.admins_id]).delete()


INVITATION_SESSION_KEY = "members.invitation"


class InvitationError(Exception):
    """Why an invitation can't be used, in words for the person holding it."""


def invite_to_member(*, member: MemberPage, email: str, role: str, invited_by, request) -> MemberInvitation:
    invitation = MemberInvitation.objects.create(member=member, email=email, role=role, invited_by=invited_by)
    accept_url = request.build_absolute_uri(reverse("members:accept_invitation", args=[invitation.token]))
    context = {"invitation": invitation, "accept_url": accept_url, "inviter": invited_by}
    send_mail(
        subject=render_to_string("members/email/invitation_subject.txt", context).strip(),
        message=render_to_string("members/email/invitation_body.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: MemberInvitation, user) -> None:
    invitation = (
        MemberInvitation.objects.select_for_update(of=("self",)).select_related("member__team").get(pk=invitation.pk)
    )
    if not invitation.is_usable:
        raise InvitationError(_("This invitation has already been used or has expired. Ask for a new one."))
    if not EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=True).exists():
        raise InvitationError(
            _("This invitation was sent to %(email)s. Sign in with that address to accept it.")
            % {"email": invitation.email}
        )
    team = invitation.member.team
    group = team.admins if invitation.role == MemberInvitation.Role.ADMIN else team.editors
    user.groups.add(group)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


def remove_from_team(*, member: MemberPage, user) -> None:
    user.groups.remove(member.team.editors, member.team.admins)


def apply_moved_link(*, link: MemberLink, user) -> bool:
    """Point a link at the address it permanently moved to; True when it went live at once.

    The change is a new revision, so it is in the page's history. When the page has
    unpublished changes we keep them unpublished and save the update with them as a draft."""
    check = LinkCheck.objects.filter(url=link.url).exclude(moved_to="").first()
    if check is None:
        return False
    member = link.member
    has_draft = member.has_unpublished_changes
    page = member.get_latest_revision_as_object()
    links = list(page.links.all())
    for candidate in links:
        if candidate.pk == link.pk:
            candidate.url = check.moved_to
    page.links = links
    revision = page.save_revision(user=user, log_action=True)
    if not has_draft:
        revision.publish(user=user)
    return not has_draft
