"""The pattern library: every component of the public site, rendered by its own template from
the site's own content, in English and in Arabic side by side."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from events.models import EventIndexPage
from members.models import MembersIndexPage
from portal.news.models import NewsIndexPage
from portal.publications.models import PublicationIndexPage
from showcases.models import ShowcaseIndexPage

from .templatetags.frontend_tags import breadcrumbs

SAMPLE_LANGUAGES = ("en", "ar")
CARDS_PER_SAMPLE = 2
LISTINGS = {
    "members": MembersIndexPage,
    "showcases": ShowcaseIndexPage,
    "diary": EventIndexPage,
    "news": NewsIndexPage,
    "library": PublicationIndexPage,
}


class SampleForm(forms.Form):
    """A form filled in wrongly, to show inline errors in the language of the sample."""

    name = forms.CharField(label=gettext_lazy("Name"))
    email = forms.EmailField(label=gettext_lazy("Email"))
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    message = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        raise forms.ValidationError(_("Please correct the fields marked below."))


@dataclass(frozen=True)
class SampleMessage:
    """Shaped like a message of `django.contrib.messages`, for the notices."""

    text: str
    tags: str

    def __str__(self) -> str:
        return self.text


class Samples:
    """The site's own listings as a visitor sees them, built once per sample language."""

    def __init__(self, request):
        self.request = request
        self._listings: dict[tuple, dict] = {}

    def listing(self, name: str, **query) -> dict:
        """The context a listing page (`members`, `diary`...) gives its template."""
        key = (name, *sorted(query.items()))
        if key not in self._listings:
            index = LISTINGS[name].objects.live().first()
            request = self.request
            if query:
                request = RequestFactory().get(self.request.path, query)
                request.user, request.session = self.request.user, self.request.session
            self._listings[key] = index.get_context(request) if index else {}
        return self._listings[key]

    def first(self, name: str, key: str) -> list:
        return list(self.listing(name).get(key) or [])[:CARDS_PER_SAMPLE]


@dataclass(frozen=True)
class Pattern:
    name: str
    template: str
    contexts: Callable[[Samples], list[dict]]  # one context per copy shown; none shows nothing
    wrapper: str = ""  # "tag.class" of the list that cards go in

    @property
    def slug(self) -> str:
        return self.template.rsplit("/", 1)[-1].removesuffix(".html").replace("_", "-")

    def render(self, samples: Samples) -> SafeString:
        html = "".join(
            render_to_string(self.template, context, request=samples.request) for context in self.contexts(samples)
        )
        if not self.wrapper:
            return mark_safe(html)  # noqa: S308 (our own templates' output)
        tag, css_class = self.wrapper.split(".")
        return format_html('<{0} class="{1}">{2}</{0}>', tag, css_class, mark_safe(html))  # noqa: S308


def _breadcrumbs(samples: Samples) -> list[dict]:
    diary = EventIndexPage.objects.live().first()
    return [breadcrumbs({"request": samples.request}, diary)] if diary else []


def _filter_panel(samples: Samples) -> list[dict]:
    form = samples.listing("showcases").get("filter_form")
    return [
        {
            "form": form,
            "label": _("Filter the showcases"),
            "submit_label": _("Show showcases"),
            "clear_url": samples.request.path,
            "is_filtered": True,
        }
    ] if form else []  # fmt: skip


def _tabs(samples: Samples) -> list[dict]:
    tabs = samples.listing("diary").get("tabs")
    return [{"tabs": tabs, "label": _("Diary views")}] if tabs else []


def _month(samples: Samples) -> list[dict]:
    return [samples.listing("diary", view="month")] if samples.listing("diary") else []


def _pagination(samples: Samples) -> list[dict]:
    return [{"items": Paginator(range(60), 10).get_page(2)}]


def _notices(samples: Samples) -> list[dict]:
    levels = [
        (_("The diary is updated every few minutes."), "info"),
        (_("Your event is published."), "success"),
        (_("This page is not translated into your language yet."), "warning"),
        (_("The grants system did not answer: these figures may be out of date."), "error"),
    ]
    return [{"messages": [SampleMessage(text, tags) for text, tags in levels]}]


