"""Changing pages as the admin does, and reading the editor's Translations tab."""

import re

from portal.models import StandardPage


def publish(page, **columns) -> StandardPage:
    """Change columns (`body_en=...`) in a new revision and publish it, as the admin does."""
    page = StandardPage.objects.get(pk=page.pk)
    for name, value in columns.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def panel_row(html: str, language: str) -> str:
    """The editor's Translations row of one language."""
    match = re.search(rf'<tr data-translation-language="{language}">(.*?)</tr>', html, re.S)
    assert match, f"no row for {language}"
    return match.group(1)


def statuses_in(row: str) -> dict[str, str]:
    """status -> the fields listed with it in a panel row."""
    return {
        status: fields.strip()
        for status, fields in re.findall(r'data-translation-status="(\w+)"><span[^>]*>[^<]*</span>([^<]*)</div>', row)
    }
