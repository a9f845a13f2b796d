"""Small shapes that several resources of /api/v1/ embed: a choice, a language, a page named by
another (a member, a showcase), and the absolute addresses of pages and renditions. Countries and
themes are members.api's and showcases.api's, so the schema names each shape once."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from wagtail.models import Page


def page_url(page: Page, request) -> str:
    """The page's full address in the active language ("" when it is not routable)."""
    return page.get_full_url(request) or ""


def rendition_url(image, filter_spec: str, request) -> str | None:
    """The absolute address of an image's rendition; renditions prefetched by the selector are reused."""
    if image is None:
        return None
    return request.build_absolute_uri(image.get_rendition(filter_spec).url)


class ChoiceSerializer(serializers.Serializer):
    """A coded value with its label in the language of the response, e.g. {"value": "city", "label": "City"}."""

    value = serializers.CharField()
    label = serializers.CharField()

    @staticmethod
    def of(choices, value: str) -> dict:
        return {"value": value, "label": str(dict(choices.choices).get(value, value))}


class LanguageSerializer(serializers.Serializer):
    """A language, e.g. {"code": "fr", "name": "Français", "name_translated": "French"}."""

    code = serializers.CharField()
    name = serializers.CharField(help_text="Its name in itself.")
    name_translated = serializers.CharField(help_text="Its name in the language of the response.")

    @staticmethod
    def of(code: str) -> dict:
        info = get_language_info(code)
        return {"code": code, "name": info["name_local"], "name_translated": str(info["name_translated"])}


class PageReferenceSerializer(serializers.Serializer):
    """Another page this one names (a member, a showcase), with its address on the site."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, page) -> str:
        return page_url(page, self.context["request"])


class MemberReferenceSerializer(PageReferenceSerializer):
    """A member of the Alliance, e.g. {"id": 12, "title": "Slum Dwellers International", "acronym": "SDI"}."""

    acronym = serializers.CharField()


class _ModelChoiceField(django_filters.fields.ModelChoiceField):
    def to_python(self, value):
        # PostgreSQL refuses NUL in a query, and numbers past 18 digits overflow the database's
        # integers: both are a 400, not a 500.
        if isinstance(value, str) and ("\x00" in value or len(value.lstrip("-")) > 18 and value.lstrip("-").isdigit()):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.STR)
class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter that names its object by slug (a theme)."""

    field_class = _ModelChoiceField


@extend_schema_field(OpenApiTypes.INT)
class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter that names its object by id (a member)."""

    field_class = _ModelChoiceField


BAD_FILTER = "A filter is not valid."
# Ids as the routes take them: longer numbers overflow SQLite's integers (a 500); they are 404s
# from /api/'s catch-all instead.
ID_PATTERN = "[0-9]{1,18}"
ID_PARAMETER = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="The page's id.")
