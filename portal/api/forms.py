from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import APIToken


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=APIToken._meta.get_field("name").max_length,
        help_text=_("What the token is for, e.g. “Events on our website”. Only you see it."),
    )
