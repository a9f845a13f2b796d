from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException

from ..models import ShowcaseInvolvement, ShowcasePage

register = template.Library()

EMBED_FAILURE_SECONDS = 60 * 60


@register.simple_tag
def member_showcases(member) -> list[ShowcaseInvolvement]:
    """The live showcases a member is involved in, with its role, newest first, in one query."""
    return list(
        ShowcaseInvolvement.objects.filter(member=member, showcase__in=ShowcasePage.objects.live().public())
        .select_related("showcase")
        .order_by("-showcase__start_date", "showcase__pk")
    )


@register.simple_tag
def story_embed(url: str, max_width: int | None = None) -> str:
    """Wagtail's `{% embed %}`, remembering a failure for an hour: the provider is asked over
    the network (up to ten seconds) and a failed answer is not stored, so a dead video would
    otherwise slow every visit. Empty when there is nothing to embed; the template links instead."""
    failure_key = f"showcases:embed-failed:{embeds.get_embed_hash(url, max_width)}"
    if cache.get(failure_key):
        return ""
    try:
        return mark_safe(embeds.get_embed(url, max_width=max_width).html)  # noqa: S308 - the provider's player
    except EmbedException:
        cache.set(failure_key, True, EMBED_FAILURE_SECONDS)
        return ""
