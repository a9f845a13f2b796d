from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from members.models import MemberPage
from portal.filter_forms import NOT_UNDERSTOOD
from portal.models import Theme

from .selectors import FilterChoices, NewsFilters, Source


class NewsFilterForm(forms.Form):
    """The news index's filters, also read by its feeds: every filtered view has a feed. Values
    are checked against everything that could exist; the options offered are those the
    published news is about."""

    source = forms.ChoiceField(
        label=_("Show"),
        required=False,
        widget=forms.HiddenInput,
        choices=[("", _("All news")), (Source.MEMBERS, _("From our members"))],
        error_messages=NOT_UNDERSTOOD,
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
        error_messages=NOT_UNDERSTOOD,
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        choices=[("", _("All countries")), *countries],
        error_messages=NOT_UNDERSTOOD,
    )
    member = forms.ModelChoiceField(
        label=_("Member"),
        required=False,
        queryset=MemberPage.objects.live(),
        empty_label=_("All members"),
        error_messages=NOT_UNDERSTOOD,
    )

    def filters(self) -> NewsFilters:
        """The valid filters; invalid ones are dropped (and shown as errors on the form)."""
        if not self.is_bound or (not self.is_valid() and not hasattr(self, "cleaned_data")):
            return NewsFilters()
        return NewsFilters(**{name: value for name in self.fields if (value := self.cleaned_data.get(name))})

    def offer(self, choices: FilterChoices, filters: NewsFilters) -> None:
        """The countries and members offered: those the news is about, and the one chosen."""
        codes = {*choices.country_codes, *([filters.country] if filters.country else [])}
        members = dict(choices.members)
        if filters.member:
            members.setdefault(filters.member.pk, filters.member.title)
        self.fields["country"].widget.choices = [
            ("", _("All countries")),
            *sorted(((code, countries.name(code)) for code in codes), key=lambda choice: str(choice[1]).casefold()),
        ]
        self.fields["member"].widget.choices = [
            ("", _("All members")),
            *sorted(members.items(), key=lambda choice: choice[1].casefold()),
        ]
