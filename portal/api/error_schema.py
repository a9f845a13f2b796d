"""The error shape of portal/api/errors.py, described for the OpenAPI schema."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}})
class FieldErrorsField(serializers.DictField):
    pass


class ApiErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text=_("The HTTP status, e.g. 400."))
    code = serializers.CharField(help_text=_("e.g. invalid, not_authenticated, permission_denied, not_found."))
    message = serializers.CharField(help_text=_("In the language of the response."))
    fields = FieldErrorsField(
        required=False, help_text=_("Validation errors only: the messages for each field or parameter.")
    )


class ApiErrorSerializer(serializers.Serializer):
    """`{"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"title": ["..."]}}}`"""

    error = ApiErrorDetailSerializer()


def error_response(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ApiErrorSerializer, description=description)
