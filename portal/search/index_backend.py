"""Wagtail's database search backend, indexing only the language fields that are filled.

wagtail-modeltranslation adds a SearchField per language (title_fr, summary_ar…); an empty
one is NULL, and the indexer writes NULL as the word "None", so a search for "none" found
almost every page. The index gets copies of the pages with those fields blank instead.

Settings: WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search.index_backend"}}
"""

import copy

from wagtail.search.backends.database import SearchBackend as database_backend
from wagtail.search.index import AutocompleteField, SearchField


def _with_blank_empty_fields(model, objs):
    names = [
        field.field_name
        for field in model.get_search_fields()
        if isinstance(field, (SearchField, AutocompleteField)) and model._has_field(field.field_name)
    ]
    for obj in objs:
        empty = [name for name in names if getattr(obj, name, "") is None]
        if empty:
            obj = copy.copy(obj)
            for name in empty:
                setattr(obj, name, "")
        yield obj


class FilledFieldsIndexMixin:
    def add_items(self, model, objs):
        return super().add_items(model, list(_with_blank_empty_fields(model, objs)))


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    backend = database_backend(params)
    index_class = backend.index_class
    backend.index_class = type(f"Filled{index_class.__name__}", (FilledFieldsIndexMixin, index_class), {})
    return backend
