from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.filter_forms import NOT_UNDERSTOOD, FacetedFilterForm
from portal.models import Theme

from .models import FIRST_YEAR, LAST_YEAR, Series
from .selectors import PublicationFilters


class PublicationFilterForm(FacetedFilterForm):
    """The library's filters. Values are checked against everything that could exist; the
    options shown are those the other filters leave, with their counts."""

    series = forms.ChoiceField(label=_("Series"), required=False, choices=Series.choices, error_messages=NOT_UNDERSTOOD)
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        error_messages=NOT_UNDERSTOOD,
    )
    country = forms.ChoiceField(label=_("Country"), required=False, choices=countries, error_messages=NOT_UNDERSTOOD)
    language = forms.ChoiceField(
        label=_("Available in"), required=False, choices=settings.LANGUAGES, error_messages=NOT_UNDERSTOOD
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=forms.Select,
        error_messages=NOT_UNDERSTOOD,
    )

    filters_class = PublicationFilters
    ALL_LABELS = {
        "series": _("All series"),
        "theme": _("All themes"),
        "country": _("All countries"),
        "language": _("Any language"),
        "year": _("Any year"),
    }

    def option_label(self, name: str, value) -> str:
        if name == "country":
            return str(countries.name(value))
        if name == "series":
            return str(Series(value).label)
        if name == "language":
            return get_language_info(value)["name_local"]
        return str(value)
