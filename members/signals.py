from allauth.account.signals import user_signed_up
from django.contrib import messages
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from .models import MemberInvitation, MemberPage, MemberTeam
from .services import (
    INVITATION_SESSION_KEY,
    InvitationError,
    accept_invitation,
    delete_member_team,
    sync_member_team,
)


@receiver(post_save, sender=MemberPage)
def keep_team_in_step(sender, instance, raw=False, **kwargs):
    if not raw:
        sync_member_team(member=instance)


@receiver(post_delete, sender=MemberTeam)
def remove_team_groups(sender, instance, **kwargs):
    delete_member_team(team=instance)


@receiver(user_signed_up)
def accept_pending_invitation(sender, request, user, **kwargs):
    """Someone followed an invitation, then signed up with the invited address: join them at once."""
    token = request.session.pop(INVITATION_SESSION_KEY, None) if request else None
    invitation = MemberInvitation.objects.filter(token=token).first() if token else None
    if invitation:
        try:
            accept_invitation(invitation=invitation, user=user)
        except InvitationError as error:
            messages.warning(request, str(error))
        else:
            messages.success(request, _("You are now an editor of %(member)s.") % {"member": invitation.member.title})
