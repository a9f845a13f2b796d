"""Pages with translations, for the coverage and machine draft tests."""

import re

import pytest
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

from portal.models import StandardPage

BODY = [("text", "<p>Cities plan for everyone.</p>")]


@pytest.fixture
def make_page(home_page):
    """A published standard page: English title, intro and body, and `translations`
    {language: {field: value}}."""

    def make(title: str, *, translations: dict[str, dict] | None = None, intro: str = "An introduction.", body=BODY):
        values = {"title": title, "slug": re.sub(r"\W+", "-", title.lower()), "intro": intro, "body": body}
        for language, fields in (translations or {}).items():
            values |= {build_localized_fieldname(name, language): value for name, value in fields.items()}
        with translation.override("en"):
            page = home_page.add_child(instance=StandardPage(**values))
            page.save_revision().publish()
        return StandardPage.objects.get(pk=page.pk)

    return make
