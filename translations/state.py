"""Keeping FieldTranslation current, from one place: every save of a page's translated columns
(the admin's publish, a new page's first save, programmatic saves such as imports).

Wagtail's draft saves write a revision and only a few bookkeeping columns of the page (they pass
`update_fields`), so the rows follow the page table: what is published, or what a page that was
never published holds. The editor's panel compares the draft it shows with the rows the same way
(translations/coverage.py), so a draft's state is visible before it is published."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Page

from .fields import content_digest, is_empty, source_value, target_languages, translatable_fields, value_in
from .models import FieldTranslation

Key = tuple[str, str]  # (field, language)


@dataclass(frozen=True)
class Values:
    """What is needed of one field in one language to judge its translation."""

    source_empty: bool
    source_digest: str
    translation_empty: bool
    translation_digest: str


def source_values(page: Page, field: str) -> tuple[bool, str]:
    """Whether the English is empty, and its digest."""
    return is_empty(source_value(page, field)), content_digest(page, field, settings.LANGUAGE_CODE)


def field_values(page: Page, field: str, language: str, source: tuple[bool, str] | None = None) -> Values:
    source_empty, source_digest = source or source_values(page, field)
    return Values(
        source_empty=source_empty,
        source_digest=source_digest,
        translation_empty=is_empty(value_in(page, field, language)),
        translation_digest=content_digest(page, field, language),
    )


def apply_save(row: FieldTranslation, values: Values) -> bool:
    """The rule for a saved value; True when the row changed. A translation that differs from
    the recorded one was written now, from the English of now: by a person, unless it is the
    text the machine wrote (its draft being published)."""
    if values.translation_digest == row.translation_digest:
        return False
    row.translation_digest = values.translation_digest
    row.source_digest = values.source_digest
    if not values.translation_empty:  # an emptied field is missing whatever the mark says
        row.machine_translated = bool(row.machine_digest) and values.translation_digest == row.machine_digest
    return True


def _localized_columns(model) -> set[str]:
    fields = translatable_fields(model)
    return set(fields) | {build_localized_fieldname(field, code) for field in fields for code in _all_languages()}


def _all_languages() -> list[str]:
    return [settings.LANGUAGE_CODE, *target_languages()]


def _touches_translations(instance: Page, update_fields: Iterable[str] | None) -> bool:
    if update_fields is None:
        return True
    return bool(_localized_columns(type(instance)) & set(update_fields))


def _baseline(page: Page, rows: dict[Key, FieldTranslation]) -> None:
    """Rows for a page saved before this bookkeeping existed, from its values before this save:
    its filled translations count as written from the English it had then."""
    for field in translatable_fields(type(page)):
        for language in target_languages():
            if (field, language) not in rows and not is_empty(value_in(page, field, language)):
                values = field_values(page, field, language)
                rows[(field, language)] = FieldTranslation(
                    page_id=page.pk,
                    field=field,
                    language=language,
                    source_digest=values.source_digest,
                    translation_digest=values.translation_digest,
                )


def _has_translations(page: Page) -> bool:
    return any(
        not is_empty(value_in(page, field, language))
        for field in translatable_fields(type(page))
        for language in target_languages()
    )


@receiver(pre_save, dispatch_uid="translations_state_before_save")
def _read_state(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not isinstance(instance, Page) or not _touches_translations(instance, update_fields):
        return
    rows: dict[Key, FieldTranslation] = {}
    if instance.pk is not None:
        rows = {(row.field, row.language): row for row in FieldTranslation.objects.filter(page_id=instance.pk)}
        if not rows and _has_translations(instance):
            before = type(instance)._default_manager.filter(pk=instance.pk).first()
            if before is not None:
                _baseline(before, rows)
    instance._translation_rows = rows


@receiver(post_save, dispatch_uid="translations_state_after_save")
def _record_state(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    rows = instance.__dict__.pop("_translation_rows", None)
    if raw or rows is None:
        return
    record_page(instance, rows)


def record_page(page: Page, rows: dict[Key, FieldTranslation]) -> None:
    """Apply the rule to every translated field in every target language: one bulk insert and
    one bulk update at most."""
    new, changed = [], []
    for field in translatable_fields(type(page)):
        source = source_values(page, field)
        for language in target_languages():
            values = field_values(page, field, language, source)
            row = rows.get((field, language))
            if row is None:
                if values.translation_empty:
                    continue  # nothing written yet: nothing to remember
                new.append(
                    FieldTranslation(
                        page_id=page.pk,
                        field=field,
                        language=language,
                        source_digest=values.source_digest,
                        translation_digest=values.translation_digest,
                    )
                )
            elif row.pk is None:
                apply_save(row, values)
                new.append(row)
            elif apply_save(row, values):
                changed.append(row)
    if new:
        FieldTranslation.objects.bulk_create(new, ignore_conflicts=True)
    if changed:
        now = timezone.now()  # bulk_update leaves auto_now alone
        for row in changed:
            row.updated_at = now
        FieldTranslation.objects.bulk_update(
            changed, ["source_digest", "translation_digest", "machine_translated", "updated_at"]
        )


def record_missing_state(pages: Iterable[Page]) -> int:
    """Rows for the filled translations of pages that have none yet, as up to date (the
    `record_translation_state` command): pages created before this bookkeeping, or in bulk."""
    new = []
    for page in pages:
        rows: dict[Key, FieldTranslation] = {}
        _baseline(page, rows)
        new.extend(rows.values())
    FieldTranslation.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    return len(new)


def mark_reviewed(*, page: Page, language: str) -> int:
    """A person has read the machine's drafts in this language and keeps them."""
    return (
        FieldTranslation.objects.filter(page_id=page.pk, language=language)
        .exclude(machine_translated=False, machine_digest="")
        .update(machine_translated=False, machine_digest="", updated_at=timezone.now())
    )


def record_machine_drafts(*, page: Page, language: str, fields: list[str]) -> None:
    """Remember the machine's text for these fields (set on `page`, not yet saved), so that
    publishing it keeps the mark and a person's edit clears it."""
    rows = {row.field: row for row in FieldTranslation.objects.filter(page_id=page.pk, language=language)}
    new, changed = [], []
    for field in fields:
        values = field_values(page, field, language)
        row = rows.get(field)
        if row is None:
            row = FieldTranslation(page_id=page.pk, field=field, language=language)
            new.append(row)
        else:
            changed.append(row)
        row.machine_digest = values.translation_digest
        row.machine_translated = True
        if not row.translation_digest:
            row.source_digest = values.source_digest
    FieldTranslation.objects.bulk_create(new)
    if changed:
        now = timezone.now()
        for row in changed:
            row.updated_at = now
        FieldTranslation.objects.bulk_update(
            changed, ["machine_digest", "machine_translated", "source_digest", "updated_at"]
        )
