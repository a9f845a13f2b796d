from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.admin.mail import WorkflowStateApprovalEmailNotifier, WorkflowStateRejectionEmailNotifier
from wagtail.models import WorkflowState
from wagtail.signals import workflow_approved, workflow_rejected

from members.models import MemberTeam

from . import notifications, roles, services
from .models import EventIndexPage, EventPage


@receiver(post_save, sender=EventPage)
def rebuild_occurrences(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and update_fields is None:
        services.rebuild_occurrences(event=instance)


@receiver(post_save, sender=EventIndexPage)
def open_new_diary_to_posters(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        roles.grant_posting(diary=instance, groups=roles.posting_groups())


@receiver(post_save, sender=MemberTeam)
def let_member_team_post_events(sender, instance, created, raw=False, **kwargs):
    diary = EventIndexPage.objects.first()
    if created and not raw and diary:
        roles.grant_posting(diary=diary, groups=[instance.editors, instance.admins])


class _NotEventsMixin:
    """Wagtail's own notices link posters to the admin, which they may not open: for events they
    get ours instead (events.notifications), in the language they posted in."""

    def can_handle(self, instance, **kwargs):
        return super().can_handle(instance, **kwargs) and not notifications.is_event(instance)


class _ApprovalNotifier(_NotEventsMixin, WorkflowStateApprovalEmailNotifier):
    pass


class _RejectionNotifier(_NotEventsMixin, WorkflowStateRejectionEmailNotifier):
    pass


# Replace Wagtail's handlers under their own dispatch ids, whichever app's ready() runs first.
for signal, notifier, dispatch_uid in (
    (workflow_approved, _ApprovalNotifier(), "workflow_state_approved_email_notification"),
    (workflow_rejected, _RejectionNotifier(), "workflow_state_rejected_email_notification"),
):
    signal.disconnect(sender=WorkflowState, dispatch_uid=dispatch_uid)
    signal.connect(notifier, sender=WorkflowState, dispatch_uid=dispatch_uid, weak=False)

workflow_approved.connect(notifications.event_approved, sender=WorkflowState, dispatch_uid="events.approved")
workflow_rejected.connect(notifications.event_rejected, sender=WorkflowState, dispatch_uid="events.rejected")
