from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from members.models import MemberPage
from portal.filter_forms import NOT_UNDERSTOOD, FacetedFilterForm
from portal.models import Theme

from .models import ActivityType, Region, ShowcaseStatus
from .selectors import FIRST_YEAR, LAST_YEAR, FacetOption, ShowcaseFilters, Sort

SEARCH_LIMIT = 200


class ShowcaseFilterForm(FacetedFilterForm):
    """The project database's search, facets and sort. Values are checked against everything
    that could exist; the options shown are those the other filters leave, with their counts."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "maxlength": SEARCH_LIMIT}),
        error_messages=NOT_UNDERSTOOD,
    )
    country = forms.ChoiceField(label=_("Country"), required=False, choices=countries, error_messages=NOT_UNDERSTOOD)
    city = forms.CharField(
        label=_("City"), required=False, max_length=100, widget=forms.Select, error_messages=NOT_UNDERSTOOD
    )
    region = forms.ChoiceField(label=_("Region"), required=False, choices=Region.choices, error_messages=NOT_UNDERSTOOD)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        error_messages=NOT_UNDERSTOOD,
    )
    member = forms.ModelChoiceField(
        label=_("Member"), required=False, queryset=MemberPage.objects.live(), error_messages=NOT_UNDERSTOOD
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=ShowcaseStatus.choices, error_messages=NOT_UNDERSTOOD
    )
    activity_type = forms.ChoiceField(
        label=_("Type of activity"), required=False, choices=ActivityType.choices, error_messages=NOT_UNDERSTOOD
    )
    year = forms.IntegerField(
        label=_("Active in"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.Select,
        error_messages=NOT_UNDERSTOOD,
    )
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[
            (Sort.RELEVANCE, _("Best match")),
            (Sort.TITLE, _("Title, A to Z")),
            (Sort.NEWEST, _("Newest first")),
            (Sort.UPDATED, _("Recently updated")),
        ],
        error_messages=NOT_UNDERSTOOD,
    )

    filters_class = ShowcaseFilters
    ALL_LABELS = {
        "country": _("All countries"),
        "city": _("All cities"),
        "region": _("All regions"),
        "theme": _("All themes"),
        "member": _("All members"),
        "status": _("Any status"),
        "activity_type": _("All types"),
        "year": _("Any year"),
    }

    def __init__(self, data=None, *args, **kwargs):
        self.search_was_shortened = bool(data) and len(data.get("q", "")) > SEARCH_LIMIT
        if self.search_was_shortened:
            data = data.copy()
            data["q"] = data["q"][:SEARCH_LIMIT]
        super().__init__(data, *args, **kwargs)
        self.fields["city"].widget.attrs.pop("maxlength", None)

    def clean(self):
        cleaned = super().clean()
        if self.search_was_shortened and "q" in cleaned:
            query = cleaned["q"]
            self.add_error(
                "q",
                _("The search was too long: only its first %(limit)s characters are used.") % {"limit": SEARCH_LIMIT},
            )
            cleaned["q"] = query
        return cleaned

    def show_counts(self, facets: dict[str, list[FacetOption]], filters: ShowcaseFilters) -> None:
        super().show_counts(facets, filters)
        if not filters.q:
            self.fields["sort"].widget.choices = [
                choice for choice in self.fields["sort"].choices if choice[0] != Sort.RELEVANCE
            ]

    def option_label(self, name: str, value) -> str:
        if name == "country":
            return countries.name(value)
        if name in ("region", "status", "activity_type"):
            return str(dict(self.fields[name].choices).get(value, value))
        return str(value)
