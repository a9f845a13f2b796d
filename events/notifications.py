"""The poster hears how moderation went, in the language they posted in."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import override

from .models import EventPage


def _notify(workflow_state, *, approved: bool) -> None:
    event = EventPage.objects.filter(pk=workflow_state.object_id).first()
    poster = workflow_state.requested_by
    if event is None or poster is None or not poster.email:
        return
    task_state = workflow_state.task_states.order_by("-finished_at", "-pk").first()
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with override(event.original_language):
        context = {
            "event": event,
            "approved": approved,
            "comment": task_state.comment if task_state else "",
            "event_url": base + event.url if approved and event.live else "",
            "your_events_url": base + reverse("members:events:list"),
        }
        subject = render_to_string("events/email/moderated_subject.txt", context)
        body = render_to_string("events/email/moderated_body.txt", context)
    # A title can't break the header: Django refuses newlines in subjects, so fold them.
    send_mail(subject=" ".join(subject.split()), message=body, from_email=None, recipient_list=[poster.email])


def event_approved(sender, instance, **kwargs):
    if is_event(instance):
        _notify(instance, approved=True)


def event_rejected(sender, instance, **kwargs):
    if is_event(instance):
        _notify(instance, approved=False)


def is_event(workflow_state) -> bool:
    return issubclass(ContentType.objects.get_for_id(workflow_state.content_type_id).model_class(), EventPage)
