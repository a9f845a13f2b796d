from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, pgettext
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site

from translations.languages import text_language

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


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, parent=None, *links):
    """The trail to here: from the home page down to `parent`, then any `label, url` pairs."""
    request = context.get("request")
    trail = [
        {"title": ancestor.title, "url": ancestor.get_url(request=request)}
        for ancestor in (parent.get_ancestors(inclusive=True).filter(depth__gt=1) if parent else [])
    ]
    trail += [{"title": label, "url": url} for label, url in zip(links[::2], links[1::2], strict=True)]
    return {"trail": trail}


@register.simple_tag
def fallback_text_attrs(page, field="title"):
    """` lang dir` for a page's text where it shows in another language than the visitor's: the
    page's when the title is untranslated, else English where `field` alone falls back to it."""
    language = text_language(page)
    if field != "title" and not getattr(page, build_localized_fieldname(field, language), None):
        language = settings.LANGUAGE_CODE
    if language == get_language():
        return ""
    return format_html(' lang="{}" dir="{}"', language, "rtl" if get_language_info(language)["bidi"] else "ltr")


@register.simple_tag
def list_separator():
    """The comma between the items of a list, in the visitor's script (Arabic "، ", Japanese "、")."""
    return pgettext("between the items of a list", ", ")


@register.filter
def ltr(value):
    """An address or code inside a sentence, isolated so a right-to-left sentence keeps its order."""
    return format_html('<bdi dir="ltr">{}</bdi>', value)