def _form(samples: Samples) -> list[dict]:
    form = SampleForm({"name": "", "email": "not-an-address", "language": translation.get_language(), "message": ""})
    form.is_valid()
    return [{"form": form}]


def _empty_state(samples: Samples) -> list[dict]:
    message, action_label = _("No event matches these filters."), _("See all upcoming events")
    return [{"message": message, "action_label": action_label, "action_url": samples.request.path}]


def _cards(name, template: str, listing: str, key: str, variables, wrapper: str = "ul.card-grid") -> Pattern:
    """Cards from a listing's `key`, each item given to the card as `variables` (a name, or names to unpack)."""

    def contexts(samples: Samples) -> list[dict]:
        items = samples.first(listing, key)
        if isinstance(variables, str):
            return [{variables: item} for item in items]
        return [dict(zip(variables, item, strict=True)) for item in items]

    return Pattern(name, template, contexts, wrapper)


PATTERNS = [
    Pattern(gettext_lazy("Design tokens"), "frontend/patterns/tokens.html", lambda s: [{"groups": design_tokens()}]),
    Pattern(gettext_lazy("Text, buttons and badges"), "frontend/patterns/text.html", lambda s: [{}]),
    Pattern(gettext_lazy("Header"), "includes/header.html", lambda s: [{"page": None}]),
    Pattern(gettext_lazy("Footer"), "includes/footer.html", lambda s: [{}]),
    Pattern(gettext_lazy("Breadcrumbs"), "includes/breadcrumbs.html", _breadcrumbs),
    Pattern(gettext_lazy("Notices"), "includes/messages.html", _notices),
    _cards(gettext_lazy("Member cards"), "members/includes/member_card.html", "members", "members", "member"),
    _cards(gettext_lazy("Showcase cards"), "showcases/includes/showcase_card.html", "showcases", "cards", "card"),
    _cards(gettext_lazy("Event cards"), "events/includes/event_card.html", "diary", "entries", "entry", "ol.event-list"),  # noqa: E501
    _cards(gettext_lazy("News cards"), "news/includes/news_card.html", "news", "articles", "article"),
    _cards(
        gettext_lazy("Publication cards"), "publications/includes/publication_card.html", "library", "cards",
        ("publication", "downloads"),
    ),
    Pattern(gettext_lazy("Filter panel with counts"), "includes/filter_form.html", _filter_panel),
    Pattern(gettext_lazy("Tabs"), "includes/tabs.html", _tabs),
    Pattern(gettext_lazy("Month calendar"), "events/includes/month_calendar.html", _month),
    Pattern(gettext_lazy("Pagination"), "includes/pagination.html", _pagination),
    Pattern(gettext_lazy("Form with inline errors"), "includes/form_fields.html", _form),
    Pattern(gettext_lazy("Empty state"), "includes/empty_state.html", _empty_state),
]  # fmt: skip


def design_tokens() -> dict[str, list[tuple[str, str]]]:
    """The custom properties of the stylesheet's `:root`, grouped by the first word of their name."""
    with open(finders.find("css/portal.css"), encoding="utf-8") as stylesheet:
        root = re.search(r":root\s*\{(.*?)\}", stylesheet.read(), re.S).group(1)
    groups: dict[str, list[tuple[str, str]]] = {}
    for name, value in re.findall(r"--([\w-]+):\s*([^;]+);", root):
        groups.setdefault(name.split("-")[0], []).append((f"--{name}", value.strip()))
    return groups


def render_library(request) -> list[dict]:
    """Each pattern with one sample per sample language, each rendered in that language."""
    samples = {code: Samples(request) for code in SAMPLE_LANGUAGES}
    library = []
    for pattern in PATTERNS:
        rendered = []
        for code in SAMPLE_LANGUAGES:
            with translation.override(code):
                rendered.append({"language": get_language_info(code), "html": pattern.render(samples[code])})
        library.append({"pattern": pattern, "samples": rendered})
    return library
