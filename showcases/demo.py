"""The demo project database for `manage.py seed_demo`: the showcase index in nine languages and
about thirty showcased activities, most under their lead member's page, with the members
involved, outside partners, themes and a few related showcases.

Running it again changes nothing: an existing index gets only its missing translations, and
showcases are created only while there are none."""

from datetime import date

from django.db import transaction
from django.utils import translation
from wagtail.models import Page

from members.models import MemberPage
from portal.demo import ensure_index_page, translated_fields
from portal.models import Theme

from . import demo_content
from .models import InvolvementRole, ShowcaseIndexPage, ShowcaseInvolvement, ShowcasePage, ShowcasePartner

# Copied as they are from the demo content to the page.
COPIED_FIELDS = ("country", "region", "activity_type", "status", "budget", "co_financing", "latitude", "longitude")


def ensure_demo_index(*, home: Page, stdout) -> ShowcaseIndexPage:
    return ensure_index_page(ShowcaseIndexPage, home=home, content=demo_content.INDEX, stdout=stdout)


def _body(paragraphs: str, data: dict, code: str) -> list[dict]:
    """The story: its text, then the quote and the key figures when the demo has them in `code`."""
    body = [{"type": "text", "value": paragraphs}]
    if quote := data.get("quote", {}).get(code):
        body.append({"type": "quote", "value": {"text": quote[0], "attribution": quote[1]}})
    if figures := data.get("figures", {}).get(code):
        body.append({"type": "key_figures", "value": [{"value": value, "label": label} for value, label in figures]})
    return body


def _showcase_page(data: dict, *, members: dict, themes: dict) -> ShowcasePage:
    text = data["text"]
    page = ShowcasePage(
        live=False,
        **translated_fields("title", {code: values[0] for code, values in text.items()}),
        **translated_fields("summary", {code: values[1] for code, values in text.items()}),
        **translated_fields("city", {code: values[3] for code, values in text.items()}),
        start_date=date(*data["start"]),
        end_date=date(*data["end"]) if data.get("end") else None,
        **{name: data[name] for name in COPIED_FIELDS if name in data},
    )
    for code, values in text.items():
        setattr(page, f"body_{code.replace('-', '_')}", _body(values[2], data, code))
    page.involvements = [
        ShowcaseInvolvement(member=members[slug], role=role)
        for slug, role in [(data.get("lead"), InvolvementRole.LEAD), *data.get("members", [])]
        if slug in members
    ]
    page.outside_partners = [
        ShowcasePartner(name=name, url=url, kind=kind) for name, url, kind in data.get("outside", [])
    ]
    page.themes = [themes[slug] for slug in data["themes"] if slug in themes]
    return page


@transaction.atomic
def ensure_demo_showcases(*, home: Page, stdout) -> ShowcaseIndexPage:
    """The project database and the demo showcases, unless there are showcases already. A
    showcase whose lead member is missing goes under the project database itself."""
    index = ensure_demo_index(home=home, stdout=stdout)
    if ShowcasePage.objects.exists():
        return index
    members = {member.slug_en: member for member in MemberPage.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    created = {}
    with translation.override("en"):
        for data in demo_content.SHOWCASES:
            page = _showcase_page(data, members=members, themes=themes)
            page.slug = data["slug"]
            members.get(data.get("lead"), index).add_child(instance=page)
            page.save_revision().publish()
            created[data["slug"]] = page
        for data in demo_content.SHOWCASES:
            if related := [created[slug] for slug in data.get("related", [])]:
                page = created[data["slug"]]
                page.related = related
                page.save_revision().publish()
    stdout.write(f"Created {len(created)} showcases.")
    return index
