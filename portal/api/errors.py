"""One JSON shape for every API error, whatever raised it:

    {"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"year": ["..."]}}}

`fields` is there only for validation errors, keyed by parameter or field name."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def _first_code(codes) -> str:
    """The first error code in DRF's nested codes (a string, or lists and dicts of them)."""
    while isinstance(codes, dict | list) and codes:
        codes = next(iter(codes.values())) if isinstance(codes, dict) else codes[0]
    return codes if isinstance(codes, str) else "invalid"


def _messages(errors) -> list[str]:
    """A field's messages as one flat list, also for the errors of a list's items ({"0": [...]})."""
    if isinstance(errors, dict):
        return [message for key, nested in errors.items() for message in _messages(nested)]
    if isinstance(errors, list):
        return [message for item in errors for message in _messages(item)]
    return [str(errors)]


def error_body(status_code: int, code: str, message: str, fields: dict | None = None) -> dict:
    error = {"status": status_code, "code": code, "message": message}
    if fields:
        error["fields"] = fields
    return {"error": error}


def exception_handler(exc, context):
    if isinstance(exc, Http404):  # DRF answers these too, but with Django's exception, without codes
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # not an API exception: Django's 500 handling, logged as any other
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        detail = {name: _messages(errors) for name, errors in detail.items()}
        response.data = error_body(
            response.status_code, _first_code(exc.get_codes()), _("The request is not valid."), detail
        )
    else:
        response.data = error_body(response.status_code, _first_code(exc.get_codes()), str(exc.detail))
    return response
