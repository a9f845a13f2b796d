"""The translatable fields of a page as translators see them: what modeltranslation registers,
less the addresses (slugs and url paths follow from the titles)."""

import hashlib
import json
import re

from django.conf import settings
from django.db import models
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

NOT_FOR_TRANSLATORS = {"slug", "url_path"}


def translatable_fields(model: type[models.Model]) -> list[str]:
    """The model's translated fields in the order they are declared."""
    try:
        registered = translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return []
    names = [field.name for field in model._meta.get_fields() if field.name in registered]
    return [name for name in names if name not in NOT_FOR_TRANSLATORS]


def field_label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def target_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def value_in(instance: models.Model, field: str, language: str):
    return getattr(instance, build_localized_fieldname(field, language))


def source_value(instance: models.Model, field: str):
    return value_in(instance, field, settings.LANGUAGE_CODE)


def is_empty(value) -> bool:
    return (
        value is None
        or (hasattr(value, "__len__") and len(value) == 0)
        or (isinstance(value, str) and not value.strip())
    )


def digest(instance: models.Model, field: str, language: str) -> str:
    """A fingerprint of one language's value, to tell later whether it changed."""
    model_field = instance._meta.get_field(build_localized_fieldname(field, language))
    prepared = model_field.get_prep_value(value_in(instance, field, language))
    return hashlib.sha256(json.dumps(prepared, sort_keys=True, default=str).encode()).hexdigest()


_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def _canonical(value):
    """The content of a prepared value without what the admin's editors add on their own: block
    and list item ids, the list item wrapper, rich text's data-block-key attributes, empty members."""
    if isinstance(value, str):
        return _BLOCK_KEY.sub("", value).strip()
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    if isinstance(value, dict):
        if value.get("type") == "item" and set(value) <= {"type", "value", "id"}:
            return _canonical(value.get("value"))
        return {key: _canonical(item) for key, item in value.items() if key != "id" and item not in (None, "", [], {})}
    return value


def content_digest(instance: models.Model, field: str, language: str) -> str:
    """Like `digest`, but blind to an unchanged value saved again through the admin (which gives
    stream blocks, list items and rich text paragraphs keys of their own): what the translation
    state compares, so that re-saving a page does not make its translations look edited."""
    model_field = instance._meta.get_field(build_localized_fieldname(field, language))
    value = value_in(instance, field, language)
    prepared = None if is_empty(value) else model_field.get_prep_value(value)
    if isinstance(prepared, str) and prepared[:1] in "[{" and hasattr(model_field, "stream_block"):
        prepared = json.loads(prepared)
    canonical = _canonical(prepared) if prepared is not None else ""
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, default=str).encode()).hexdigest()
