"""The same page in every language: for the switcher, hreflang links and the canonical link."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Page

from .languages import is_translated


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    url: str
    is_current: bool
    is_rtl: bool
    is_translated: bool  # False: the page shows its English text under this language's address


def language_alternates(request: HttpRequest, page: Page | None = None) -> list[Alternate]:
    """One absolute URL per language for what the request shows, in LANGUAGES order."""
    current = translation.get_language()
    path = request.get_full_path()
    alternates = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            with translation.override(code):
                url = page.get_url(request=request) or translate_url(path, code)
            if request.GET:
                url = f"{url}?{request.GET.urlencode()}"
        else:
            url = translate_url(path, code)
        alternates.append(
            Alternate(
                code=code,
                name=name,
                url=request.build_absolute_uri(url),
                is_current=code == current,
                is_rtl=get_language_info(code)["bidi"],
                is_translated=page is None or is_translated(page, code),
            )
        )
    return alternates
