from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group

from portal.roles import CITY_AND_PARTNER_CONTRIBUTORS


class AccountAdapter(DefaultAccountAdapter):
    """Everyone who signs up on the site is a city or partner contributor."""

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            user.groups.add(Group.objects.get_or_create(name=CITY_AND_PARTNER_CONTRIBUTORS)[0])
        return user
