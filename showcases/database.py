"""The project database's listing and its CSV export (used by ShowcaseIndexPage)."""

import csv
import io
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import gettext as _
from django_countries import countries
from wagtail.models import Site

from . import selectors
from .forms import ShowcaseFilterForm
from .models import (
    ActivityType,
    InvolvementRole,
    Region,
    ShowcasePage,
    ShowcasePartner,
    ShowcaseStatus,
)

PAGE_SIZE = 24
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ShowcaseCard:
    showcase: ShowcasePage

    @property
    def lead(self):
        involvements = self.showcase.involvements.all()
        return next((i.member for i in involvements if i.role == InvolvementRole.LEAD), None)

    @property
    def years(self) -> str:
        start, end = self.showcase.start_date, self.showcase.end_date
        if not start:
            return str(end.year) if end else ""
        if end and end.year != start.year:
            return f"{start.year}–{end.year}"
        return str(start.year) if end else f"{start.year}–"


def _read(request) -> tuple[ShowcaseFilterForm, selectors.ShowcaseFilters]:
    form = ShowcaseFilterForm(request.GET or None)
    return form, form.filters()


def database_context(request, index_page) -> dict:
    form, filters = _read(request)
    published = selectors.published_showcases()
    search = selectors.search_condition(published, filters.q)
    form.show_counts(selectors.facet_options(published, filters, search), filters)
    showcases = selectors.filtered_showcases(published, filters, search)
    showcases = selectors.with_cards(selectors.ordered(showcases, filters))
    asked_page = request.GET.get("page", "")
    page = Paginator(showcases, PAGE_SIZE).get_page(asked_page)
    notices = []
    if form.errors:
        notices.append(
            _("Some of what you asked for could not be used as it was: see the messages beside the filters.")
        )
    if asked_page and asked_page != str(page.number):
        notices.append(_("That page does not exist: showing page %(number)s.") % {"number": page.number})
    query = filters.query_pairs()
    return {
        "filter_form": form,
        "filters": filters,
        "is_filtered": filters.is_filtered,
        "showcases": page,
        "cards": [ShowcaseCard(showcase) for showcase in page],
        "notices": notices,
        "querystring": urlencode(query),
        "csv_query": urlencode([*query, ("format", "csv")]),
    }


def _cell(value) -> str:
    """Text as a spreadsheet shows it, never as a formula it would run."""
    text = str(value or "")
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _date(value) -> str:
    return value.isoformat() if value else ""


def _number(value) -> str:
    return "" if value is None else str(value)


class _Labels:
    """Choice labels and country names, translated once per export rather than once per cell."""

    def __init__(self):
        self.choices = {
            name: {value: str(label) for value, label in choices}
            for name, choices in [
                ("region", Region.choices),
                ("status", ShowcaseStatus.choices),
                ("activity_type", ActivityType.choices),
                ("role", InvolvementRole.choices),
                ("kind", ShowcasePartner.Kind.choices),
            ]
        }
        self.countries = dict(countries)

    def __call__(self, name: str, value: str) -> str:
        return self.countries.get(value, "") if name == "country" else self.choices[name].get(value, "")


def _page_urls(request):
    """Full page addresses from url_path values, as Wagtail builds them for the request's site
    (its root's address, then the path below the root, quoted as `reverse` quotes it)."""
    root = Site.find_for_request(request).root_page
    root_url, root_path = root.get_full_url(request), root.url_path

    def url(path: str) -> str:
        if not path.startswith(root_path):
            return ""
        return root_url + quote(path[len(root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")

    return url


def _row(showcase: dict, details: selectors.ExportDetails, label: _Labels, url) -> list[str]:
    pk = showcase["pk"]
    members = details.members[pk]
    lead = next((name for role, name in members if role == InvolvementRole.LEAD), "")
    others = [f"{name} ({label('role', role)})" for role, name in members if role != InvolvementRole.LEAD]
    partners = [f"{name} ({label('kind', kind)})" for kind, name in details.partners[pk]]
    texts = [
        showcase["export_title"],
        url(showcase["export_path"]),
        showcase["export_city"],
        label("country", showcase["country"]),
        label("region", showcase["region"]),
        label("status", showcase["status"]),
        label("activity_type", showcase["activity_type"]),
    ]
    people = [lead, "; ".join(others), "; ".join(details.themes[pk]), "; ".join(partners)]
    return [
        *map(_cell, texts),
        _date(showcase["start_date"]),
        _date(showcase["end_date"]),
        _number(showcase["budget"]),
        _number(showcase["co_financing"]),
        *map(_cell, people),
    ]


def export_csv(request, index_page) -> HttpResponse:
    """The filtered showcases, one row each, in the visitor's language. Built in memory from a
    fixed number of queries; the byte-order mark makes Excel read it as UTF-8."""
    form, filters = _read(request)
    published = selectors.published_showcases()
    search = selectors.search_condition(published, filters.q)
    showcases = selectors.ordered(selectors.filtered_showcases(published, filters, search), filters)
    rows, details = selectors.for_export(showcases)
    label = _Labels()
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("Title"),
            _("Web address"),
            _("City"),
            _("Country"),
            _("Region"),
            _("Status"),
            _("Type of activity"),
            _("Start"),
            _("End"),
            _("Budget (USD)"),
            _("Co-financing (USD)"),
            _("Lead member"),
            _("Other members"),
            _("Themes"),
            _("Partners and consultants"),
        ]
    )
    url = _page_urls(request)
    writer.writerows(_row(showcase, details, label, url) for showcase in rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="showcases.csv"'
    return response
