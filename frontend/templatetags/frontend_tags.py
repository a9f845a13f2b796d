from django import template
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The home page's children marked "show in menus", in the visitor's language."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    current = context.get("page")
    return [
        {"title": child.title, "url": child.get_url(request=request), "is_current": current and child.pk == current.pk}
        for child in site.root_page.get_children().live().in_menu().public()
    ]
