"""What the site's listing filters share: a value that cannot be used is dropped with a message
beside its filter, and each facet offers the options the other filters leave, with their counts."""

from django import forms
from django.utils.translation import gettext_lazy as _

IGNORED = _("This value was not understood, so it is ignored.")
NOT_UNDERSTOOD = dict.fromkeys(
    (
        "invalid",
        "invalid_choice",
        "invalid_pk_value",
        "max_length",
        "min_value",
        "max_value",
        "null_characters_not_allowed",
    ),
    IGNORED,
)


class FacetedFilterForm(forms.Form):
    """`filters_class` is the listing's dataclass of filters (with `param(name)`, the value as
    in the URL); `ALL_LABELS` the empty choice of each facet."""

    filters_class: type
    ALL_LABELS: dict[str, str]

    def filters(self):
        """The valid filters; invalid ones are dropped (and shown as errors on the form)."""
        if not self.is_bound or (not self.is_valid() and not hasattr(self, "cleaned_data")):
            return self.filters_class()
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        return self.filters_class(**{name: value for name, value in values.items() if value not in (None, "")})

    def show_counts(self, facets: dict[str, list], filters) -> None:
        """Each facet offers its options with their counts, and the chosen one even when the
        other filters leave it nothing (with a count of 0), so the visitor sees what they chose."""
        for name, options in facets.items():
            chosen, chosen_value = getattr(filters, name), filters.param(name)
            shown = [(option.value, f"{option.label} ({option.count})") for option in options]
            if chosen_value and chosen_value not in {option.value for option in options}:
                shown.append((chosen_value, f"{self.option_label(name, chosen)} (0)"))
            self.fields[name].widget.choices = [("", self.ALL_LABELS[name]), *shown]

    def option_label(self, name: str, value) -> str:
        return str(value)
