from django import template

from ..alternates import language_alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def page_alternates(context):
    """The current page in each language: `{% page_alternates as alternates %}`."""
    request = context.get("request")
    if request is None:
        return []
    return language_alternates(request, page=context.get("page"))
