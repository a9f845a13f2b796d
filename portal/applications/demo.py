"""The demo application form for `manage.py seed_demo`: the page under the home page in nine
languages (in the main menu), with its fields' labels, help texts and choices in each.

Running it again changes nothing: an existing form, the demo's or one made by hand, is kept."""

from django.db import transaction
from django.utils import translation
from wagtail.models import Page

from portal.demo import translated_fields

from . import demo_content
from .models import ApplicationFormField, ApplicationFormPage


def _fields() -> list[ApplicationFormField]:
    fields = []
    for position, (key, field_type, required) in enumerate(demo_content.FIELDS):
        labels = {code: text[key] for code, text in demo_content.LABELS.items()}
        choices = {code: "\n".join(values) for code, values in demo_content.CHOICES.get(key, {}).items()}
        fields.append(
            ApplicationFormField(
                sort_order=position,  # the order the form shows; without it PostgreSQL's order is arbitrary
                field_type=field_type,
                required=required,
                **translated_fields("label", {code: label for code, (label, _help) in labels.items()}),
                **translated_fields("help_text", {code: help_text for code, (_label, help_text) in labels.items()}),
                **translated_fields("choices", choices),
            )
        )
    return fields


@transaction.atomic
def ensure_demo_application_form(*, home: Page, stdout) -> ApplicationFormPage:
    existing = ApplicationFormPage.objects.first()
    if existing is not None:
        return existing
    page_text = demo_content.PAGE
    with translation.override("en"):
        page = ApplicationFormPage(
            show_in_menus=True,
            to_address=demo_content.SECRETARIAT_ADDRESS,
            **{
                **translated_fields("title", {code: values[0] for code, values in page_text.items()}),
                **translated_fields("slug", {code: values[1] for code, values in page_text.items()}),
                **translated_fields("intro", {code: values[2] for code, values in page_text.items()}),
                **translated_fields("thank_you_text", {code: values[3] for code, values in page_text.items()}),
                **translated_fields("subject", {code: values[4] for code, values in page_text.items()}),
                **translated_fields("acknowledgement", {code: values[5] for code, values in page_text.items()}),
            },
        )
        page.form_fields = _fields()
        home.add_child(instance=page)
        page.save_revision().publish()
    stdout.write(f"Created the application form {page.title!r} with {len(demo_content.FIELDS)} fields.")
    return page
