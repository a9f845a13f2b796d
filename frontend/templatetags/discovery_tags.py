from django import template
from wagtail.models import Page

from portal.discovery import share_card as build_share_card

register = template.Library()


@register.simple_tag(takes_context=True)
def share_card(context):
    """The Open Graph and X card of what the request shows: `{% share_card as card %}`."""
    request = context.get("request")
    if request is None:
        return None
    page = context.get("page")
    return build_share_card(request=request, page=page if isinstance(page, Page) else None)
