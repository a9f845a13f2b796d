"""Which languages a page is really written in. A page is translated into a language when its
title is: the other fields fall back to English one by one, but a page without its own title in
a language is the English page shown under that language's address."""

from django.conf import settings
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page


def is_translated(page: Page, language: str) -> bool:
    return language == settings.LANGUAGE_CODE or bool(getattr(page, build_localized_fieldname("title", language), ""))


def page_languages(page: Page) -> list[str]:
    """The languages the page has, in LANGUAGES order, English always among them."""
    return [code for code, _name in settings.LANGUAGES if is_translated(page, code)]


def text_language(page: Page) -> str:
    """The language the page's text shows in now: the visitor's when translated, else English."""
    language = get_language() or settings.LANGUAGE_CODE
    return language if is_translated(page, language) else settings.LANGUAGE_CODE
