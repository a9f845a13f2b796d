from django import template
from django.utils import timezone

from ..grants.standards import StepState
from ..grants.views import proposal_summary as summarise

register = template.Library()


@register.simple_tag(takes_context=True)
def proposal_summary(context: template.Context) -> dict | None:
    """`{% proposal_summary as summary %}`: the signed-in user's proposals by state, or None.

    A tag rather than dashboard view context, so the dashboard shows it without knowing about grants."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return summarise(user=user, now=timezone.now())


# How each state reads at a glance; the state's name is always written next to the colour.
STATE_TONES = {
    StepState.MET: "ok",
    StepState.ON_TRACK: "ok",
    StepState.DUE_SOON: "warning",
    StepState.PAUSED: "warning",
    StepState.MISSED: "error",
    StepState.OVERDUE: "error",
}


@register.filter
def state_tone(state: StepState | None) -> str:
    """`status--{{ step.state|state_tone }}`: ok, warning or error."""
    return STATE_TONES.get(state, "")
