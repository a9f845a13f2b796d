from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from members.models import MemberPage
from portal.models import Theme

from .models import Scope
from .selectors import DiaryFilters


class DiaryView:
    UPCOMING = "upcoming"
    MONTH = "month"
    PAST = "past"


class DiaryFilterForm(forms.Form):
    """The diary's filters, also read by its calendar feed: every filtered view has a feed."""

    view = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[(DiaryView.UPCOMING, _("Upcoming")), (DiaryView.MONTH, _("Month")), (DiaryView.PAST, _("Past"))],
    )
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    )
    scope = forms.ChoiceField(label=_("Scope"), required=False, choices=[("", _("All scopes")), *Scope.choices])
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    city = forms.ChoiceField(label=_("City"), required=False)
    member = forms.ModelChoiceField(
        label=_("Member"), required=False, queryset=MemberPage.objects.none(), empty_label=_("All members")
    )
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    FEED_FIELDS = ("scope", "theme", "country", "city", "member", "start", "end")

    def __init__(self, *args, country_codes=(), cities=(), **kwargs):
        super().__init__(*args, **kwargs)
        present = sorted(((code, countries.name(code)) for code in country_codes), key=lambda item: str(item[1]))
        self.fields["country"].choices = [("", _("All countries")), *present]
        self.fields["city"].choices = [("", _("All cities")), *((city, city) for city in cities)]
        self.fields["member"].queryset = MemberPage.objects.live().order_by("title_en")
        self.fields["month"].widget.attrs["max"] = "9999-12"

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end of the range is before its start."))
        return cleaned

    def filters(self) -> DiaryFilters:
        """The valid filters; invalid ones are dropped (and shown as errors on the form)."""
        if not self.is_bound or (not self.is_valid() and not hasattr(self, "cleaned_data")):
            return DiaryFilters()
        return DiaryFilters(**{name: self.cleaned_data.get(name) or None for name in self.FEED_FIELDS})
