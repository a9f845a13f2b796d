from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import MemberInvitation, MemberKind


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *MemberKind.choices])
    country = forms.ChoiceField(label=_("Country"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort"),
        required=False,
        choices=[("name", _("Name, A to Z")), ("joined", _("Most recent members"))],
    )

    def __init__(self, *args, country_codes: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        present = sorted(((code, countries.name(code)) for code in country_codes), key=lambda item: str(item[1]))
        self.fields["country"].choices = [("", _("All countries")), *present]


class InvitationForm(forms.ModelForm):
    class Meta:
        model = MemberInvitation
        fields = ["email", "role"]
