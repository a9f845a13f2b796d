from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from portal.models import Theme

from .models import FIRST_YEAR, LAST_YEAR, Series
from .selectors import FacetOption, PublicationFilters

IGNORED = _("This value was not understood, so it is ignored.")
NOT_UNDERSTOOD = {
    "invalid": IGNORED,
    "invalid_choice": IGNORED,
    "invalid_pk_value": IGNORED,
    "min_value": IGNORED,
    "max_value": IGNORED,
}


class PublicationFilterForm(forms.Form):
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

    ALL_LABELS = {
        "series": _("All series"),
        "theme": _("All themes"),
        "country": _("All countries"),
        "language": _("Any language"),
        "year": _("Any year"),
    }

    def filters(self) -> PublicationFilters:
        """The valid filters; invalid ones are dropped (and shown as errors on the form)."""
        if not self.is_bound or (not self.is_valid() and not hasattr(self, "cleaned_data")):
            return PublicationFilters()
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        return PublicationFilters(**{name: value for name, value in values.items() if value not in (None, "")})

    def show_counts(self, facets: dict[str, list[FacetOption]], filters: PublicationFilters) -> None:
        """Each filter offers the options that have publications (and the chosen one), with counts."""
        for name, options in facets.items():
            chosen, chosen_value = getattr(filters, name), filters.param(name)
            shown = [(option.value, f"{option.label} ({option.count})") for option in options]
            if chosen_value and chosen_value not in {option.value for option in options}:
                shown.append((chosen_value, f"{self._label(name, chosen)} (0)"))
            self.fields[name].widget.choices = [("", self.ALL_LABELS[name]), *shown]

    def _label(self, name: str, value) -> str:
        if name == "country":
            return str(countries.name(value))
        if name == "series":
            return str(Series(value).label)
        if name == "language":
            return get_language_info(value)["name_local"]
        return str(value)
