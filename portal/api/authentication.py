"""`Authorization: Bearer <key>` with a personal API token, as its user and nothing more.

The tokens are Wagtail's own (`wagtail.models.APIToken`: only an HMAC-SHA-256 digest of the key
is stored, the key is shown once), so there is one token table, whichever API reads it."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from wagtail.models import APIToken

INVALID = _("This token is not valid or has been revoked.")


def _last_used_precision() -> timedelta:
    # Wagtail's own setting for its API: one write a minute at most, however busy the token.
    return timedelta(seconds=getattr(settings, "WAGTAILAPI_TOKEN_LAST_USED_INTERVAL", 60) or 60)


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None  # no token: the session (or anonymity) decides
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer”, with no spaces in it."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(INVALID) from None
        if not APIToken.validate_token_format(key):
            raise exceptions.AuthenticationFailed(INVALID)
        token = (
            APIToken.objects.select_related("user")
            .filter(key_hash__in=APIToken.candidate_key_hashes(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID)
        self._note_use(token)
        return token.user, token

    def _note_use(self, token: APIToken) -> None:
        now, precision = timezone.now(), _last_used_precision()
        if token.last_used_at is None or now - token.last_used_at >= precision:
            APIToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now

    def authenticate_header(self, request) -> str:
        # First in DEFAULT_AUTHENTICATION_CLASSES, so an anonymous request to a protected endpoint is a 401.
        return 'Bearer realm="api"'


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made in the members' area. It can do exactly what its user can.",
        }
