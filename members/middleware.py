"""Two-factor sign-in, required of the accounts that can change the whole site."""

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from portal.roles import COMMUNICATIONS_TEAM


def two_factor_required(user) -> bool:
    """The communications team and Wagtail's superusers; members and city staff may choose."""
    return user.is_superuser or user.groups.filter(name=COMMUNICATIONS_TEAM).exists()


class RequireStaffTwoFactorMiddleware:
    """Send such a user without an authenticator app to allauth's set-up page from every page
    of the admin and the members' area. Everything else (the account pages, signing out, static
    files, the public site) stays open, so they can always set it up or leave."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_set_up_two_factor(request):
            messages.warning(
                request,
                _(
                    "Your account can change the whole portal, so it must be protected by two-factor "
                    "authentication. Set up an authenticator app to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    def _must_set_up_two_factor(self, request: HttpRequest) -> bool:
        if not settings.MFA_REQUIRED_FOR_STAFF or not request.user.is_authenticated:
            return False
        path = request.path_info
        # The members' area is under a translated prefix: LocaleMiddleware has already
        # activated the request's language, so reverse() gives this request's spelling of it.
        guarded = (reverse("wagtailadmin_home"), reverse("members:dashboard"))
        if not path.startswith(guarded) or path == reverse("wagtailadmin_logout"):
            return False
        return two_factor_required(request.user) and not is_mfa_enabled(request.user, [Authenticator.Type.TOTP])
