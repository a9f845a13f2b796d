"""How far each page is translated: the state of every translated field in every target language,
for the editor's panel (one page) and the coverage report (every live page, a fixed number of
queries whatever the number of pages)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from .fields import field_label, target_languages, translatable_fields
from .models import FieldTranslation
from .state import Values, field_values, source_values


class Status(StrEnum):
    MISSING = "missing"  # the English has text, the translation has none
    STALE = "stale"  # the English changed after the translation was last written
    MACHINE = "machine"  # the translation service wrote it and nobody has reviewed it yet
    DONE = "done"

    @property
    def label(self):
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.MISSING: _("Missing"),
    Status.STALE: _("Out of date"),
    Status.MACHINE: _("Machine draft"),
    Status.DONE: _("Done"),
}
PROBLEMS = (Status.MISSING, Status.STALE, Status.MACHINE)


@dataclass(frozen=True)
class Recorded:
    """What FieldTranslation remembers of one field (the report reads rows as plain values)."""

    source_digest: str
    translation_digest: str
    machine_digest: str
    machine_translated: bool


def field_status(values: Values, row: Recorded | FieldTranslation | None) -> Status | None:
    """None when the English is empty: there is nothing to translate.

    The values may be a draft's: a translation that differs from the recorded one counts as it
    will once saved (translations/state.py applies the same rule)."""
    if values.source_empty:
        return None
    if values.translation_empty:
        return Status.MISSING
    if row is None:
        return Status.DONE  # translated before this bookkeeping began: taken as up to date
    if values.translation_digest != row.translation_digest:
        is_machine = bool(row.machine_digest) and values.translation_digest == row.machine_digest
        return Status.MACHINE if is_machine else Status.DONE
    if values.source_digest != row.source_digest:
        return Status.STALE
    if row.machine_translated:
        return Status.MACHINE
    return Status.DONE


def page_models() -> list[type[Page]]:
    """The page types with translated fields of their own, Wagtail's base Page left out."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and model is not Page and translatable_fields(model)
    ]


def page_states(page: Page, languages: list[str] | None = None) -> dict[str, dict[str, Status]]:
    """Language -> field -> status for one page (a draft or the saved page), in one query."""
    languages = languages or target_languages()
    rows = {
        (row.field, row.language): row
        for row in FieldTranslation.objects.filter(page_id=page.pk, language__in=languages)
    }
    states: dict[str, dict[str, Status]] = {language: {} for language in languages}
    for name in translatable_fields(type(page)):
        source = source_values(page, name)
        for language in languages:
            status = field_status(field_values(page, name, language, source), rows.get((name, language)))
            if status is not None:
                states[language][name] = status
    return states


@dataclass
class Counts:
    done: int = 0
    missing: int = 0
    stale: int = 0
    machine: int = 0

    def add(self, status: Status) -> None:
        setattr(self, status.value, getattr(self, status.value) + 1)

    @property
    def total(self) -> int:
        return self.done + self.missing + self.stale + self.machine

    @property
    def percent(self) -> float | None:
        return round(100 * self.done / self.total, 1) if self.total else None


@dataclass
class PageCoverage:
    page_id: int
    title: str
    path: str
    model: type[Page]
    # language -> status -> labels of the fields in that state (problems only)
    problems: dict[str, dict[Status, list[str]]] = field(default_factory=dict)

    @property
    def type_label(self) -> str:
        return str(self.model._meta.verbose_name)

    @cached_property
    def edit_url(self) -> str:
        return reverse("wagtailadmin_pages:edit", args=(self.page_id,))

    def problem_rows(self, languages: list[tuple[str, str]]) -> list[tuple[str, str, list[tuple[Status, list[str]]]]]:
        """(code, name, [(status, fields)]) for the languages where something is to do."""
        rows = []
        for code, name in languages:
            by_status = self.problems.get(code, {})
            entries = [(status, by_status[status]) for status in PROBLEMS if by_status.get(status)]
            if entries:
                rows.append((code, name, entries))
        return rows


@dataclass
class Report:
    languages: list[tuple[str, str]]
    by_language: dict[str, Counts]
    by_type: list[tuple[type[Page], dict[str, Counts]]]
    pages: list[PageCoverage]  # the pages with something to do, in tree order


def coverage_report(*, languages: list[str] | None = None, model: type[Page] | None = None) -> Report:
    """Every live page's translations: one query for the page types present, one per type, one
    for the recorded states."""
    languages = languages or target_languages()
    names = dict(settings.LANGUAGES)
    live = Page.objects.live().filter(depth__gt=1)
    content_type_ids = set(live.values_list("content_type_id", flat=True).distinct())
    models = [m for m in page_models() if model is None or m is model]
    content_types = ContentType.objects.get_for_models(*models) if models else {}
    present = [m for m in models if content_types[m].pk in content_type_ids]

    recorded: dict[tuple[int, str, str], Recorded] = {
        (page_id, name, language): Recorded(*values)
        for page_id, name, language, *values in FieldTranslation.objects.filter(
            page__live=True, page__content_type_id__in=[content_types[m].pk for m in present], language__in=languages
        ).values_list(
            "page_id",
            "field",
            "language",
            "source_digest",
            "translation_digest",
            "machine_digest",
            "machine_translated",
        )
    }

    by_language = {code: Counts() for code in languages}
    by_type = []
    pages = []
    for page_model in present:
        fields = translatable_fields(page_model)
        columns = {
            build_localized_fieldname(name, code) for name in fields for code in [settings.LANGUAGE_CODE, *languages]
        }
        queryset = (
            page_model.objects.live()
            .filter(content_type=content_types[page_model])
            .only("id", "path", "content_type", *sorted(columns))
        )
        type_counts = {code: Counts() for code in languages}
        for page in queryset:
            coverage = PageCoverage(
                page_id=page.pk, title=page.title_en or "", path=page.path, model=page_model, problems={}
            )
            for name in fields:
                source = source_values(page, name)
                for code in languages:
                    status = field_status(field_values(page, name, code, source), recorded.get((page.pk, name, code)))
                    if status is None:
                        continue
                    by_language[code].add(status)
                    type_counts[code].add(status)
                    if status is not Status.DONE:
                        coverage.problems.setdefault(code, defaultdict(list))[status].append(
                            field_label(page_model, name)
                        )
            if coverage.problems:
                pages.append(coverage)
        by_type.append((page_model, type_counts))
    pages.sort(key=lambda coverage: coverage.path)
    by_type.sort(key=lambda item: str(item[0]._meta.verbose_name))
    return Report(
        languages=[(code, names[code]) for code in languages],
        by_language=by_language,
        by_type=by_type,
        pages=pages,
    )
